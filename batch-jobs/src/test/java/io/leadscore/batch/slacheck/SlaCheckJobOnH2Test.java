package io.leadscore.batch.slacheck;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.TestStores;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBatchTest
@SpringBootTest(classes = BatchTestApplication.class)
class SlaCheckJobOnH2Test extends SlaCheckJobTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.h2(registry);
    }
}

package io.leadscore.batch.store;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.TestStores;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = BatchTestApplication.class)
class BulkLoadOnH2Test extends BulkLoadTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.h2(registry);
    }
}

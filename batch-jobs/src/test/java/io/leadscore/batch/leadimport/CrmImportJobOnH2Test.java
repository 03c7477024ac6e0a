package io.leadscore.batch.leadimport;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.TestStores;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBatchTest
@SpringBootTest(classes = BatchTestApplication.class)
class CrmImportJobOnH2Test extends CrmImportJobTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.h2(registry);
    }
}

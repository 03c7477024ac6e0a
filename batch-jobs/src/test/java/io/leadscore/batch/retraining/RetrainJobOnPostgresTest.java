package io.leadscore.batch.retraining;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.RequiresPostgres;
import io.leadscore.batch.TestStores;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@RequiresPostgres
@SpringBatchTest
@SpringBootTest(classes = BatchTestApplication.class)
class RetrainJobOnPostgresTest extends RetrainJobTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.postgres(registry);
    }
}

package io.leadscore.batch.rescoring;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.RequiresPostgres;
import io.leadscore.batch.TestStores;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@RequiresPostgres
@SpringBatchTest
@SpringBootTest(classes = BatchTestApplication.class, properties = "leadscore.rescore.chunk-size=100")
class RescoreJobOnPostgresTest extends RescoreJobTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.postgres(registry);
    }
}

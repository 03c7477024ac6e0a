package io.leadscore.batch.stages;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.RequiresPostgres;
import io.leadscore.batch.TestStores;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@RequiresPostgres
@SpringBootTest(classes = BatchTestApplication.class)
class StageTransitionsOnPostgresTest extends StageTransitionsTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.postgres(registry);
    }
}

package io.leadscore.batch.stages;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.TestStores;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = BatchTestApplication.class)
class StageTransitionsOnH2Test extends StageTransitionsTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.h2(registry);
    }
}

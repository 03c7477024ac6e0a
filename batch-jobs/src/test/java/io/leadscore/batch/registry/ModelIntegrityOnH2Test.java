package io.leadscore.batch.registry;

import io.leadscore.batch.BatchTestApplication;

import io.leadscore.batch.TestStores;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = BatchTestApplication.class)
class ModelIntegrityOnH2Test extends ModelIntegrityTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.h2(registry);
    }
}

package io.leadscore.batch.liveevents;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.TestStores;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = {BatchTestApplication.class, LiveEventsTest.Clocks.class},
        properties = "leadscore.rescore.chunk-size=100")
class LiveEventsOnH2Test extends LiveEventsTest {
    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.h2(registry);
    }
}

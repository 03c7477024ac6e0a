package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The product's clock reads in whole microseconds, as the store keeps time: what it answers is what it stored. */
class StoreConfigurationTest {
    @Test
    void theClockTicksInWholeMicroseconds() {
        Clock clock = new StoreConfiguration().clock();
        Instant before = Instant.now();
        for (int i = 0; i < 1_000; i++) {
            assertThat(clock.instant().getNano() % 1_000).isZero();
        }
        assertThat(clock.instant()).isAfterOrEqualTo(before.minusMillis(1));
    }
}

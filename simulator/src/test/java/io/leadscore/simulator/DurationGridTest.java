package io.leadscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.simulator.calibration.Defaults;
import io.leadscore.simulator.calibration.LogNormalDays;
import io.leadscore.simulator.calibration.Provenance;
import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Test;

class DurationGridTest {

    @Test
    void decidesAsTheDirectComparisonWould() {
        // The default sales cycle (P10 30 d, P90 90 d) against bounds from an hour to a year, and a fixed duration.
        for (LogNormalDays days : new LogNormalDays[] {Defaults.salesCycle(), Defaults.qualificationLag(),
                LogNormalDays.fixed(2, Provenance.byDefault("test"))}) {
            DurationGrid grid = new DurationGrid(days);
            long key = Streams.childKey(3, 1);
            for (int i = 0; i < 20_000; i++) {
                double u = Streams.uniform(key, 2L * i);
                double bound = 24 * 365 * Streams.uniform(key, 2L * i + 1);
                assertThat(grid.shorterThan(u, bound)).as("u %s, bound %s h", u, bound)
                        .isEqualTo(24 * days.quantile(u) < bound);
                assertThat(grid.hours(u)).isEqualTo(24 * days.quantile(u));
            }
            // Bounds exactly at a tabulated point: the bracket's edge must not decide wrongly.
            assertThat(grid.shorterThan(0.5, 24 * days.quantile(0.5))).isFalse();
            assertThat(grid.shorterThan(0.5, Math.nextUp(24 * days.quantile(0.5)))).isTrue();
        }
    }
}

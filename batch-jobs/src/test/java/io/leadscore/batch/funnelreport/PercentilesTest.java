package io.leadscore.batch.funnelreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Expected values as R's quantile(x, type = 7) and Excel's PERCENTILE.INC give them. */
class PercentilesTest {

    @Test
    void interpolatesBetweenTheClosestRanks() {
        double[] hours = {1, 2, 12, 24, 30, 100};

        assertThat(Percentiles.of(hours, 0.5)).isEqualTo(18.0);   // rank 2.5: 12 + 0.5 * (24 - 12)
        assertThat(Percentiles.of(hours, 0.9)).isEqualTo(65.0);   // rank 4.5: 30 + 0.5 * (100 - 30)
        assertThat(Percentiles.of(hours, 0.25)).isEqualTo(4.5);   // rank 1.25: 2 + 0.25 * (12 - 2)
    }

    @Test
    void theEndsAreTheSmallestAndLargestValues() {
        double[] hours = {3, 5, 8};

        assertThat(Percentiles.of(hours, 0)).isEqualTo(3.0);
        assertThat(Percentiles.of(hours, 1)).isEqualTo(8.0);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(Percentiles.of(new double[] {7}, 0.9)).isEqualTo(7.0);
    }

    @Nested
    class Refuses {
        @Test
        void anEmptySample() {
            assertThatThrownBy(() -> Percentiles.of(new double[0], 0.5)).hasMessageStartingWith("Invalid sample: empty");
        }

        @Test
        void aPercentileOutsideZeroToOne() {
            assertThatThrownBy(() -> Percentiles.of(new double[] {1}, 1.5)).hasMessageStartingWith("Invalid percentile: 1.5");
            assertThatThrownBy(() -> Percentiles.of(new double[] {1}, Double.NaN)).hasMessageStartingWith("Invalid percentile: NaN");
        }
    }
}

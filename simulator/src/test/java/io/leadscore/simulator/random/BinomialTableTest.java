package io.leadscore.simulator.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BinomialTableTest {

    @Test
    void givesTheSameQuantilesAsTheDirectInversion() {
        // The default scenario's day: about 71 leads, 17.5% of them MQLs; rows from 20 to 140 leads.
        BinomialTable table = BinomialTable.of(0.175, 20, 140);
        long key = Streams.childKey(9, 1);
        for (int n = 20; n <= 140; n += 7) {
            for (int i = 0; i < 2_000; i++) {
                double u = Streams.uniform(key, (long) n * 10_000 + i);
                assertThat(table.inverse(u, n)).as("n %d, u %s", n, u).isEqualTo(DiscreteQuantiles.binomial(u, n, 0.175));
            }
        }
    }

    @Test
    void moreTrialsNeverGiveFewerSuccessesForTheSameUniform() {
        // Common random numbers: more leads on a day only add MQLs.
        BinomialTable table = BinomialTable.of(0.3, 0, 300);
        long key = Streams.childKey(4, 2);
        for (int i = 0; i < 500; i++) {
            double u = Streams.uniform(key, i);
            for (int n = 1; n <= 300; n++) {
                assertThat(table.inverse(u, n)).isGreaterThanOrEqualTo(table.inverse(u, n - 1));
            }
        }
    }

    @Test
    void edgeRatesAndCoverage() {
        assertThat(BinomialTable.of(0, 0, 10).inverse(0.99, 10)).isZero();
        assertThat(BinomialTable.of(1, 0, 10).inverse(0.01, 7)).isEqualTo(7);
        assertThat(BinomialTable.of(0.5, 0, 10).inverse(0.5, 0)).isZero();
        BinomialTable table = BinomialTable.of(0.2, 5, 9);
        assertThat(table.covers(5)).isTrue();
        assertThat(table.covers(10)).isFalse();
        // A table that would not fit is not built: the caller computes each quantile directly.
        assertThat(BinomialTable.of(0.5, 0, 1_000_000)).isNull();
    }

    @Nested
    class Rejects {

        @Test
        void badArguments() {
            assertThatThrownBy(() -> BinomialTable.of(1.5, 0, 3)).hasMessageContaining("Invalid binomial probability: 1.5");
            assertThatThrownBy(() -> BinomialTable.of(0.5, 4, 3)).hasMessageContaining("Invalid binomial trial range: 4 to 3");
            assertThatThrownBy(() -> BinomialTable.of(0.5, 0, 3).inverse(0.5, 4)).hasMessageContaining("the table holds 0 to 3");
            assertThatThrownBy(() -> BinomialTable.of(0.5, 0, 3).inverse(1.0, 2)).hasMessageContaining("Invalid uniform: 1.0");
        }
    }
}

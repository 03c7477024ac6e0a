package io.leadscore.simulator.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DiscreteQuantilesTest {

    private static final double[] PROBABILITIES = {1e-12, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-9};

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 3.5, 29.9, 30, 71.4, 500, 5_000, 250_000})
    void poissonInverseIsTheSmallestKWhoseCdfReachesU(double mean) {
        // commons-math's Poisson CDF (regularised gamma) is the reference; 1e-9 absorbs its own rounding.
        PoissonDistribution reference = new PoissonDistribution(null, mean, 1e-12, 10_000_000);
        for (double u : PROBABILITIES) {
            int k = DiscreteQuantiles.poisson(u, mean);
            assertThat(reference.cumulativeProbability(k)).as("F(%d) at mean %s, u %s", k, mean, u).isGreaterThanOrEqualTo(u - 1e-9);
            if (k > 0) {
                assertThat(reference.cumulativeProbability(k - 1)).as("F(%d)", k - 1).isLessThan(u + 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 71, 400, 10_000})
    void binomialInverseIsTheSmallestKWhoseCdfReachesU(int n) {
        for (double p : new double[] {0.01, 0.175, 0.5, 0.93}) {
            BinomialDistribution reference = new BinomialDistribution(null, n, p);
            for (double u : PROBABILITIES) {
                int k = DiscreteQuantiles.binomial(u, n, p);
                assertThat(k).isBetween(0, n);
                assertThat(reference.cumulativeProbability(k)).as("n %d p %s u %s k %d", n, p, u, k)
                        .isGreaterThanOrEqualTo(u - 1e-9);
                if (k > 0) {
                    assertThat(reference.cumulativeProbability(k - 1)).isLessThan(u + 1e-9);
                }
            }
        }
    }

    @Test
    void inversesAreMonotoneInTheirSizeForAFixedUniform() {
        // The coupling the planner relies on: more volume never draws fewer leads or MQLs.
        long key = Streams.childKey(1, 2);
        for (int i = 0; i < 2_000; i++) {
            double u = Streams.uniform(key, i);
            int previous = 0;
            for (double mean = 0; mean < 200; mean += 7.3) {
                int k = DiscreteQuantiles.poisson(u, mean);
                assertThat(k).isGreaterThanOrEqualTo(previous);
                previous = k;
            }
            previous = 0;
            for (int n = 0; n < 300; n += 11) {
                int k = DiscreteQuantiles.binomial(u, n, 0.175);
                assertThat(k).isGreaterThanOrEqualTo(previous);
                previous = k;
            }
        }
    }

    @Test
    void poissonDrawsPassAChiSquareTest() {
        // 20,000 draws at mean 71.4 (500 leads a week, one day): bins with at least 100 expected, p > 0.001.
        double mean = 500 / 7.0;
        PoissonDistribution reference = new PoissonDistribution(null, mean, 1e-12, 10_000_000);
        long key = Streams.childKey(3, 4);
        int n = 20_000;
        int[] counts = new int[400];
        for (int i = 0; i < n; i++) {
            counts[DiscreteQuantiles.poisson(Streams.uniform(key, i), mean)]++;
        }
        assertThat(chiSquareAgainst(counts, n, reference::probability, 100)).isTrue();
    }

    @Test
    void tableAgreesWithDirectInversion() {
        PoissonTable table = new PoissonTable(71.4);
        long key = Streams.childKey(5, 6);
        for (int i = 0; i < 10_000; i++) {
            double u = Streams.uniform(key, i);
            assertThat(table.inverse(u)).isEqualTo(DiscreteQuantiles.poisson(u, 71.4));
        }
        assertThat(new PoissonTable(0).inverse(0.7)).isZero();
    }

    /** Pools adjacent values into bins of at least {@code minExpected} and tests at the 0.1% level. */
    static boolean chiSquareAgainst(int[] counts, int n, java.util.function.IntToDoubleFunction pmf, double minExpected) {
        double chi = 0;
        int bins = 0;
        double expected = 0;
        double observed = 0;
        for (int k = 0; k < counts.length; k++) {
            expected += n * pmf.applyAsDouble(k);
            observed += counts[k];
            if (expected >= minExpected) {
                chi += (observed - expected) * (observed - expected) / expected;
                bins++;
                expected = 0;
                observed = 0;
            }
        }
        double critical = new ChiSquaredDistribution(null, Math.max(1, bins - 1)).inverseCumulativeProbability(0.999);
        return chi < critical;
    }

    @Nested
    class RejectsInvalidInput {

        @Test
        void uniformOutsideTheOpenInterval() {
            assertThatThrownBy(() -> DiscreteQuantiles.poisson(0, 3)).hasMessageContaining("Invalid uniform: 0.0");
            assertThatThrownBy(() -> DiscreteQuantiles.binomial(1, 3, 0.5)).hasMessageContaining("Invalid uniform: 1.0");
        }

        @Test
        void negativeOrHugeMean() {
            assertThatThrownBy(() -> DiscreteQuantiles.poisson(0.5, -1)).hasMessageContaining("Invalid Poisson mean: -1.0");
            assertThatThrownBy(() -> DiscreteQuantiles.poisson(0.5, Double.NaN)).hasMessageContaining("Invalid Poisson mean");
        }

        @Test
        void badBinomialParameters() {
            assertThatThrownBy(() -> DiscreteQuantiles.binomial(0.5, -1, 0.5)).hasMessageContaining("Invalid binomial trials: -1");
            assertThatThrownBy(() -> DiscreteQuantiles.binomial(0.5, 3, 1.5)).hasMessageContaining("Invalid binomial probability: 1.5");
        }
    }
}

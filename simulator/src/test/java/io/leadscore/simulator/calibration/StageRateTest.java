package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.SplitMixGenerator;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StageRateTest {

    @Test
    void countsGiveTheUniformPriorPosterior() {
        // 120 of 300 moved on: Beta(121, 181), mean 121/302.
        StageRate r = StageRate.fromCounts(120, 300, "test");
        assertThat(r.alpha()).isEqualTo(121);
        assertThat(r.beta()).isEqualTo(181);
        assertThat(r.mean()).isCloseTo(121.0 / 302, within(1e-15));
        assertThat(r.provenance().source()).isEqualTo(Source.STORE);
        assertThat(r.provenance().count()).isEqualTo(300);
    }

    @Test
    void aRangeBecomesTheTenthToNinetiethPercentile() {
        // 40-60%: mean 0.5 and an sd of 0.1/1.2816; the Beta's own P10 and P90 land near the ends.
        StageRate r = StageRate.fromRange(0.40, 0.60, "test");
        BetaDistribution beta = new BetaDistribution(null, r.alpha(), r.beta());
        assertThat(r.mean()).isCloseTo(0.5, within(1e-12));
        assertThat(beta.inverseCumulativeProbability(0.1)).isCloseTo(0.40, within(0.005));
        assertThat(beta.inverseCumulativeProbability(0.9)).isCloseTo(0.60, within(0.005));
        assertThat(r.provenance().source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void drawsHaveTheBetaMeanAndSpread() {
        // 20,000 draws: sample mean within 4 standard errors of alpha/(alpha+beta); sd within 5%.
        StageRate r = StageRate.fromRange(0.15, 0.30, "test");
        SplitMixGenerator rng = new SplitMixGenerator(11);
        int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double p = r.draw(rng);
            sum += p;
            sumSq += p * p;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertThat(mean).isCloseTo(r.mean(), within(4 * r.standardDeviation() / Math.sqrt(n)));
        assertThat(sd).isCloseTo(r.standardDeviation(), within(0.05 * r.standardDeviation()));
    }

    @Test
    void aFixedRateNeverVaries() {
        StageRate r = StageRate.fixed(0.3, Provenance.byDefault("test"));
        assertThat(r.draw(new SplitMixGenerator(1))).isEqualTo(0.3);
        assertThat(r.standardDeviation()).isZero();
        assertThat(r.isFixed()).isTrue();
    }

    @Nested
    class RejectsInvalidRates {

        @Test
        void moreAdvancedThanEntered() {
            assertThatThrownBy(() -> StageRate.fromCounts(5, 3, "x")).hasMessageContaining("Invalid stage counts: 5 advanced of 3");
        }

        @Test
        void nonPositiveBetaShapes() {
            assertThatThrownBy(() -> StageRate.beta(0, 1, Provenance.byDefault("x"))).hasMessageContaining("Invalid Beta shapes: alpha 0.0");
        }

        @Test
        void fixedRateAboveOne() {
            assertThatThrownBy(() -> StageRate.fixed(1.2, Provenance.byDefault("x"))).hasMessageContaining("Invalid fixed rate: 1.2");
        }

        @Test
        void invertedRange() {
            assertThatThrownBy(() -> StageRate.fromRange(0.6, 0.4, "x")).hasMessageContaining("Invalid rate range: 0.6 to 0.4");
        }

        @Test
        void defaultWithACount() {
            assertThatThrownBy(() -> new Provenance(Source.DEFAULT, 3, "x")).hasMessageContaining("Invalid observation count for a default: 3");
        }
    }
}

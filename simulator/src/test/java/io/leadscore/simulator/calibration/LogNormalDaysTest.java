package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Test;

class LogNormalDaysTest {

    private static double[] sample(double mu, double sigma, int n, long seed) {
        LogNormalDays truth = new LogNormalDays(mu, sigma, Provenance.byDefault("truth"));
        double[] days = new double[n];
        long key = Streams.childKey(seed, 1);
        for (int i = 0; i < n; i++) {
            days[i] = truth.quantile(Streams.uniform(key, i));
        }
        return days;
    }

    @Test
    void fitRecoversKnownParameters() {
        // 5,000 draws of ln N(3.9, 0.43): mu within 4 SE (sigma/sqrt n), sigma within 4 SE (sigma/sqrt(2n)).
        LogNormalDays fit = LogNormalDays.fit(sample(3.9, 0.43, 5_000, 3), "cycles", Defaults.salesCycle());
        assertThat(fit.mu()).isCloseTo(3.9, within(4 * 0.43 / Math.sqrt(5_000)));
        assertThat(fit.sigma()).isCloseTo(0.43, within(4 * 0.43 / Math.sqrt(10_000)));
        assertThat(fit.provenance().source()).isEqualTo(Source.STORE);
        assertThat(fit.provenance().count()).isEqualTo(5_000);
    }

    @Test
    void tooFewObservationsKeepTheDefaultAndSaySo() {
        LogNormalDays fit = LogNormalDays.fit(new double[] {10, 20, 30}, "cycles", Defaults.salesCycle());
        assertThat(fit.mu()).isEqualTo(Defaults.salesCycle().mu());
        assertThat(fit.provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(fit.provenance().note()).contains("only 3 cycles observed");
    }

    @Test
    void percentilesMatchTheConstructionAndTheCdfInvertsTheQuantile() {
        LogNormalDays d = LogNormalDays.fromP10P90(30, 90, Provenance.byDefault("x"));
        assertThat(d.quantile(0.1)).isCloseTo(30, within(1e-9));
        assertThat(d.quantile(0.9)).isCloseTo(90, within(1e-9));
        assertThat(d.cdf(d.quantile(0.37))).isCloseTo(0.37, within(1e-12));
        assertThat(d.median()).isCloseTo(Math.sqrt(30 * 90), within(1e-9));
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatThrownBy(() -> LogNormalDays.fit(new double[] {1, -2}, "cycles", Defaults.salesCycle()))
                .hasMessageContaining("Invalid duration: -2.0 days in cycles");
        assertThatThrownBy(() -> new LogNormalDays(1, -0.1, Provenance.byDefault("x")))
                .hasMessageContaining("Invalid lognormal sigma: -0.1");
    }
}

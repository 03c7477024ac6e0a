package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Test;

class DealSizeModelTest {

    private static double[] amounts(int n) {
        LogNormalDealSize truth = LogNormalDealSize.ofMedian(20_000, 0.8, Provenance.byDefault("truth"));
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = truth.quantile(Streams.uniform(Streams.childKey(5, 9), i));
        }
        return a;
    }

    @Test
    void manyWonAmountsAreBootstrapped() {
        double[] a = amounts(400);
        DealSizeModel model = DealSizeModel.fromWonAmounts(a, Defaults.dealSize());
        assertThat(model).isInstanceOf(BootstrapDealSize.class);
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        assertThat(model.mean()).isCloseTo(sum / a.length, within(1e-6));
        assertThat(model.provenance().count()).isEqualTo(400);
        // Inversion on sorted amounts: the quantile never decreases with u.
        double previous = 0;
        for (double u = 0.001; u < 1; u += 0.01) {
            assertThat(model.quantile(u)).isGreaterThanOrEqualTo(previous);
            previous = model.quantile(u);
        }
    }

    @Test
    void aFewDozenAreFittedLognormal() {
        // 150 draws: the fitted log-mean within 4 standard errors (0.8/sqrt 150) of ln 20,000.
        DealSizeModel model = DealSizeModel.fromWonAmounts(amounts(150), Defaults.dealSize());
        assertThat(model).isInstanceOf(LogNormalDealSize.class);
        assertThat(((LogNormalDealSize) model).mu()).isCloseTo(Math.log(20_000), within(4 * 0.8 / Math.sqrt(150)));
        assertThat(model.provenance().source()).isEqualTo(Source.STORE);
    }

    @Test
    void aHandfulKeepsTheDefault() {
        DealSizeModel model = DealSizeModel.fromWonAmounts(new double[] {1_000, 2_000}, Defaults.dealSize());
        assertThat(model.provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(model.provenance().note()).contains("only 2 won amounts");
        assertThat(model.mean()).isCloseTo(Defaults.dealSize().mean(), within(1e-6));
    }

    @Test
    void lognormalMeanIsExpOfMuPlusHalfSigmaSquared() {
        LogNormalDealSize d = new LogNormalDealSize(10, 0.9, Provenance.byDefault("x"));
        assertThat(d.mean()).isCloseTo(Math.exp(10 + 0.405), within(1e-6));
    }

    @Test
    void rejectsNegativeAmounts() {
        assertThatThrownBy(() -> BootstrapDealSize.of(new double[] {5, -1}))
                .hasMessageContaining("Invalid won amount: -1.0");
        assertThatThrownBy(() -> BootstrapDealSize.of(new double[0]))
                .hasMessageContaining("Invalid won amounts: none");
    }
}

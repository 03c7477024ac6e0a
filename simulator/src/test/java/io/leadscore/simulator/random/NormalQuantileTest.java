package io.leadscore.simulator.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

class NormalQuantileTest {

    @Test
    void invertsTheNormalCdfAcrossTheRange() {
        // Phi(z) = erfc(-z / sqrt 2) / 2 from commons-math; the round trip must return p to 1e-12 relative.
        double[] ps = {1e-300, 1e-100, 1e-20, 1e-8, 1e-4, 0.01, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97575, 0.99, 1 - 1e-8};
        for (double p : ps) {
            double z = NormalQuantile.inverse(p);
            double back = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            assertThat(back).as("p %s", p).isCloseTo(p, within(Math.max(1e-12 * p, 1e-15)));
        }
    }

    @Test
    void knownValues() {
        assertThat(NormalQuantile.inverse(0.5)).isEqualTo(0.0);
        assertThat(NormalQuantile.inverse(0.975)).isCloseTo(1.959963984540054, within(1e-14));
        assertThat(NormalQuantile.inverse(0.1)).isCloseTo(-1.2815515655446004, within(1e-14));
        assertThat(NormalQuantile.inverse(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalQuantile.inverse(1)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void rejectsProbabilitiesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> NormalQuantile.inverse(1.5)).hasMessageContaining("Invalid probability: 1.5");
        assertThatThrownBy(() -> NormalQuantile.inverse(Double.NaN)).hasMessageContaining("Invalid probability: NaN");
    }
}

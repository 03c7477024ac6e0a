package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Test;

class ResponseDecayFitTest {

    /** n follow-ups with delays log-uniform from 1 minute to 3 days, accepted with a·(1 + t/tau)^-k. */
    private static Object[] synthetic(int n, double a, double tau, double k, long seed) {
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        long key = Streams.childKey(seed, 1);
        double lo = Math.log(1.0 / 60);
        double hi = Math.log(72);
        for (int i = 0; i < n; i++) {
            delays[i] = Math.exp(lo + (hi - lo) * Streams.uniform(key, 2L * i));
            accepted[i] = Streams.uniform(key, 2L * i + 1) < a * Math.pow(1 + delays[i] / tau, -k);
        }
        return new Object[] {delays, accepted};
    }

    @Test
    void recoversKnownTauAndKFromSyntheticFollowUps() {
        // Truth: a 0.6, tau 0.5 h, k 0.72 (the vendor fit). Estimates within 3 of their own standard errors.
        Object[] data = synthetic(8_000, 0.6, 0.5, 0.72, 17);
        ResponseDecayFit fit = ResponseDecayFit.fit((double[]) data[0], (boolean[]) data[1], Defaults.responseDecay());
        assertThat(fit.sufficient()).as(fit.reason()).isTrue();
        assertThat(fit.tauHours()).isCloseTo(0.5, within(3 * fit.tauStandardError()));
        assertThat(fit.k()).isCloseTo(0.72, within(3 * fit.kStandardError()));
        assertThat(fit.immediateRate()).isCloseTo(0.6, within(0.1));
        assertThat(fit.kStandardError()).isLessThan(0.2);
        assertThat(fit.decay().provenance().source()).isEqualTo(Source.STORE);
        assertThat(fit.decay().provenance().count()).isEqualTo(8_000);
    }

    @Test
    void fewFollowUpsAreInsufficientAndKeepTheDefault() {
        Object[] data = synthetic(60, 0.6, 0.5, 0.72, 3);
        ResponseDecayFit fit = ResponseDecayFit.fit((double[]) data[0], (boolean[]) data[1], Defaults.responseDecay());
        assertThat(fit.sufficient()).isFalse();
        assertThat(fit.reason()).startsWith("insufficient data: only 60 follow-ups");
        assertThat(fit.decay().tauHours()).isEqualTo(Defaults.RESPONSE_TAU_HOURS);
        assertThat(fit.decay().provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(Double.isNaN(fit.tauHours())).isTrue();
    }

    @Test
    void onlySlowFollowUpsCannotSeparateTauFromK() {
        // Every delay between 2 and 3 days: the decay is a power law there and tau is not identified.
        int n = 3_000;
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        long key = Streams.childKey(23, 1);
        for (int i = 0; i < n; i++) {
            delays[i] = 48 + 24 * Streams.uniform(key, 2L * i);
            accepted[i] = Streams.uniform(key, 2L * i + 1) < 0.6 * Math.pow(1 + delays[i] / 0.5, -0.72);
        }
        ResponseDecayFit fit = ResponseDecayFit.fit(delays, accepted, Defaults.responseDecay());
        assertThat(fit.sufficient()).isFalse();
        assertThat(fit.reason()).startsWith("insufficient data");
        assertThat(fit.decay()).isNotNull();
    }

    @Test
    void immediateAcceptanceRescalesObservedAcceptancesByTheDecay() {
        // Two MQLs touched at tau (m = 2^-k) and two at 0 (m = 1), one of each accepted:
        // exposure = 2 + 2 * 2^-0.72, rate about 2 / exposure.
        ResponseDecay decay = new ResponseDecay(0.5, 0.72, Provenance.byDefault("x"));
        StageRate r = ResponseDecayFit.immediateAcceptance(new double[] {0, 0, 0.5, 0.5},
                new boolean[] {true, false, true, false}, decay);
        double exposure = 2 + 2 * Math.pow(2, -0.72);
        assertThat(r.alpha()).isEqualTo(3);
        assertThat(r.beta()).isCloseTo(exposure - 2 + 1, within(1e-12));
    }

    @Test
    void rejectsMismatchedOrNegativeInput() {
        assertThatThrownBy(() -> ResponseDecayFit.fit(new double[] {1}, new boolean[] {true, false}, Defaults.responseDecay()))
                .hasMessageContaining("1 delays and 2 outcomes");
        assertThatThrownBy(() -> ResponseDecayFit.fit(new double[] {-1}, new boolean[] {true}, Defaults.responseDecay()))
                .hasMessageContaining("Invalid response delay: -1.0 hours");
        assertThatThrownBy(() -> new ResponseDecay(0, 0.7, Provenance.byDefault("x")))
                .hasMessageContaining("Invalid response-decay tau: 0.0");
    }

    @Test
    void multiplierIsOneAtZeroAndFollowsThePowerLaw() {
        ResponseDecay d = Defaults.responseDecay();
        assertThat(d.multiplier(0)).isEqualTo(1);
        // 24 hours at tau 0.5 h: (1 + 48)^-0.72.
        assertThat(d.multiplier(24)).isCloseTo(Math.pow(49, -0.72), within(1e-15));
    }
}

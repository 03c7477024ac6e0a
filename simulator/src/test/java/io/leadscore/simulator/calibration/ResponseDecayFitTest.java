package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResponseDecayFitTest {

    /** n follow-ups with delays log-uniform from 1 minute to 3 days, accepted with σ(θ − k·ln(1 + t/τ)). */
    private static Object[] synthetic(int n, double theta, double tau, double k, long seed) {
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        long key = Streams.childKey(seed, 1);
        double lo = Math.log(1.0 / 60);
        double hi = Math.log(72);
        for (int i = 0; i < n; i++) {
            delays[i] = Math.exp(lo + (hi - lo) * Streams.uniform(key, 2L * i));
            accepted[i] = Streams.uniform(key, 2L * i + 1) < sigmoid(theta - k * Math.log1p(delays[i] / tau));
        }
        return new Object[] {delays, accepted};
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double share(boolean[] accepted) {
        int yes = 0;
        for (boolean a : accepted) {
            yes += a ? 1 : 0;
        }
        return (double) yes / accepted.length;
    }

    @Test
    void recoversKnownTauAndKFromSyntheticFollowUps() {
        // Truth: 90% acceptance with an immediate touch (θ = logit 0.9), tau 0.5 h, k 0.72 (the vendor fit),
        // on the odds. Estimates within 3 of their own standard errors.
        double theta = Math.log(0.9 / 0.1);
        Object[] data = synthetic(8_000, theta, 0.5, 0.72, 17);
        double[] delays = (double[]) data[0];
        boolean[] accepted = (boolean[]) data[1];
        ResponseDecayFit fit = ResponseDecayFit.fit(delays, accepted, Defaults.responseDecay());
        assertThat(fit.sufficient()).as(fit.reason()).isTrue();
        assertThat(fit.tauHours()).isCloseTo(0.5, within(3 * fit.tauStandardError()));
        assertThat(fit.k()).isCloseTo(0.72, within(3 * fit.kStandardError()));
        assertThat(fit.logOddsAtZero()).isCloseTo(theta, within(0.5));
        assertThat(fit.kStandardError()).isLessThan(0.2);
        // The reference is the history's effective response time: the fitted curve gives the observed share there.
        assertThat(fit.rateAtReference()).isCloseTo(share(accepted), within(1e-6));
        assertThat(fit.referenceHours()).isBetween(1.0 / 60, 72.0);
        assertThat(fit.decay().referenceHours()).isEqualTo(fit.referenceHours());
        assertThat(fit.decay().provenance().source()).isEqualTo(Source.STORE);
        assertThat(fit.decay().provenance().count()).isEqualTo(8_000);
        assertThat(fit.decay().provenance().note()).contains("odds of acceptance").contains("reference");
    }

    @Test
    void fewFollowUpsAreInsufficientAndKeepTheDefault() {
        Object[] data = synthetic(60, 2.2, 0.5, 0.72, 3);
        ResponseDecayFit fit = ResponseDecayFit.fit((double[]) data[0], (boolean[]) data[1], Defaults.responseDecay());
        assertThat(fit.sufficient()).isFalse();
        assertThat(fit.reason()).startsWith("insufficient data: only 60 follow-ups");
        assertThat(fit.decay().tauHours()).isEqualTo(Defaults.RESPONSE_TAU_HOURS);
        assertThat(fit.decay().referenceHours()).isEqualTo(Defaults.RESPONSE_REFERENCE_HOURS);
        assertThat(fit.decay().provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(fit.decay().provenance().note()).contains("store fit not used");
        assertThat(Double.isNaN(fit.tauHours())).isTrue();
        assertThat(Double.isNaN(fit.rateAtReference())).isTrue();
    }

    @Test
    void onlySlowFollowUpsCannotSeparateTauFromK() {
        // Every delay between 2 and 3 days: the log-odds are linear in ln t there and tau is not identified.
        int n = 3_000;
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        long key = Streams.childKey(23, 1);
        for (int i = 0; i < n; i++) {
            delays[i] = 48 + 24 * Streams.uniform(key, 2L * i);
            accepted[i] = Streams.uniform(key, 2L * i + 1) < sigmoid(2.2 - 0.72 * Math.log1p(delays[i] / 0.5));
        }
        ResponseDecayFit fit = ResponseDecayFit.fit(delays, accepted, Defaults.responseDecay());
        assertThat(fit.sufficient()).isFalse();
        assertThat(fit.reason()).startsWith("insufficient data");
        assertThat(fit.decay().referenceHours()).isEqualTo(Defaults.RESPONSE_REFERENCE_HOURS);
    }

    @Nested
    class AtReference {

        @Test
        void theRateIsTheObservedShareAtTheHistorysEffectiveResponseTime() {
            // Hand calculation with tau 0.5 h, k 0.72. Four touches at 0 h (two accepted) and four at t1, where
            // k·ln(1 + t1/tau) = ln 3 (one accepted). θ = 0 solves Σ σ(θ + oᵢ) = 4·½ + 4·¼ = 3 = accepted.
            // The share is 3/8; σ(−k·ln(1 + t*/tau)) = 3/8 gives t* = tau·((5/3)^(1/k) − 1).
            double tau = 0.5;
            double k = 0.72;
            double t1 = tau * (Math.pow(3, 1 / k) - 1);
            ResponseDecay decay = new ResponseDecay(tau, k, 42, Provenance.byDefault("x"));
            ReferenceAcceptance r = ResponseDecayFit.atReference(new double[] {0, 0, 0, 0, t1, t1, t1, t1},
                    new boolean[] {true, true, false, false, true, false, false, false}, decay);
            double expected = tau * (Math.pow(5.0 / 3, 1 / k) - 1);
            assertThat(r.decay().referenceHours()).isCloseTo(expected, within(1e-9));
            assertThat(r.decay().tauHours()).isEqualTo(tau);
            assertThat(r.decay().k()).isEqualTo(k);
            // Beta(accepted + 1, not accepted + 1).
            assertThat(r.mqlToSal().alpha()).isEqualTo(4);
            assertThat(r.mqlToSal().beta()).isEqualTo(6);
            assertThat(r.mqlToSal().provenance().source()).isEqualTo(Source.STORE);
            assertThat(r.mqlToSal().provenance().note()).contains("3 of 8 followed-up MQLs accepted")
                    .contains("holds for a first touch");
            // The curve through the reference rate reproduces the share where the history was observed.
            assertThat(r.decay().acceptance(3.0 / 8, 0)).isCloseTo(0.5, within(1e-9));
            assertThat(r.decay().acceptance(3.0 / 8, t1)).isCloseTo(0.25, within(1e-9));
        }

        @Test
        void withEveryFollowUpAcceptedTheDecayKeepsItsReference() {
            double[] delays = {1, 2, 3, 40, 50};
            ReferenceAcceptance r = ResponseDecayFit.atReference(delays, new boolean[] {true, true, true, true, true},
                    Defaults.responseDecay());
            assertThat(r.decay().referenceHours()).isEqualTo(Defaults.RESPONSE_REFERENCE_HOURS);
            assertThat(r.mqlToSal().alpha()).isEqualTo(6);
            assertThat(r.mqlToSal().beta()).isEqualTo(1);
            assertThat(r.mqlToSal().provenance().note()).contains("every follow-up accepted");
        }
    }

    @Nested
    class TheDecay {

        @Test
        void multiplierIsOneAtZeroAndFollowsThePowerLaw() {
            ResponseDecay d = Defaults.responseDecay();
            assertThat(d.multiplier(0)).isEqualTo(1);
            // 24 hours at tau 0.5 h: (1 + 48)^-0.72.
            assertThat(d.multiplier(24)).isCloseTo(Math.pow(49, -0.72), within(1e-15));
        }

        @Test
        void acceptanceScalesTheOddsRelativeToTheReferenceAndStaysAProbability() {
            ResponseDecay d = Defaults.responseDecay();
            // At the 42 h reference the rate is the rate.
            assertThat(d.acceptance(0.5, 42)).isCloseTo(0.5, within(1e-15));
            // 24 h: odds 1 × (85/49)^0.72 (m(24)/m(42) with tau 0.5 h), p = r / (1 + r) ≈ 0.598.
            double r = Math.pow(85.0 / 49, 0.72);
            assertThat(d.acceptance(0.5, 24)).isCloseTo(r / (1 + r), within(1e-12)).isCloseTo(0.598, within(0.001));
            // An immediate touch: odds × 85^0.72 ≈ 24.5, p ≈ 0.961, below 1.
            assertThat(d.acceptance(0.5, 0)).isCloseTo(0.961, within(0.001)).isLessThan(1);
            // Two weeks: odds × (85/673)^0.72, p ≈ 0.18; slow touches lose almost in proportion to the decay.
            assertThat(d.acceptance(0.5, 336)).isCloseTo(0.184, within(0.001));
            assertThat(d.acceptance(0.05, 336) / 0.05).isCloseTo(Math.pow(85.0 / 673, 0.72), within(0.02));
            assertThat(d.acceptance(0, 1)).isZero();
            assertThat(d.acceptance(1, 300)).isEqualTo(1);
        }

        @Test
        void aZeroReferenceMakesTheRateTheImmediateTouchRate() {
            ResponseDecay immediate = Defaults.responseDecay().withReference(0, Provenance.byDefault("x"));
            assertThat(immediate.acceptance(0.4, 0)).isCloseTo(0.4, within(1e-15));
            assertThat(immediate.acceptance(0.4, 1)).isLessThan(0.4);
        }
    }

    @Nested
    class Rejects {

        @Test
        void mismatchedOrNegativeInput() {
            assertThatThrownBy(() -> ResponseDecayFit.fit(new double[] {1}, new boolean[] {true, false}, Defaults.responseDecay()))
                    .hasMessageContaining("1 delays and 2 outcomes");
            assertThatThrownBy(() -> ResponseDecayFit.fit(new double[] {-1}, new boolean[] {true}, Defaults.responseDecay()))
                    .hasMessageContaining("Invalid response delay: -1.0 hours");
            assertThatThrownBy(() -> ResponseDecayFit.atReference(new double[0], new boolean[0], Defaults.responseDecay()))
                    .hasMessageContaining("none given");
        }

        @Test
        void anInvalidDecay() {
            assertThatThrownBy(() -> new ResponseDecay(0, 0.7, 42, Provenance.byDefault("x")))
                    .hasMessageContaining("Invalid response-decay tau: 0.0");
            assertThatThrownBy(() -> new ResponseDecay(0.5, 0.7, -1, Provenance.byDefault("x")))
                    .hasMessageContaining("Invalid reference response time: -1.0 hours");
            assertThatThrownBy(() -> Defaults.responseDecay().acceptance(1.5, 2))
                    .hasMessageContaining("Invalid rate at the reference response time: 1.5");
        }
    }
}

package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * The effect of response time on an MQL's acceptance, relative to the
 * response time at which the MQL→SAL rate was observed.
 *
 * <h2>The decay</h2>
 * m(t) = (1 + t/τ)^(−k), t the hours from MQL to first touch. The form fits
 * vendor lead-response tables; one table of 10,000 leads fits τ ≈ 30 minutes
 * and k ≈ 0.72 (conversion to opportunity). Published figures disagree by an
 * order of magnitude (Oldroyd, McElheran and Elkington, "The Short Life of
 * Online Sales Leads", HBR 2011: nearly 7× within an hour versus an hour
 * later, over 60× versus 24 hours or more; the MIT/InsideSales Lead Response
 * Management study, 2007: about 21× between 5 and 30 minutes), so τ and k are
 * inputs to calibrate ({@link ResponseDecayFit}), not constants.
 *
 * <h2>Relative to a reference, on the odds</h2>
 * Stage rates are observed at real-world response times, not with an
 * immediate touch: the MQL→SAL rate p_ref holds for a first touch
 * {@code referenceHours} after the MQL. At another delay the odds of
 * acceptance scale by the decay's ratio:
 * <pre>
 *   odds(t) = odds_ref · m(t) / m(t_ref),   p(t) = p_ref·r / (1 − p_ref + p_ref·r),  r = m(t)/m(t_ref)
 * </pre>
 * Why the odds: the research's ratios ("7× as likely", "60× as likely") are
 * ratios of small chances, for which odds and probabilities coincide; scaling
 * the probability itself would push a 50% rate past 1 for any touch faster
 * than the reference. On the odds, slow touches lose almost in proportion to
 * the decay (p small, odds ≈ p), while fast touches approach certainty without
 * reaching it: p(t) &lt; 1 for every t, p(t_ref) = p_ref, and p(t) is
 * decreasing in t and increasing in p_ref. How close to 1 the fastest touches
 * come rests on the decay's shape below its observed range, so treat the gain
 * of very short SLAs as an upper bound.
 *
 * @param tauHours       τ, the time scale of the decay in hours, &gt; 0
 * @param k              the decay exponent, &ge; 0 (0: response time does not matter)
 * @param referenceHours the response time, in hours from MQL to first touch, at which the MQL→SAL
 *                       rate holds, finite and &ge; 0 (0: the rate is the rate with an immediate touch)
 * @param provenance     where τ, k and the reference came from
 */
public record ResponseDecay(double tauHours, double k, double referenceHours, Provenance provenance) {

    public ResponseDecay {
        Objects.requireNonNull(provenance, "provenance");
        if (!(tauHours > 0) || Double.isInfinite(tauHours)) {
            throw new IllegalArgumentException("Invalid response-decay tau: " + tauHours + " hours, expected a positive number");
        }
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("Invalid response-decay exponent k: " + k + ", expected a finite number >= 0");
        }
        if (!(referenceHours >= 0) || Double.isInfinite(referenceHours)) {
            throw new IllegalArgumentException("Invalid reference response time: " + referenceHours
                    + " hours, expected a finite number >= 0");
        }
    }

    /** m(t) for a first touch {@code hours} after the MQL, hours &ge; 0; m(0) = 1. */
    public double multiplier(double hours) {
        if (hours <= 0 || k == 0) {
            return 1;
        }
        return Math.pow(1 + hours / tauHours, -k);
    }

    /** m(t_ref): the decay at the reference response time. */
    public double referenceMultiplier() {
        return multiplier(referenceHours);
    }

    /** r(t) = m(t) / m(t_ref): the factor on the odds of acceptance for a touch at {@code hours}; 1 at the reference. */
    public double oddsRatio(double hours) {
        return multiplier(hours) / referenceMultiplier();
    }

    /**
     * The chance of acceptance for a first touch {@code hours} after the MQL,
     * given the rate at the reference response time: p·r / (1 − p + p·r).
     * A rate of 0 or 1 stays where it is.
     *
     * @param rateAtReference the acceptance rate at {@link #referenceHours()}, 0..1
     */
    public double acceptance(double rateAtReference, double hours) {
        if (!(rateAtReference >= 0 && rateAtReference <= 1)) {
            throw new IllegalArgumentException("Invalid rate at the reference response time: " + rateAtReference
                    + ", expected 0..1");
        }
        if (rateAtReference == 0 || rateAtReference == 1) {
            return rateAtReference;
        }
        double pr = rateAtReference * oddsRatio(hours);
        return pr / (1 - rateAtReference + pr);
    }

    /** This decay with another reference response time and provenance. */
    public ResponseDecay withReference(double hours, Provenance provenance) {
        return new ResponseDecay(tauHours, k, hours, provenance);
    }
}

package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * The effect of response time on an MQL: m(t) = (1 + t/τ)^(−k), a multiplier
 * on the chance that an MQL first touched t hours after it became an MQL is
 * accepted (and so can go on to qualify). m(0) = 1: the stage rates are rates
 * with an immediate touch.
 *
 * <p>The form fits vendor lead-response tables; one table of 10,000 leads fits
 * τ ≈ 30 minutes and k ≈ 0.72 (conversion to opportunity). Published figures
 * disagree by an order of magnitude (Oldroyd, McElheran and Elkington, "The
 * Short Life of Online Sales Leads", HBR 2011: nearly 7× within an hour
 * versus an hour later, over 60× versus 24 hours or more; the MIT/InsideSales
 * Lead Response Management study, 2007: about 21× between 5 and 30 minutes),
 * so τ and k are inputs to calibrate ({@link ResponseDecayFit}), not constants.
 *
 * @param tauHours   τ, the time scale of the decay in hours, &gt; 0
 * @param k          the decay exponent, &ge; 0 (0: response time does not matter)
 * @param provenance where τ and k came from
 */
public record ResponseDecay(double tauHours, double k, Provenance provenance) {

    public ResponseDecay {
        Objects.requireNonNull(provenance, "provenance");
        if (!(tauHours > 0) || Double.isInfinite(tauHours)) {
            throw new IllegalArgumentException("Invalid response-decay tau: " + tauHours + " hours, expected a positive number");
        }
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("Invalid response-decay exponent k: " + k + ", expected a finite number >= 0");
        }
    }

    /** m(t) for a first touch {@code hours} after the MQL, hours &ge; 0. */
    public double multiplier(double hours) {
        if (hours <= 0 || k == 0) {
            return 1;
        }
        return Math.pow(1 + hours / tauHours, -k);
    }
}

package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * The champion's score read directly as a forecast, for leads as they arrive: over the out-of-time validation's
 * snapshots of its youngest age band, the mean calibrated score (the chance of a won deal within the label horizon
 * that the model gives a new lead) and the share of those snapshots that did produce one. The simulator does not
 * run on it; it stands beside the paths' own figure as a cross-check, like for like: the same leads (new ones), the
 * same event (a won deal) and the same horizon.
 *
 * @param band         the age band, e.g. {@code 0–1 d}
 * @param snapshots    validation snapshots in it; 0 when the champion has no such figures
 * @param meanScore    their mean calibrated score
 * @param observedRate the share of them with a won deal within the horizon
 */
public record ScoreAtArrival(String band, int snapshots, double meanScore, double observedRate) {

    private static final ScoreAtArrival NONE = new ScoreAtArrival("", 0, Double.NaN, Double.NaN);

    public ScoreAtArrival {
        Objects.requireNonNull(band, "band");
        if (snapshots < 0) {
            throw new IllegalArgumentException("Invalid snapshot count: " + snapshots + ", expected 0 or more");
        }
        if (snapshots > 0 && !(meanScore >= 0 && meanScore <= 1 && observedRate >= 0 && observedRate <= 1)) {
            throw new IllegalArgumentException("Invalid score at arrival: mean " + meanScore + ", observed " + observedRate
                    + ", expected shares 0..1");
        }
    }

    /** No champion, or one without figures by lead age. */
    public static ScoreAtArrival none() {
        return NONE;
    }

    public boolean known() {
        return snapshots > 0;
    }
}

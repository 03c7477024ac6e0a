package io.leadscore.simulator.calibration;

import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.Objects;

/**
 * How an MQL's chance of converting rises with its score: per score band, the
 * calibrated probability that a lead in the band wins. Scores are calibrated
 * probabilities of winning, so this is the mean calibrated score of the
 * band's leads; the simulator uses it relative to the mean over the MQLs at
 * the reference threshold (a lift), while the stage rates set the level.
 */
public final class ConversionByScore {

    private final double[] winProbability;
    private final double observedToExpected;
    private final Provenance provenance;

    /**
     * @param winProbability     {@value ScoreDistribution#BANDS} values in [0, 1]
     * @param observedToExpected converters observed on the curve's leads over the
     *                           sum of their calibrated scores (a calibration check), NaN when unknown
     */
    public ConversionByScore(double[] winProbability, double observedToExpected, Provenance provenance) {
        Objects.requireNonNull(winProbability, "winProbability");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (winProbability.length != ScoreDistribution.BANDS) {
            throw new IllegalArgumentException("Invalid conversion by score: " + winProbability.length
                    + " bands, expected " + ScoreDistribution.BANDS);
        }
        for (int b = 0; b < winProbability.length; b++) {
            double v = winProbability[b];
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("Invalid win probability of score band " + b + ": " + v + ", expected 0..1");
            }
        }
        if (!(Double.isNaN(observedToExpected) || observedToExpected >= 0 && Double.isFinite(observedToExpected))) {
            throw new IllegalArgumentException("Invalid observed-to-expected ratio: " + observedToExpected + ", expected >= 0 or NaN");
        }
        this.winProbability = winProbability.clone();
        this.observedToExpected = observedToExpected;
    }

    /** Conversion equal to each band's mean calibrated score in {@code scores}. */
    public static ConversionByScore fromScores(ScoreDistribution scores, Provenance provenance) {
        double[] w = new double[ScoreDistribution.BANDS];
        for (int b = 0; b < w.length; b++) {
            w[b] = scores.meanScore(b);
        }
        return new ConversionByScore(w, Double.NaN, provenance);
    }

    /**
     * Conversion by band from the champion's threshold curve: the expected
     * conversions (sum of calibrated scores) of the leads in each band over
     * their number, the band midpoint where a band is empty. The curve's
     * observed converters over its expected conversions is kept as a check
     * of calibration (1 when the model is calibrated on that window).
     */
    public static ConversionByScore fromThresholdCurve(ThresholdCurve curve) {
        Objects.requireNonNull(curve, "curve");
        if (curve.leads() == 0) {
            throw new IllegalArgumentException("Invalid threshold curve: measured on 0 leads, expected some");
        }
        double[] w = new double[ScoreDistribution.BANDS];
        for (int b = 0; b < w.length; b++) {
            ThresholdCurve.Point at = curve.points().get(b);
            int next = b + 1 < w.length ? curve.points().get(b + 1).leadsAbove() : 0;
            double nextExpected = b + 1 < w.length ? curve.points().get(b + 1).expectedConversions() : 0;
            int inBand = at.leadsAbove() - next;
            double lo = b / 100.0;
            double hi = (b + 1) / 100.0;
            w[b] = inBand > 0 ? Math.max(lo, Math.min(hi, (at.expectedConversions() - nextExpected) / inBand)) : (lo + hi) / 2;
        }
        ThresholdCurve.Point all = curve.points().get(0);
        double observed = Double.isNaN(all.precision()) ? Double.NaN : all.precision() * all.leadsAbove();
        double ratio = all.expectedConversions() > 0 && !Double.isNaN(observed) ? observed / all.expectedConversions() : Double.NaN;
        return new ConversionByScore(w, ratio, Provenance.fromStore(curve.leads(),
                "mean calibrated score per band on the champion's threshold curve (" + curve.leads() + " leads)"));
    }

    /** The calibrated win probability of a lead in band b. */
    public double winProbability(int band) {
        return winProbability[band];
    }

    /** Observed over expected conversions on the curve's window; NaN when unknown. */
    public double observedToExpected() {
        return observedToExpected;
    }

    public Provenance provenance() {
        return provenance;
    }
}

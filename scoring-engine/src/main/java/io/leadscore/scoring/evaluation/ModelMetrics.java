package io.leadscore.scoring.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * How well calibrated scores predicted conversion on one set of leads (normally the out-of-time validation
 * window). Built by {@link Evaluator#evaluate(double[], int[])}; read by the promotion rule, stored in the model
 * file, and charted by the console.
 *
 * @param rows             leads evaluated
 * @param positives        converters among them
 * @param labelFingerprint first 16 hex digits of the SHA-256 of the outcome sequence: two evaluations with the
 *                         same fingerprint and counts were made on the same leads in the same order
 * @param auc              area under the ROC curve (ties count half); NaN without both outcomes
 * @param prAuc            average precision, {@code Σ (R_k − R_{k−1}) P_k} over score thresholds; NaN without converters
 * @param logLoss          mean negative log-likelihood, scores clipped to [1e-15, 1 − 1e-15]
 * @param brier            mean squared difference between score and outcome
 * @param ece              expected calibration error over {@link Evaluator#CALIBRATION_BINS} equal-count bins:
 *                         {@code Σ_b (n_b / n) |mean score_b − conversion rate_b|}
 * @param calibrationBins  those bins, lowest scores first
 * @param liftByDecile     ten deciles, highest scores first (fewer when there are fewer than ten leads)
 * @param roc              the ROC curve from (0, 0) to (1, 1), thinned for charting
 * @param thresholdCurve   conversion by MQL threshold, 0.00 to 1.00
 */
public record ModelMetrics(int rows, int positives, String labelFingerprint, double auc, double prAuc,
                           double logLoss, double brier, double ece, List<CalibrationBin> calibrationBins,
                           List<LiftBin> liftByDecile, List<RocPoint> roc, ThresholdCurve thresholdCurve) {

    public ModelMetrics {
        if (rows < 1) {
            throw new IllegalArgumentException("Invalid number of rows: " + rows + ", expected at least 1");
        }
        if (positives < 0 || positives > rows) {
            throw new IllegalArgumentException("Invalid number of positives: " + positives + ", expected 0 to " + rows);
        }
        if (labelFingerprint == null || !labelFingerprint.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("Invalid label fingerprint: " + labelFingerprint + ", expected 16 lower-case hex digits");
        }
        checkUnitOrNaN("AUC", auc);
        checkUnitOrNaN("PR-AUC", prAuc);
        if (!(logLoss >= 0)) {
            throw new IllegalArgumentException("Invalid log loss: " + logLoss + ", expected a non-negative number");
        }
        checkUnitOrNaN("Brier score", brier);
        checkUnitOrNaN("ECE", ece);
        calibrationBins = List.copyOf(calibrationBins);
        liftByDecile = List.copyOf(liftByDecile);
        roc = List.copyOf(roc);
        Objects.requireNonNull(thresholdCurve, "thresholdCurve");
        if (thresholdCurve.leads() != rows) {
            throw new IllegalArgumentException("Invalid threshold curve: measured on " + thresholdCurve.leads() + " leads, expected " + rows);
        }
    }

    private static void checkUnitOrNaN(String name, double value) {
        if (!Double.isNaN(value) && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + value + ", expected 0 to 1 (or NaN when undefined)");
        }
    }

    /** Share of converters among the rows. */
    public double baseRate() {
        return (double) positives / rows;
    }

    /**
     * The standard error of the AUC (Hanley and McNeil, 1982), from the AUC and the counts of each outcome: how far
     * the figure of another window of the same size would likely lie. NaN where the AUC is undefined.
     */
    public double aucStandardError() {
        long negatives = (long) rows - positives;
        if (Double.isNaN(auc) || positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double a = auc;
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double variance = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(0, variance));
    }

    /** True when both metrics were measured on the same leads, in the same order, with the same outcomes. */
    public boolean sameRowsAs(ModelMetrics other) {
        return rows == other.rows && positives == other.positives && labelFingerprint.equals(other.labelFingerprint);
    }

    /** A figure as reports print it: four decimals, or "undefined" (an AUC with one outcome only, say). */
    public static String figure(double value) {
        return Double.isNaN(value) ? "undefined" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}

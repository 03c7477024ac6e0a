package io.leadscore.scoring.evaluation;

import java.util.Locale;
import java.util.Objects;

/**
 * When a challenger replaces the champion. Both must have been evaluated on the same out-of-time validation
 * window (the challenger's); in {@link PromotionMode#AUTO} the challenger is promoted when
 * {@code AUC ≥ champion AUC − aucTolerance} and {@code ECE ≤ champion ECE + eceTolerance}: it may be a little
 * worse at ranking or calibration, as retraining on fresher data is worth it, but not noticeably so.
 * A pure function of its inputs.
 *
 * @param aucTolerance how much AUC the challenger may lose, in [0, 1)
 * @param eceTolerance how much ECE the challenger may gain, in [0, 1)
 */
public record PromotionRule(double aucTolerance, double eceTolerance) {

    public static final double DEFAULT_AUC_TOLERANCE = 0.005;
    public static final double DEFAULT_ECE_TOLERANCE = 0.01;

    public PromotionRule {
        if (!(aucTolerance >= 0 && aucTolerance < 1)) {
            throw new IllegalArgumentException("Invalid AUC tolerance: " + aucTolerance + ", expected 0 to 1");
        }
        if (!(eceTolerance >= 0 && eceTolerance < 1)) {
            throw new IllegalArgumentException("Invalid ECE tolerance: " + eceTolerance + ", expected 0 to 1");
        }
    }

    /** AUC may drop by at most 0.005 and ECE rise by at most 0.01. */
    public static PromotionRule defaults() {
        return new PromotionRule(DEFAULT_AUC_TOLERANCE, DEFAULT_ECE_TOLERANCE);
    }

    /**
     * @param mode       auto, never or force
     * @param challenger the new model's metrics on the validation window
     * @param champion   the current champion's metrics on the same window, or {@code null} when there is none
     * @throws IllegalArgumentException in auto mode, when the two were not evaluated on the same rows
     */
    public PromotionDecision decide(PromotionMode mode, ModelMetrics challenger, ModelMetrics champion) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(challenger, "challenger");
        String challengerFigures = figures("challenger", challenger);
        switch (mode) {
            case NEVER:
                return new PromotionDecision(false, mode, "Not promoted: promotion is turned off (" + challengerFigures + ").");
            case FORCE:
                return new PromotionDecision(true, mode, "Promoted on request, without comparing metrics ("
                        + challengerFigures + (champion == null ? "" : "; " + figures("champion", champion)) + ").");
            case AUTO:
            default:
                break;
        }
        if (Double.isNaN(challenger.auc()) || Double.isNaN(challenger.ece())) {
            return new PromotionDecision(false, mode, "Not promoted: the validation window has "
                    + challenger.positives() + " converters among " + challenger.rows()
                    + " leads, so the challenger's AUC is undefined.");
        }
        if (champion == null) {
            return new PromotionDecision(true, mode, "Promoted: there is no champion yet (" + challengerFigures + ").");
        }
        if (!challenger.sameRowsAs(champion)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Challenger and champion were evaluated on different rows (%d rows, %d converters, labels %s vs %d rows, %d converters, labels %s); evaluate the champion on the challenger's validation window",
                    challenger.rows(), challenger.positives(), challenger.labelFingerprint(),
                    champion.rows(), champion.positives(), champion.labelFingerprint()));
        }
        double minAuc = champion.auc() - aucTolerance;
        double maxEce = champion.ece() + eceTolerance;
        boolean aucOk = Double.isNaN(champion.auc()) || challenger.auc() >= minAuc;
        boolean eceOk = Double.isNaN(champion.ece()) || challenger.ece() <= maxEce;
        String aucPart = String.format(Locale.ROOT, "AUC %.4f vs champion %.4f (at least %.4f needed)",
                challenger.auc(), champion.auc(), minAuc);
        String ecePart = String.format(Locale.ROOT, "ECE %.4f vs champion %.4f (at most %.4f allowed)",
                challenger.ece(), champion.ece(), maxEce);
        if (aucOk && eceOk) {
            return new PromotionDecision(true, mode, "Promoted: " + aucPart + ", " + ecePart + ".");
        }
        StringBuilder reason = new StringBuilder("Not promoted: ");
        if (!aucOk) {
            reason.append("ranks worse, ").append(aucPart);
        }
        if (!eceOk) {
            reason.append(aucOk ? "" : "; ").append("is less well calibrated, ").append(ecePart);
        }
        return new PromotionDecision(false, mode, reason.append('.').toString());
    }

    private static String figures(String who, ModelMetrics m) {
        return String.format(Locale.ROOT, "%s AUC %.4f, ECE %.4f", who, m.auc(), m.ece());
    }
}

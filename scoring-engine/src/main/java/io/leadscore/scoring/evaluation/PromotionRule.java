package io.leadscore.scoring.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * When a challenger replaces the champion. Both must have been evaluated on the same out-of-time validation
 * window (the challenger's); in {@link PromotionMode#AUTO} the challenger is promoted when, over the whole window,
 * {@code AUC ≥ champion AUC − aucTolerance} and {@code ECE ≤ champion ECE + eceTolerance}, and, in every age band
 * where both were measured on at least {@code minBandLeads} leads with at least {@code minBandConverters}
 * converters, {@code AUC ≥ champion AUC − bandAucTolerance} and {@code ECE ≤ champion ECE + bandEceTolerance}: a
 * score is used at every age, so a challenger that is better on average but worse for leads of one age is refused,
 * and the reason names the band. It may be a little worse, as retraining on fresher data is worth it, but not
 * noticeably so. A window with fewer than {@code minBandLeads} snapshots or {@code minBandConverters} converters
 * cannot tell two models apart, so it promotes no challenger over a champion. A pure function of its inputs.
 *
 * @param aucTolerance      how much AUC the challenger may lose over the window, in [0, 1)
 * @param eceTolerance      how much ECE the challenger may gain over the window, in [0, 1)
 * @param bandAucTolerance  how much AUC it may lose in one age band, in [0, 1) (a band holds fewer leads, so its
 *                          figures move more from one model to the next)
 * @param bandEceTolerance  how much ECE it may gain in one age band, in [0, 1)
 * @param minBandLeads      fewest leads for a band to be compared, &ge; 1
 * @param minBandConverters fewest converters for a band to be compared, &ge; 1
 */
public record PromotionRule(double aucTolerance, double eceTolerance, double bandAucTolerance, double bandEceTolerance,
                            int minBandLeads, int minBandConverters) {

    public static final double DEFAULT_AUC_TOLERANCE = 0.005;
    public static final double DEFAULT_ECE_TOLERANCE = 0.01;
    public static final double DEFAULT_BAND_AUC_TOLERANCE = 0.02;
    public static final double DEFAULT_BAND_ECE_TOLERANCE = 0.02;
    /**
     * With 200 leads and 20 converters the standard error of a band's AUC is about 0.05–0.065 (Hanley and McNeil
     * 1982, for AUCs of 0.9–0.75; {@link ModelMetrics#aucStandardError}); fewer would let noise decide. The two
     * models are scored on the same snapshots, so their difference errs less than either figure.
     */
    public static final int DEFAULT_MIN_BAND_LEADS = 200;
    public static final int DEFAULT_MIN_BAND_CONVERTERS = 20;

    public PromotionRule {
        check("AUC tolerance", aucTolerance);
        check("ECE tolerance", eceTolerance);
        check("band AUC tolerance", bandAucTolerance);
        check("band ECE tolerance", bandEceTolerance);
        if (minBandLeads < 1) {
            throw new IllegalArgumentException("Invalid minimum band size: " + minBandLeads + " leads, expected at least 1");
        }
        if (minBandConverters < 1) {
            throw new IllegalArgumentException("Invalid minimum band converters: " + minBandConverters + ", expected at least 1");
        }
    }

    /** Over the window and with the default band settings. */
    public PromotionRule(double aucTolerance, double eceTolerance) {
        this(aucTolerance, eceTolerance, DEFAULT_BAND_AUC_TOLERANCE, DEFAULT_BAND_ECE_TOLERANCE, DEFAULT_MIN_BAND_LEADS,
                DEFAULT_MIN_BAND_CONVERTERS);
    }

    private static void check(String name, double tolerance) {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("Invalid " + name + ": " + tolerance + ", expected 0 to 1");
        }
    }

    /** AUC may drop by at most 0.005 and ECE rise by at most 0.01; in a band of 200 leads and 20 converters or more, 0.02 each. */
    public static PromotionRule defaults() {
        return new PromotionRule(DEFAULT_AUC_TOLERANCE, DEFAULT_ECE_TOLERANCE);
    }

    /** {@link #decide(PromotionMode, ModelMetrics, ModelMetrics, List, List)} without age bands. */
    public PromotionDecision decide(PromotionMode mode, ModelMetrics challenger, ModelMetrics champion) {
        return decide(mode, challenger, champion, List.of(), List.of());
    }

    /**
     * @param mode              auto, never or force
     * @param challenger        the new model's metrics on the validation window
     * @param champion          the current champion's metrics on the same window, or {@code null} when there is none
     * @param challengerByAge   the challenger's metrics per age band on that window (may be empty)
     * @param championByAge     the champion's on the same bands (may be empty); bands are matched by label
     * @throws IllegalArgumentException in auto mode, when the two were not evaluated on the same rows
     */
    public PromotionDecision decide(PromotionMode mode, ModelMetrics challenger, ModelMetrics champion,
                                    List<AgeBandMetrics> challengerByAge, List<AgeBandMetrics> championByAge) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(challenger, "challenger");
        Objects.requireNonNull(challengerByAge, "challengerByAge");
        Objects.requireNonNull(championByAge, "championByAge");
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
                    + " snapshots, so the challenger's AUC is undefined.");
        }
        if (champion == null) {
            // nothing scores leads without a champion, so the first model is promoted; a thin window is said
            return new PromotionDecision(true, mode, "Promoted: there was no champion before it (" + challengerFigures
                    + ")" + (enough(challenger) ? "." : String.format(Locale.ROOT, "; its validation window holds only"
                    + " %d converters among %d snapshots (%d and %d make figures to rely on), so its AUC and ECE are"
                    + " rough: train again once the history is longer.", challenger.positives(), challenger.rows(),
                    minBandConverters, minBandLeads)));
        }
        requireSameRows("", challenger, champion);
        if (!enough(challenger)) {
            // the band minimum holds for the whole window too: with fewer, noise would decide between two models
            return new PromotionDecision(false, mode, String.format(Locale.ROOT, "Not promoted: the validation window"
                            + " holds %d converters among %d snapshots, too few to tell two models apart (at least %d"
                            + " converters among %d snapshots; %s, %s); train on a longer history, or promote it by"
                            + " hand if you trust it", challenger.positives(), challenger.rows(), minBandConverters,
                    minBandLeads, challengerFigures, figures("champion", champion)));
        }
        double minAuc = champion.auc() - aucTolerance;
        double maxEce = champion.ece() + eceTolerance;
        boolean aucOk = Double.isNaN(champion.auc()) || challenger.auc() >= minAuc;
        boolean eceOk = Double.isNaN(champion.ece()) || challenger.ece() <= maxEce;
        String aucPart = String.format(Locale.ROOT, "AUC %.4f vs champion %.4f (at least %.4f needed)",
                challenger.auc(), champion.auc(), minAuc);
        String ecePart = String.format(Locale.ROOT, "ECE %.4f vs champion %.4f (at most %.4f allowed)",
                challenger.ece(), champion.ece(), maxEce);
        StringBuilder reason = new StringBuilder();
        if (!aucOk) {
            reason.append("ranks worse, ").append(aucPart);
        }
        if (!eceOk) {
            reason.append(reason.length() == 0 ? "" : "; ").append("is less well calibrated, ").append(ecePart);
        }
        int compared = 0;
        for (AgeBandMetrics mine : challengerByAge) {
            AgeBandMetrics theirs = championByAge.stream().filter(b -> b.band().label().equals(mine.band().label()))
                    .findFirst().orElse(null);
            if (theirs == null || !enough(mine.metrics())) {
                continue;
            }
            ModelMetrics a = mine.metrics();
            ModelMetrics b = theirs.metrics();
            requireSameRows(" in age band " + mine.band().label(), a, b);
            compared++;
            String band = "leads aged " + mine.band().label();
            if (!Double.isNaN(b.auc()) && a.auc() < b.auc() - bandAucTolerance) {
                reason.append(reason.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                        "ranks worse for %s, AUC %.4f vs champion %.4f (at least %.4f needed, %d leads)", band, a.auc(),
                        b.auc(), b.auc() - bandAucTolerance, a.rows()));
            }
            if (!Double.isNaN(b.ece()) && a.ece() > b.ece() + bandEceTolerance) {
                reason.append(reason.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT,
                        "is less well calibrated for %s, ECE %.4f vs champion %.4f (at most %.4f allowed, %d leads)", band,
                        a.ece(), b.ece(), b.ece() + bandEceTolerance, a.rows()));
            }
        }
        if (reason.length() == 0) {
            return new PromotionDecision(true, mode, "Promoted: " + aucPart + ", " + ecePart
                    + (compared > 0 ? ", and no worse in any of the " + compared + " age bands compared"
                    : challengerByAge.isEmpty() ? "" : String.format(Locale.ROOT, "; no age band was compared (none"
                    + " holds %d snapshots with %d converters)", minBandLeads, minBandConverters)) + ".");
        }
        return new PromotionDecision(false, mode, "Not promoted: " + reason + ".");
    }

    private boolean enough(ModelMetrics m) {
        return m.rows() >= minBandLeads && m.positives() >= minBandConverters && m.rows() - m.positives() >= 1;
    }

    private static void requireSameRows(String where, ModelMetrics challenger, ModelMetrics champion) {
        if (!challenger.sameRowsAs(champion)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "Challenger and champion were evaluated on different rows%s (%d rows, %d converters, labels %s vs %d rows, %d converters, labels %s); evaluate the champion on the challenger's validation window",
                    where, challenger.rows(), challenger.positives(), challenger.labelFingerprint(),
                    champion.rows(), champion.positives(), champion.labelFingerprint()));
        }
    }

    private static String figures(String who, ModelMetrics m) {
        return who + " AUC " + ModelMetrics.figure(m.auc()) + ", ECE " + ModelMetrics.figure(m.ece());
    }
}

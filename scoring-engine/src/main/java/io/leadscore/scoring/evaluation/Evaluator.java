package io.leadscore.scoring.evaluation;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Measures calibrated scores against known outcomes. Deterministic: the same scores and outcomes give the
 * same metrics, whatever the order of equal scores.
 */
public final class Evaluator {

    /** Bins for the ECE and the reliability diagram: ten equal-count bins of leads sorted by score. */
    public static final int CALIBRATION_BINS = 10;

    /** Probabilities are clipped this far from 0 and 1 in the log loss (scikit-learn's convention). */
    static final double LOG_LOSS_EPSILON = 1e-15;

    /** A ROC point is kept for charting once either rate has moved this far since the last kept point. */
    static final double ROC_STEP = 0.005;

    private Evaluator() {
    }

    /**
     * Metrics of a model whose calibration was fitted on the rows evaluated. Ranking metrics (AUC, PR-AUC,
     * ROC, lift) come from {@code rankingScores} — the shipped calibration, a monotone map of the raw score,
     * so they are the raw model's; calibration metrics (log loss, Brier, ECE, calibration bins, threshold
     * curve) come from {@code calibratedScores}, cross-fitted so that they are not flattered by fitting and
     * judging the calibration on the same rows. (Cross-fitted scores come from two different maps, so ranking
     * them would mix the maps into the AUC.)
     */
    public static ModelMetrics evaluate(double[] rankingScores, double[] calibratedScores, int[] labels) {
        ModelMetrics ranking = evaluate(rankingScores, labels);
        ModelMetrics calibrated = evaluate(calibratedScores, labels);
        return new ModelMetrics(calibrated.rows(), calibrated.positives(), calibrated.labelFingerprint(), ranking.auc(),
                ranking.prAuc(), calibrated.logLoss(), calibrated.brier(), calibrated.ece(), calibrated.calibrationBins(),
                ranking.liftByDecile(), ranking.roc(), calibrated.thresholdCurve());
    }

    /**
     * The metrics of {@link #evaluate(double[], double[], int[])} for each age band that holds at least one row,
     * in the order of {@code bands}.
     *
     * @param ageDays each row's lead age at its snapshot, in days
     */
    public static List<AgeBandMetrics> byAge(double[] rankingScores, double[] calibratedScores, int[] labels,
                                             double[] ageDays, List<AgeBand> bands) {
        int n = labels.length;
        if (rankingScores.length != n || calibratedScores.length != n || ageDays.length != n) {
            throw new IllegalArgumentException(String.format("Invalid evaluation by age: %d labels, %d and %d scores, %d ages",
                    n, rankingScores.length, calibratedScores.length, ageDays.length));
        }
        List<AgeBandMetrics> result = new ArrayList<>(bands.size());
        for (AgeBand band : bands) {
            int count = 0;
            for (double age : ageDays) {
                count += band.contains(age) ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] ranking = new double[count];
            double[] calibrated = new double[count];
            int[] y = new int[count];
            for (int i = 0, k = 0; i < n; i++) {
                if (band.contains(ageDays[i])) {
                    ranking[k] = rankingScores[i];
                    calibrated[k] = calibratedScores[i];
                    y[k++] = labels[i];
                }
            }
            result.add(new AgeBandMetrics(band, evaluate(ranking, calibrated, y)));
        }
        return result;
    }

    /** {@link #byAge(double[], double[], int[], double[], List)} of one set of scores. */
    public static List<AgeBandMetrics> byAge(double[] scores, int[] labels, double[] ageDays, List<AgeBand> bands) {
        return byAge(scores, scores, labels, ageDays, bands);
    }

    /**
     * @param scores calibrated probabilities in [0, 1], one per lead
     * @param labels 1 for a lead that converted, 0 otherwise; same length as {@code scores}, at least one
     */
    public static ModelMetrics evaluate(double[] scores, int[] labels) {
        int n = scores.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(String.format("Invalid labels: %d labels for %d scores", labels.length, n));
        }
        if (n == 0) {
            throw new IllegalArgumentException("Nothing to evaluate: no scores");
        }
        int positives = 0;
        for (int i = 0; i < n; i++) {
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException("Invalid score of row " + i + ": " + scores[i] + ", expected a probability in [0, 1]");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("Invalid label of row " + i + ": " + labels[i] + ", expected 0 or 1");
            }
            positives += labels[i];
        }
        // Ascending by score; equal scores are tied groups in every metric below, so their order is irrelevant.
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = scores[boxed[i]];
            y[i] = labels[boxed[i]];
        }

        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, s[i]));
            logLoss -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
            brier += (s[i] - y[i]) * (s[i] - y[i]);
        }
        List<CalibrationBin> bins = calibrationBins(s, y);
        double ece = 0;
        for (CalibrationBin bin : bins) {
            ece += (double) bin.leads() / n * Math.abs(bin.meanScore() - bin.conversionRate());
        }
        return new ModelMetrics(n, positives, fingerprint(labels), auc(s, y, positives), averagePrecision(s, y, positives),
                logLoss / n, brier / n, ece, bins, liftByDecile(s, y, positives), roc(s, y, positives),
                thresholdCurve(s, y, positives));
    }

    /** Mann–Whitney U over average ranks: the chance a random converter outscores a random non-converter. */
    static double auc(double[] s, int[] y, int positives) {
        int n = s.length;
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double rankSum = 0;
        for (int lo = 0; lo < n; ) {
            int hi = lo;
            int pos = 0;
            while (hi < n && s[hi] == s[lo]) {
                pos += y[hi++];
            }
            double averageRank = (lo + 1 + hi) / 2.0;
            rankSum += pos * averageRank;
            lo = hi;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Average precision as scikit-learn defines it: recall steps weighted by precision, ties as one threshold. */
    static double averagePrecision(double[] s, int[] y, int positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        double[] sums = new double[2]; // average precision, the recall of the previous threshold
        fromTheTop(s, y, (lo, tp, fp) -> {
            double recall = (double) tp / positives;
            sums[0] += (recall - sums[1]) * tp / (tp + fp);
            sums[1] = recall;
        });
        return sums[0];
    }

    static List<CalibrationBin> calibrationBins(double[] s, int[] y) {
        int n = s.length;
        int count = Math.min(CALIBRATION_BINS, n);
        List<CalibrationBin> bins = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            int lo = (int) ((long) b * n / count);
            int hi = (int) ((long) (b + 1) * n / count);
            double sum = 0;
            int conversions = 0;
            for (int i = lo; i < hi; i++) {
                sum += s[i];
                conversions += y[i];
            }
            int leads = hi - lo;
            bins.add(new CalibrationBin(leads, sum / leads, (double) conversions / leads, s[lo], s[hi - 1]));
        }
        return bins;
    }

    static List<LiftBin> liftByDecile(double[] s, int[] y, int positives) {
        int n = s.length;
        int count = Math.min(10, n);
        double baseRate = (double) positives / n;
        List<LiftBin> deciles = new ArrayList<>(count);
        int cumulative = 0;
        for (int d = 0; d < count; d++) {
            // Deciles count from the top: decile 1 is the highest-scoring tenth.
            int hi = n - (int) ((long) d * n / count);
            int lo = n - (int) ((long) (d + 1) * n / count);
            int conversions = 0;
            for (int i = lo; i < hi; i++) {
                conversions += y[i];
            }
            cumulative += conversions;
            int leads = hi - lo;
            double rate = (double) conversions / leads;
            deciles.add(new LiftBin(d + 1, leads, conversions, rate, positives == 0 ? Double.NaN : rate / baseRate,
                    positives == 0 ? Double.NaN : (double) cumulative / positives, s[lo]));
        }
        return deciles;
    }

    static List<RocPoint> roc(double[] s, int[] y, int positives) {
        int n = s.length;
        int negatives = n - positives;
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        if (positives == 0 || negatives == 0) {
            points.add(new RocPoint(s[0], 1, 1));
            return points;
        }
        double[] kept = new double[2]; // the false and true positive rates of the last point kept
        fromTheTop(s, y, (lo, tp, fp) -> {
            double fpr = (double) fp / negatives;
            double tpr = (double) tp / positives;
            if (lo == 0 || fpr - kept[0] >= ROC_STEP || tpr - kept[1] >= ROC_STEP) {
                points.add(new RocPoint(s[lo], fpr, tpr));
                kept[0] = fpr;
                kept[1] = tpr;
            }
        });
        return points;
    }

    /** What a walk down the ascending scores sees at each distinct score: tied scores are one threshold. */
    private interface Threshold {
        /** {@code lo}: the first index at the threshold's score; {@code tp}, {@code fp}: the counts at or above it. */
        void at(int lo, int tp, int fp);
    }

    /** Visits every distinct score from the highest down, with the true and false positives at or above it. */
    private static void fromTheTop(double[] s, int[] y, Threshold threshold) {
        int tp = 0;
        int fp = 0;
        for (int hi = s.length; hi > 0; ) {
            int lo = hi;
            while (lo > 0 && s[lo - 1] == s[hi - 1]) {
                lo--;
                if (y[lo] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            }
            threshold.at(lo, tp, fp);
            hi = lo;
        }
    }

    static ThresholdCurve thresholdCurve(double[] s, int[] y, int positives) {
        int n = s.length;
        // Suffix sums over the ascending scores: what lies at index i and above.
        int[] convertersFrom = new int[n + 1];
        double[] scoreFrom = new double[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            convertersFrom[i] = convertersFrom[i + 1] + y[i];
            scoreFrom[i] = scoreFrom[i + 1] + s[i];
        }
        List<ThresholdCurve.Point> points = new ArrayList<>(101);
        for (int k = 0; k <= 100; k++) {
            double t = k / 100.0;
            int first = firstAtOrAbove(s, t);
            int above = n - first;
            int converters = convertersFrom[first];
            points.add(new ThresholdCurve.Point(t, above, (double) above / n,
                    above == 0 ? Double.NaN : (double) converters / above,
                    positives == 0 ? Double.NaN : (double) converters / positives,
                    scoreFrom[first]));
        }
        return new ThresholdCurve(n, points);
    }

    private static int firstAtOrAbove(double[] ascending, double t) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static String fingerprint(int[] labels) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buffer = ByteBuffer.allocate(4 + labels.length);
            buffer.putInt(labels.length);
            for (int label : labels) {
                buffer.put((byte) label);
            }
            return HexFormat.of().formatHex(sha.digest(buffer.array())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

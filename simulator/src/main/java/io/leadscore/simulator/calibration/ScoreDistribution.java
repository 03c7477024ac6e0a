package io.leadscore.simulator.calibration;

import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.Objects;
import org.apache.commons.math3.special.Beta;

/**
 * The distribution of new leads' calibrated scores, held as 100 bands of
 * width 0.01 (the threshold curve's grid): the share of leads in each band and
 * the mean score inside it. A threshold that falls inside a band takes the
 * part of the band above it in proportion to its width (scores spread
 * uniformly inside a band), so thresholds need not lie on the grid.
 */
public final class ScoreDistribution {

    /** Number of score bands; band b holds scores in [b/100, (b+1)/100), the last one also 1.0. */
    public static final int BANDS = 100;
    /** Fewer champion scores than this fall back to the default distribution. */
    public static final int MIN_SAMPLE = 100;

    private final double[] probability;
    private final double[] meanScore;
    private final Provenance provenance;

    /**
     * @param probability share of leads per band, {@value #BANDS} values &ge; 0 summing to 1 (within 1e-9)
     * @param meanScore   mean score per band, each inside its band
     */
    public ScoreDistribution(double[] probability, double[] meanScore, Provenance provenance) {
        Objects.requireNonNull(probability, "probability");
        Objects.requireNonNull(meanScore, "meanScore");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (probability.length != BANDS || meanScore.length != BANDS) {
            throw new IllegalArgumentException("Invalid score bands: " + probability.length + " probabilities and "
                    + meanScore.length + " means, expected " + BANDS + " of each");
        }
        double sum = 0;
        for (int b = 0; b < BANDS; b++) {
            double p = probability[b];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("Invalid share of score band " + b + ": " + p + ", expected >= 0");
            }
            double m = meanScore[b];
            if (!(m >= b / 100.0 - 1e-9 && m <= (b + 1) / 100.0 + 1e-9)) {
                throw new IllegalArgumentException("Invalid mean score of band " + b + ": " + m + ", expected "
                        + b / 100.0 + " to " + (b + 1) / 100.0);
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("Invalid score band shares: they sum to " + sum + ", expected 1");
        }
        this.probability = probability.clone();
        this.meanScore = meanScore.clone();
    }

    /** Scores distributed as Beta(alpha, beta), banded exactly with the regularised incomplete beta function. */
    public static ScoreDistribution beta(double alpha, double beta, Provenance provenance) {
        if (!(alpha > 0 && beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Invalid score Beta shapes: " + alpha + ", " + beta + ", expected positive numbers");
        }
        double[] p = new double[BANDS];
        double[] m = new double[BANDS];
        double mean = alpha / (alpha + beta);
        for (int b = 0; b < BANDS; b++) {
            double lo = b / 100.0;
            double hi = (b + 1) / 100.0;
            p[b] = regularized(hi, alpha, beta) - regularized(lo, alpha, beta);
            // E[S; lo <= S < hi] = mean * (I_hi(alpha+1, beta) - I_lo(alpha+1, beta)).
            double partial = mean * (regularized(hi, alpha + 1, beta) - regularized(lo, alpha + 1, beta));
            m[b] = p[b] > 1e-300 ? clamp(partial / p[b], lo, hi) : (lo + hi) / 2;
        }
        normalise(p);
        return new ScoreDistribution(p, m, provenance);
    }

    /**
     * The distribution of a sample of the champion model's recent scores, or
     * {@code fallback} with a note when there are fewer than {@value #MIN_SAMPLE}.
     */
    public static ScoreDistribution fromSample(double[] scores, ScoreDistribution fallback) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(fallback, "fallback");
        for (double s : scores) {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("Invalid score: " + s + ", expected a calibrated probability 0..1");
            }
        }
        if (scores.length < MIN_SAMPLE) {
            return fallback.withProvenance(Provenance.byDefault(fallback.provenance.note() + "; only " + scores.length
                    + " champion scores in the sample, at least " + MIN_SAMPLE + " needed"));
        }
        double[] count = new double[BANDS];
        double[] sum = new double[BANDS];
        for (double s : scores) {
            int b = band(s);
            count[b]++;
            sum[b] += s;
        }
        double[] p = new double[BANDS];
        double[] m = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            p[b] = count[b] / scores.length;
            m[b] = count[b] > 0 ? clamp(sum[b] / count[b], b / 100.0, (b + 1) / 100.0) : (b + 0.5) / 100;
        }
        normalise(p);
        return new ScoreDistribution(p, m, Provenance.fromStore(scores.length,
                "distribution of " + scores.length + " recent champion scores"));
    }

    /**
     * The score distribution of the leads a threshold curve was measured on:
     * band shares from the differences of {@code shareAbove}, band means from
     * the expected conversions (sums of calibrated scores) over the leads in
     * each band.
     */
    public static ScoreDistribution fromThresholdCurve(ThresholdCurve curve) {
        Objects.requireNonNull(curve, "curve");
        if (curve.leads() == 0) {
            throw new IllegalArgumentException("Invalid threshold curve: measured on 0 leads, expected some");
        }
        double[] p = new double[BANDS];
        double[] m = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            ThresholdCurve.Point at = curve.points().get(b);
            int leadsAbove = at.leadsAbove();
            double expectedAbove = at.expectedConversions();
            int nextLeads = b + 1 < BANDS ? curve.points().get(b + 1).leadsAbove() : 0;
            double nextExpected = b + 1 < BANDS ? curve.points().get(b + 1).expectedConversions() : 0;
            int inBand = leadsAbove - nextLeads;
            if (inBand < 0) {
                throw new IllegalArgumentException("Invalid threshold curve: leads above " + (b + 1) / 100.0 + " ("
                        + nextLeads + ") exceed leads above " + b / 100.0 + " (" + leadsAbove + ")");
            }
            p[b] = (double) inBand / curve.leads();
            m[b] = inBand > 0 ? clamp((expectedAbove - nextExpected) / inBand, b / 100.0, (b + 1) / 100.0)
                    : (b + 0.5) / 100;
        }
        normalise(p);
        return new ScoreDistribution(p, m, Provenance.fromStore(curve.leads(),
                "score distribution of the " + curve.leads() + " leads of the champion's threshold curve"));
    }

    /** The same distribution with another provenance. */
    public ScoreDistribution withProvenance(Provenance other) {
        return new ScoreDistribution(probability, meanScore, other);
    }

    /** The band of a score in [0, 1]. */
    public static int band(double score) {
        return Math.min(BANDS - 1, (int) Math.floor(score * 100 + 1e-9));
    }

    /** Share of leads in band b. */
    public double probability(int band) {
        return probability[band];
    }

    /** Mean score of leads in band b. */
    public double meanScore(int band) {
        return meanScore[band];
    }

    /** The share of leads scoring at or above {@code threshold} (0..1). */
    public double shareAtOrAbove(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Invalid threshold: " + threshold + ", expected 0..1");
        }
        int b = band(threshold);
        double share = probability[b] * fractionOfBandAbove(threshold, b);
        for (int i = b + 1; i < BANDS; i++) {
            share += probability[i];
        }
        return share;
    }

    /** The mean score of leads at or above {@code threshold}; NaN when none are. */
    public double meanScoreAtOrAbove(double threshold) {
        int b = band(threshold);
        double w = probability[b] * fractionOfBandAbove(threshold, b);
        double total = w;
        double sum = w * meanScore[b];
        for (int i = b + 1; i < BANDS; i++) {
            total += probability[i];
            sum += probability[i] * meanScore[i];
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    /** The overall mean score. */
    public double meanScore() {
        double sum = 0;
        for (int b = 0; b < BANDS; b++) {
            sum += probability[b] * meanScore[b];
        }
        return sum;
    }

    /** The part of band b at or above the threshold, scores being uniform inside a band. */
    public static double fractionOfBandAbove(double threshold, int band) {
        double lo = band / 100.0;
        double hi = (band + 1) / 100.0;
        if (threshold <= lo) {
            return 1;
        }
        if (threshold >= hi) {
            return 0;
        }
        return (hi - threshold) / (hi - lo);
    }

    public Provenance provenance() {
        return provenance;
    }

    private static double regularized(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        return Beta.regularizedBeta(x, a, b);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static void normalise(double[] p) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
    }
}

package io.leadscore.batch.rescoring;

import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.ArrayList;
import java.util.List;

/**
 * The population stability index of a run's scores against the champion's
 * own scores on its validation window: PSI = Σ (a − e)·ln(a / e) over score
 * bins, a and e the actual and expected shares. Above 0.2 the population has
 * shifted enough that the model's calibration should not be trusted without a
 * look (the customary reading: &lt; 0.1 stable, 0.1–0.2 some shift, &gt; 0.2 a
 * significant shift).
 *
 * <p>The expected distribution is read from the champion's threshold curve
 * (share of leads at or above each 0.01 step). Adjacent steps are merged
 * until each bin expects at least 5% of leads, so that sparse bins do not
 * dominate the sum; shares are floored at 0.0001 to keep the logarithm finite.
 *
 * <p>Like with like ({@link #index(long[][], List)}): a lead's score moves with its age (a day-old lead has shown
 * little, a year-old one has had its chances), and a store's open leads age between runs while the validation window
 * holds leads of every age in its own mix. For a population of every age the expected distribution is therefore the
 * champion's, age band by age band, mixed in the proportions of the run's own leads: a store whose leads all grew
 * old scores as the champion's old leads did, and is not taken for a drifted one.
 */
final class PopulationStability {
    static final double WARN_ABOVE = 0.2;
    private static final double MIN_BIN_SHARE = 0.05;
    private static final double FLOOR = 1e-4;

    private final double[] lower;
    private final double[] expected;

    private PopulationStability(double[] lower, double[] expected) {
        this.lower = lower;
        this.expected = expected;
    }

    static PopulationStability of(ThresholdCurve curve) {
        List<Double> lowers = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        List<ThresholdCurve.Point> points = curve.points();
        double binLower = 0;
        double binShare = 0;
        for (int i = 0; i < points.size(); i++) {
            double above = points.get(i).shareAbove();
            double nextAbove = i + 1 < points.size() ? points.get(i + 1).shareAbove() : 0;
            binShare += Math.max(0, above - nextAbove);
            boolean last = i == points.size() - 1;
            if (binShare >= MIN_BIN_SHARE || last) {
                lowers.add(binLower);
                shares.add(binShare);
                binLower = i + 1 < points.size() ? points.get(i + 1).threshold() : 1;
                binShare = 0;
            }
        }
        // a small remainder joins the bin below it
        int k = shares.size();
        if (k > 1 && shares.get(k - 1) < MIN_BIN_SHARE) {
            shares.set(k - 2, shares.get(k - 2) + shares.remove(k - 1));
            lowers.remove(k - 1);
        }
        double[] l = lowers.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = shares.stream().mapToDouble(Double::doubleValue).toArray();
        return new PopulationStability(l, e);
    }

    int bins() {
        return lower.length;
    }

    int binOf(double score) {
        int bin = 0;
        for (int i = 1; i < lower.length; i++) {
            if (score >= lower[i]) {
                bin = i;
            }
        }
        return bin;
    }

    /** The share of a curve's leads in each of this index's bins. */
    private double[] sharesOf(ThresholdCurve curve) {
        double[] shares = new double[lower.length];
        for (int i = 0; i < lower.length; i++) {
            double from = curve.at(lower[i]).shareAbove();
            double to = i + 1 < lower.length ? curve.at(lower[i + 1]).shareAbove() : 0;
            shares[i] = Math.max(0, from - to);
        }
        return shares;
    }

    /**
     * PSI of scores counted per age band and bin, against the champion's scores of each band mixed in the
     * proportions of the counted leads.
     *
     * @param counts     {@code counts[b][i]}: scores of band b in bin i ({@link #binOf})
     * @param bandCurves each band's threshold curve on the champion's validation window; {@code null} (or a curve of
     *                   no leads) for a band it had none of, whose leads are then compared with the whole window
     */
    double index(long[][] counts, List<ThresholdCurve> bandCurves) {
        if (counts.length != bandCurves.size()) {
            throw new IllegalArgumentException("Invalid drift counts: " + counts.length + " bands counted, "
                    + bandCurves.size() + " band curves");
        }
        long total = 0;
        long[] actual = new long[lower.length];
        double[] mixed = new double[lower.length];
        double expectedTotal = 0;
        for (double e : expected) {
            expectedTotal += e;
        }
        for (int b = 0; b < counts.length; b++) {
            long inBand = 0;
            for (int i = 0; i < lower.length; i++) {
                inBand += counts[b][i];
                actual[i] += counts[b][i];
            }
            if (inBand == 0) {
                continue;
            }
            total += inBand;
            ThresholdCurve curve = bandCurves.get(b);
            double[] shares = curve != null && curve.leads() > 0 ? sharesOf(curve) : expected;
            double sum = curve != null && curve.leads() > 0 ? java.util.Arrays.stream(shares).sum() : expectedTotal;
            for (int i = 0; i < lower.length; i++) {
                mixed[i] += inBand * (sum > 0 ? shares[i] / sum : 0);
            }
        }
        if (total == 0) {
            return 0;
        }
        return psi(actual, total, mixed, total);
    }

    /** PSI of the scores counted per bin ({@link #binOf}) against the whole validation window. */
    double index(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double expectedTotal = 0;
        for (double e : expected) {
            expectedTotal += e;
        }
        return psi(counts, total, expected, expectedTotal);
    }

    private static double psi(long[] counts, long total, double[] expected, double expectedTotal) {
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double a = Math.max(FLOOR, counts[i] / (double) total);
            double e = Math.max(FLOOR, expected[i] / expectedTotal);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}

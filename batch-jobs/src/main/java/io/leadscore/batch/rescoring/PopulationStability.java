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

    /** PSI of the scores counted per bin ({@link #binOf}). */
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
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double a = Math.max(FLOOR, counts[i] / (double) total);
            double e = Math.max(FLOOR, expected[i] / expectedTotal);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}

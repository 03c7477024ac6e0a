package io.leadscore.scoring.evaluation;

import java.util.List;

/**
 * For each MQL threshold 0.00, 0.01, …, 1.00: what share of the evaluated
 * leads score at or above it, how precise and complete that selection is, and
 * how many conversions it is expected to hold (the sum of the calibrated
 * scores above it). The simulator reads conversion-by-score from it.
 *
 * @param leads  number of leads the curve was measured on
 * @param points 101 points in ascending threshold order
 */
public record ThresholdCurve(int leads, List<Point> points) {

    /**
     * @param threshold           the score threshold t
     * @param leadsAbove          leads with score &ge; t
     * @param shareAbove          leadsAbove / leads
     * @param precision           share of converters among leads above t (NaN when none are above)
     * @param recall              share of all converters that are above t (NaN when there are none)
     * @param expectedConversions sum of calibrated scores of the leads above t
     */
    public record Point(double threshold, int leadsAbove, double shareAbove, double precision, double recall,
                        double expectedConversions) {
    }

    public ThresholdCurve {
        if (leads < 0) {
            throw new IllegalArgumentException("Invalid number of leads: " + leads);
        }
        points = List.copyOf(points);
        if (points.size() != 101) {
            throw new IllegalArgumentException("Invalid threshold curve: " + points.size() + " points, expected 101 (0.00 to 1.00 by 0.01)");
        }
    }

    /**
     * The curve of the leads of several curves together (e.g. the age bands of the youngest leads): leads and
     * expected conversions add up, converters above each threshold are recovered from precision × leads above.
     *
     * @throws IllegalArgumentException when {@code curves} is empty
     */
    public static ThresholdCurve merge(List<ThresholdCurve> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("Nothing to merge: no threshold curves");
        }
        int leads = 0;
        for (ThresholdCurve c : curves) {
            leads += c.leads();
        }
        long[] converters = new long[101];
        int[] above = new int[101];
        double[] expected = new double[101];
        for (ThresholdCurve c : curves) {
            for (int k = 0; k < 101; k++) {
                Point p = c.points().get(k);
                above[k] += p.leadsAbove();
                expected[k] += p.expectedConversions();
                converters[k] += p.leadsAbove() == 0 ? 0 : Math.round(p.precision() * p.leadsAbove());
            }
        }
        long positives = converters[0];
        java.util.List<Point> points = new java.util.ArrayList<>(101);
        for (int k = 0; k < 101; k++) {
            points.add(new Point(curves.get(0).points().get(k).threshold(), above[k], leads == 0 ? 0 : (double) above[k] / leads,
                    above[k] == 0 ? Double.NaN : (double) converters[k] / above[k],
                    positives == 0 ? Double.NaN : (double) converters[k] / positives, expected[k]));
        }
        return new ThresholdCurve(leads, points);
    }

    /** The point of the largest grid threshold not above {@code threshold}. */
    public Point at(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Invalid threshold: " + threshold + ", expected 0..1");
        }
        return points.get((int) Math.floor(threshold * 100 + 1e-9));
    }
}

package io.leadscore.simulator.backtest;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How well the simulator did on one metric over the periods of a rolling
 * back-test whose actual figure is known.
 *
 * @param metric              "mqls", "wins" or "revenue"
 * @param periods             periods with a known actual
 * @param inside              of those, actuals inside the simulated P10–P90
 * @param coverage            {@code inside / periods}: about 0.8 when the spread is right; NaN without periods
 * @param medianAbsErrorP50   the median over periods of |P50 − actual|, in the metric's units
 * @param medianRelativeError the median over periods of |P50 − actual| / actual (periods with actual 0 left out)
 * @param meanErrorP50        the mean of P50 − actual: its sign says whether the simulator runs high or low
 * @param crps                the mean continuous ranked probability score, in the metric's units
 * @param pit                 the percentile ranks in ten bins of 10 points (the PIT histogram): flat when the
 *                            simulated distributions are calibrated, piled at the ends when they are too narrow,
 *                            in the middle when too wide, to one side when biased
 */
public record MetricSummary(String metric, int periods, int inside, double coverage, double medianAbsErrorP50,
                            double medianRelativeError, double meanErrorP50, double crps, int[] pit) {

    public static final int PIT_BINS = 10;

    public MetricSummary {
        Objects.requireNonNull(metric, "metric");
        pit = pit.clone();
        if (pit.length != PIT_BINS) {
            throw new IllegalArgumentException("Invalid PIT histogram: " + pit.length + " bins, expected " + PIT_BINS);
        }
    }

    @Override
    public int[] pit() {
        return pit.clone();
    }

    /** The summary of one metric's checks (unknown actuals left out). */
    public static MetricSummary of(String metric, List<MetricCheck> checks) {
        List<MetricCheck> known = checks.stream().filter(MetricCheck::known).toList();
        int n = known.size();
        int inside = (int) known.stream().filter(MetricCheck::insideP10P90).count();
        double[] absolute = known.stream().mapToDouble(c -> Math.abs(c.p50() - c.actual())).toArray();
        double[] relative = known.stream().filter(c -> c.actual() > 0)
                .mapToDouble(c -> Math.abs(c.p50() - c.actual()) / c.actual()).toArray();
        int[] pit = new int[PIT_BINS];
        for (MetricCheck c : known) {
            pit[Math.min(PIT_BINS - 1, (int) (c.percentileRank() * PIT_BINS))]++;
        }
        return new MetricSummary(metric, n, inside, n == 0 ? Double.NaN : (double) inside / n, median(absolute),
                median(relative), known.stream().mapToDouble(c -> c.p50() - c.actual()).average().orElse(Double.NaN),
                known.stream().mapToDouble(MetricCheck::crps).average().orElse(Double.NaN), pit);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }
}

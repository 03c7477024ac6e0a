package io.leadscore.simulator.backtest;

import java.util.Objects;

/**
 * Where one actual figure falls in its simulated distribution.
 *
 * @param metric         "mqls", "wins" or "revenue"
 * @param actual         the actual figure; NaN when unknown
 * @param percentileRank share of trials below it plus half the share equal to it (mid-rank), 0..1; NaN when unknown
 * @param p10            simulated 10th percentile
 * @param p50            simulated median
 * @param p90            simulated 90th percentile
 * @param insideP10P90   whether P10 &le; actual &le; P90 (false when unknown)
 * @param crps           the continuous ranked probability score of the simulated distribution for the actual
 *                       (in the metric's units; 0 for a point forecast that hits; NaN when unknown)
 * @param note           why the actual is unknown, or {@code null}
 */
public record MetricCheck(String metric, double actual, double percentileRank, double p10, double p50, double p90,
                          boolean insideP10P90, double crps, String note) {

    public MetricCheck {
        Objects.requireNonNull(metric, "metric");
    }

    /** Whether the actual figure is known (the store had the history to count it). */
    public boolean known() {
        return !Double.isNaN(actual);
    }
}

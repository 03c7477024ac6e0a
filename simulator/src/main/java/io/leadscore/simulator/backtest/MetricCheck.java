package io.leadscore.simulator.backtest;

import java.util.Objects;

/**
 * Where one actual figure falls in its simulated distribution.
 *
 * @param metric         "mqls", "wins" or "revenue"
 * @param actual         the actual figure
 * @param percentileRank share of trials below it plus half the share equal to it (mid-rank), 0..1
 * @param p10            simulated 10th percentile
 * @param p50            simulated median
 * @param p90            simulated 90th percentile
 * @param insideP10P90   whether P10 &le; actual &le; P90
 */
public record MetricCheck(String metric, double actual, double percentileRank, double p10, double p50, double p90,
                          boolean insideP10P90) {

    public MetricCheck {
        Objects.requireNonNull(metric, "metric");
    }
}

package io.leadscore.simulator.backtest;

import io.leadscore.simulator.text.Json;
import io.leadscore.simulator.text.Numbers;
import io.leadscore.simulator.text.TextTable;
import java.util.List;

/**
 * The checks of one back-test, one per metric.
 *
 * @param trials trials in the simulated distribution
 * @param checks mqls, wins, revenue
 */
public record BacktestResult(int trials, List<MetricCheck> checks) {

    public BacktestResult {
        checks = List.copyOf(checks);
    }

    /** Whether every known actual lies within its simulated P10–P90. */
    public boolean allInsideP10P90() {
        return checks.stream().filter(MetricCheck::known).allMatch(MetricCheck::insideP10P90);
    }

    /** The check of one metric. */
    public MetricCheck check(String metric) {
        return checks.stream().filter(c -> c.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Invalid metric: " + metric + ", expected one of "
                        + checks.stream().map(MetricCheck::metric).toList()));
    }

    /**
     * {@code {"trials": n, "checks": [{"metric", "actual", "percentile_rank", "p10", "p50", "p90", "inside_p10_p90",
     * "crps", "note"}]}}; an unknown actual is {@code null}, with its rank, inside and CRPS.
     */
    public String toJson() {
        return Json.write(json());
    }

    /** The document of {@link #toJson()} as a record. */
    public BacktestJson.Result json() {
        return new BacktestJson.Result(trials, checks.stream()
                .map(c -> new BacktestJson.Check(c.metric(), BacktestJson.Figures.of(c))).toList());
    }

    public String toTable() {
        TextTable table = new TextTable("metric", "actual", "percentile", "P10", "P50", "P90", "within P10-P90");
        for (MetricCheck c : checks) {
            table.row(c.metric(), c.known() ? format(c.metric(), c.actual()) : "n/a",
                    c.known() ? Numbers.percent(c.percentileRank()) : "",
                    format(c.metric(), c.p10()), format(c.metric(), c.p50()), format(c.metric(), c.p90()),
                    c.known() ? c.insideP10P90() ? "yes" : "no" : "");
        }
        StringBuilder out = new StringBuilder(table.render());
        for (MetricCheck c : checks) {
            if (c.note() != null) {
                out.append(c.metric()).append(": ").append(c.note()).append('\n');
            }
        }
        return out.toString();
    }

    /** A figure as people read it: whole amounts of money, whole counts. */
    static String format(String metric, double v) {
        return metric.equals("revenue") ? Numbers.amount(v) : Numbers.whole(v);
    }
}

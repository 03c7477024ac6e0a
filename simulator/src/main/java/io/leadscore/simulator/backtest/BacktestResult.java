package io.leadscore.simulator.backtest;

import io.leadscore.simulator.text.JsonWriter;
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

    /** Whether every actual lies within its simulated P10–P90. */
    public boolean allInsideP10P90() {
        return checks.stream().allMatch(MetricCheck::insideP10P90);
    }

    /** {@code {"trials": n, "checks": [{"metric", "actual", "percentile_rank", "p10", "p50", "p90", "inside_p10_p90"}]}}. */
    public String toJson() {
        JsonWriter json = new JsonWriter();
        json.beginObject().member("trials", trials).name("checks").beginArray();
        for (MetricCheck c : checks) {
            json.beginObject()
                    .member("metric", c.metric())
                    .member("actual", c.actual())
                    .member("percentile_rank", c.percentileRank())
                    .member("p10", c.p10())
                    .member("p50", c.p50())
                    .member("p90", c.p90())
                    .name("inside_p10_p90").value(c.insideP10P90())
                    .endObject();
        }
        json.endArray().endObject();
        return json.toString();
    }

    public String toTable() {
        TextTable table = new TextTable("metric", "actual", "percentile", "P10", "P50", "P90", "within P10-P90");
        for (MetricCheck c : checks) {
            boolean money = c.metric().equals("revenue");
            table.row(c.metric(), Numbers.amount(c.actual()),
                    Numbers.percent(c.percentileRank()),
                    money ? Numbers.amount(c.p10()) : Numbers.count(c.p10()),
                    money ? Numbers.amount(c.p50()) : Numbers.count(c.p50()),
                    money ? Numbers.amount(c.p90()) : Numbers.count(c.p90()),
                    c.insideP10P90() ? "yes" : "no");
        }
        return table.render();
    }
}

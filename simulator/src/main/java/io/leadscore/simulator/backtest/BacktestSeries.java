package io.leadscore.simulator.backtest;

import io.leadscore.simulator.text.Json;
import io.leadscore.simulator.text.Numbers;
import io.leadscore.simulator.text.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A rolling-origin back-test: every past period simulated from what was
 * known before it and compared with what happened, and how well the
 * simulator did over all of them ({@link MetricSummary}) for each metric.
 *
 * @param periods oldest first
 */
public record BacktestSeries(List<BacktestPeriod> periods) {

    /** The metrics every period is checked on, in order. */
    public static final List<String> METRICS = List.of("mqls", "wins", "revenue");

    public BacktestSeries {
        periods = List.copyOf(Objects.requireNonNull(periods, "periods"));
    }

    public MetricSummary summary(String metric) {
        return MetricSummary.of(metric, periods.stream().map(p -> p.result().check(metric)).toList());
    }

    /**
     * The JSON of {@code simulate --backtest-all --format json} (docs/cli.md, "Backtests"): {@code periods},
     * a list of {@code from}, {@code to} and per metric {@code actual, p10, p50, p90, percentile_rank,
     * inside_p10_p90} (and {@code crps}, and {@code note} when the actual is unknown); and {@code summary}, per
     * metric {@code coverage_p10_p90, median_abs_error_p50, crps} with {@code periods}, {@code inside_p10_p90},
     * {@code median_relative_error_p50}, {@code mean_error_p50} and {@code pit_histogram}. Undefined figures
     * are {@code null}.
     */
    public String toJson() {
        return Json.write(json());
    }

    /** The document of {@link #toJson()} as a record. */
    public BacktestJson.Series json() {
        return new BacktestJson.Series(periods.stream().map(p -> new BacktestJson.Period(p.from().toString(),
                        p.to().toString(), p.result().trials(), figures(p, "mqls"), figures(p, "wins"),
                        figures(p, "revenue"))).toList(),
                new BacktestJson.Summaries(BacktestJson.Summary.of(summary("mqls")),
                        BacktestJson.Summary.of(summary("wins")), BacktestJson.Summary.of(summary("revenue"))));
    }

    private static BacktestJson.Figures figures(BacktestPeriod p, String metric) {
        return BacktestJson.Figures.of(p.result().check(metric));
    }

    /** Per period and metric: actual, P10, P50, P90, percentile and whether inside; then the summary. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Rolling back-test: %d period%s, each simulated from what was known before"
                + " it%n%n", periods.size(), periods.size() == 1 ? "" : "s"));
        TextTable table = new TextTable("period", "metric", "actual", "P10", "P50", "P90", "percentile", "inside")
                .align("llrrrrrl");
        for (BacktestPeriod p : periods) {
            String label = p.from() + " to " + p.to();
            for (String metric : METRICS) {
                MetricCheck c = p.result().check(metric);
                table.row(label, metric, c.known() ? BacktestResult.format(metric, c.actual()) : "n/a",
                        BacktestResult.format(metric, c.p10()), BacktestResult.format(metric, c.p50()),
                        BacktestResult.format(metric, c.p90()), c.known() ? Numbers.percent(c.percentileRank()) : "",
                        c.known() ? c.insideP10P90() ? "yes" : "no" : "");
                label = "";
            }
        }
        out.append(table.render()).append('\n');
        TextTable summary = new TextTable("metric", "periods", "inside P10-P90", "coverage", "median |P50 - actual|",
                "relative", "mean P50 - actual", "CRPS");
        for (String metric : METRICS) {
            MetricSummary s = summary(metric);
            summary.row(metric, Integer.toString(s.periods()), Integer.toString(s.inside()), percent(s.coverage()),
                    figure(metric, s.medianAbsErrorP50()), percent(s.medianRelativeError()),
                    figure(metric, s.meanErrorP50()), figure(metric, s.crps()));
        }
        out.append(summary.render());
        out.append("A calibrated simulator puts about 80% of actuals inside P10-P90, and its percentile ranks spread"
                + " evenly.\n");
        periods.stream().map(p -> p.result().check("mqls")).filter(c -> !c.known()).findFirst()
                .ifPresent(c -> out.append("MQLs n/a: ").append(c.note()).append('\n'));
        out.append('\n').append(pitChart(28));
        return out.toString();
    }

    /**
     * The percentile ranks of the actuals as a text chart, one histogram per metric side by side, bars no
     * longer than {@code width} characters: flat when the simulated distributions are calibrated.
     */
    public String pitChart(int width) {
        StringBuilder out = new StringBuilder("Where the actuals fell in the simulated distributions (percentile ranks;"
                + " even when calibrated)\n");
        MetricSummary[] s = METRICS.stream().map(this::summary).toArray(MetricSummary[]::new);
        int most = 1;
        for (MetricSummary m : s) {
            for (int c : m.pit()) {
                most = Math.max(most, c);
            }
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-9s", "rank"));
        for (MetricSummary m : s) {
            header.append(String.format(Locale.ROOT, " %-" + (width + 4) + "s", m.metric()));
        }
        out.append(header.toString().stripTrailing()).append('\n');
        for (int bin = MetricSummary.PIT_BINS - 1; bin >= 0; bin--) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d-%3d%% ", 10 * bin, 10 * (bin + 1)));
            for (MetricSummary m : s) {
                int count = m.pit()[bin];
                int bar = (int) Math.round((double) count * width / most);
                line.append(String.format(Locale.ROOT, "|%-" + width + "s%3d", "#".repeat(bar), count));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : Numbers.percent(share);
    }

    private static String figure(String metric, double v) {
        return Double.isNaN(v) ? "n/a" : metric.equals("revenue") ? Numbers.amount(v) : Numbers.count(v);
    }
}

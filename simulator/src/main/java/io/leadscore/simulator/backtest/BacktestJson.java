package io.leadscore.simulator.backtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadscore.simulator.text.Json;
import java.util.Arrays;
import java.util.List;

/**
 * The back-tests' JSON documents (docs/cli.md, "Backtests"): one back-test
 * ({@link Result}) and a rolling series of them ({@link Series}). An actual
 * that is not known is {@code null}, with its rank, inside and CRPS, and the
 * check says why in {@code note}.
 */
public final class BacktestJson {

    private BacktestJson() {
    }

    /** {@code {"trials": n, "checks": [...]}}: one check per metric. */
    public record Result(int trials, List<Check> checks) {
        public Result {
            checks = List.copyOf(checks);
        }
    }

    /** The check of one metric. */
    public record Check(String metric, @JsonUnwrapped Figures figures) {
    }

    /** The figures of one metric's check; {@code note} only when there is one. */
    public record Figures(Double actual,
                          Double p10,
                          Double p50,
                          Double p90,
                          @JsonProperty("percentile_rank") Double percentileRank,
                          @JsonProperty("inside_p10_p90") Boolean insideP10P90,
                          Double crps,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
        static Figures of(MetricCheck c) {
            return new Figures(Json.orNull(c.actual()), Json.orNull(c.p10()), Json.orNull(c.p50()),
                    Json.orNull(c.p90()), Json.orNull(c.percentileRank()), c.known() ? c.insideP10P90() : null,
                    Json.orNull(c.crps()), c.note());
        }
    }

    /** {@code {"periods": [...], "summary": {...}}}, periods oldest first. */
    public record Series(List<Period> periods, Summaries summary) {
        public Series {
            periods = List.copyOf(periods);
        }
    }

    /** One period of a series with its checks per metric. */
    public record Period(String from,
                         String to,
                         int trials,
                         Figures mqls,
                         Figures wins,
                         Figures revenue) {
    }

    /** The summary of a series per metric. */
    public record Summaries(Summary mqls, Summary wins, Summary revenue) {
    }

    /** How well the simulator did on one metric over every period; undefined figures are {@code null}. */
    public record Summary(@JsonProperty("coverage_p10_p90") Double coverageP10P90,
                          @JsonProperty("median_abs_error_p50") Double medianAbsErrorP50,
                          Double crps,
                          int periods,
                          @JsonProperty("inside_p10_p90") int insideP10P90,
                          @JsonProperty("median_relative_error_p50") Double medianRelativeErrorP50,
                          @JsonProperty("mean_error_p50") Double meanErrorP50,
                          @JsonProperty("pit_histogram") List<Integer> pitHistogram) {
        public Summary {
            pitHistogram = List.copyOf(pitHistogram);
        }

        static Summary of(MetricSummary s) {
            return new Summary(Json.orNull(s.coverage()), Json.orNull(s.medianAbsErrorP50()), Json.orNull(s.crps()),
                    s.periods(), s.inside(), Json.orNull(s.medianRelativeError()), Json.orNull(s.meanErrorP50()),
                    Arrays.stream(s.pit()).boxed().toList());
        }
    }
}

package io.leadscore.simulator.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BacktestTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();


    @Test
    void midRankPercentilesOfKnownValues() {
        // Values 1..10: 4.5 has 4 below (rank 0.4); 5 has 4 below and 1 equal (rank 0.45).
        double[] v = {3, 1, 2, 10, 9, 8, 7, 6, 5, 4};
        MetricCheck check = Backtest.check("wins", v.clone(), 4.5);
        assertThat(check.percentileRank()).isCloseTo(0.4, within(1e-12));
        assertThat(Backtest.check("wins", v.clone(), 5).percentileRank()).isCloseTo(0.45, within(1e-12));
        assertThat(check.p10()).isCloseTo(1.9, within(1e-12));
        assertThat(check.p90()).isCloseTo(9.1, within(1e-12));
        assertThat(check.insideP10P90()).isTrue();
        assertThat(Backtest.check("wins", v.clone(), 9.5).insideP10P90()).isFalse();
        assertThat(Backtest.check("wins", v.clone(), 100).percentileRank()).isEqualTo(1.0);
    }

    @Test
    void placesActualsInTheSimulatedDistribution() {
        SimulationResult r = Simulator.run(Scenario.defaults(), Calibration.defaults(), new SimulationOptions(500, 1, 2, 20));
        BacktestResult typical = Backtest.check(r, new Actuals(Math.round(r.mqls()), 1, r.revenue().p50()));
        assertThat(typical.checks()).extracting(MetricCheck::metric).containsExactly("mqls", "wins", "revenue");
        assertThat(typical.checks().get(0).percentileRank()).isBetween(0.35, 0.65);
        assertThat(typical.checks().get(2).insideP10P90()).isTrue();
        BacktestResult boom = Backtest.check(r, new Actuals(5 * Math.round(r.mqls()), 1_000, 1e9));
        assertThat(boom.allInsideP10P90()).isFalse();
        assertThat(boom.checks().get(2).percentileRank()).isEqualTo(1.0);
        assertThat(JSON.readTree(boom.toJson()).propertyNames()).containsExactly("trials", "checks");
        assertThat(boom.toTable()).contains("within P10-P90");
    }

    @Test
    void rejectsNegativeActuals() {
        assertThatThrownBy(() -> new Actuals(-1, 0, 0)).hasMessageContaining("Invalid actual MQLs: -1");
        assertThatThrownBy(() -> new Actuals(0, 0, Double.NaN)).hasMessageContaining("Invalid actual revenue: NaN");
    }

    @Test
    void crpsIsTheAbsoluteErrorForOneValueAndRewardsASharpRightAnswer() {
        // a single value: E|X - y| = |x - y|, E|X - X'| = 0
        assertThat(Backtest.crps(new double[] {3}, 7)).isCloseTo(4, within(1e-12));
        // {0, 1} at y = 0: E|X - y| = 1/2, E|X - X'| = 1/2 (two of four pairs differ), CRPS = 1/2 - 1/4
        assertThat(Backtest.crps(new double[] {0, 1}, 0)).isCloseTo(0.25, within(1e-12));
        // a wide sample centred on the answer scores worse than a narrow one centred on it
        assertThat(Backtest.crps(new double[] {0, 5, 10}, 5)).isGreaterThan(Backtest.crps(new double[] {4, 5, 6}, 5));
    }

    @Test
    void anUnknownActualIsShownWithItsReasonAndLeftOutOfTheSummary() {
        SimulationResult r = Simulator.run(Scenario.defaults(), Calibration.defaults(), new SimulationOptions(300, 1, 2, 20));
        BacktestResult check = Backtest.check(r, Actuals.withoutMqls(20, 500_000, "no MQL history: rescoring ran 0 times"));

        MetricCheck mqls = check.check("mqls");
        assertThat(mqls.known()).isFalse();
        assertThat(mqls.p50()).isPositive();
        assertThat(mqls.note()).contains("rescoring ran 0 times");
        assertThat(check.toTable()).contains("n/a").contains("mqls: no MQL history");
        JsonNode mqlsJson = JSON.readTree(check.toJson()).get("checks").get(0);
        assertThat(mqlsJson.get("metric").asString()).isEqualTo("mqls");
        assertThat(mqlsJson.get("actual").isNull()).isTrue();
        assertThat(mqlsJson.get("inside_p10_p90").isNull()).isTrue();

        BacktestSeries series = new BacktestSeries(java.util.List.of(
                new BacktestPeriod(java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 4, 1), check)));
        MetricSummary summary = series.summary("mqls");
        assertThat(summary.periods()).isZero();
        assertThat(summary.coverage()).isNaN();
        assertThat(series.summary("wins").periods()).isEqualTo(1);
    }

    @Test
    void summarisesCoverageErrorsAndPercentileRanksOverPeriods() {
        // four periods of one metric: actual 10 against P10/P50/P90 of 8/10/12 (rank 0.5), 20 against 8/10/12
        // (rank 1, outside), 9 against 8/10/12 (rank 0.3), 0 against 1/2/3 (rank 0, outside)
        java.util.List<MetricCheck> checks = java.util.List.of(
                new MetricCheck("wins", 10, 0.5, 8, 10, 12, true, 1, null),
                new MetricCheck("wins", 20, 1.0, 8, 10, 12, false, 8, null),
                new MetricCheck("wins", 9, 0.3, 8, 10, 12, true, 1, null),
                new MetricCheck("wins", 0, 0.0, 1, 2, 3, false, 2, null));

        MetricSummary s = MetricSummary.of("wins", checks);

        assertThat(s.periods()).isEqualTo(4);
        assertThat(s.inside()).isEqualTo(2);
        assertThat(s.coverage()).isEqualTo(0.5);
        // |P50 - actual|: 0, 10, 1, 2 -> median (1 + 2) / 2
        assertThat(s.medianAbsErrorP50()).isEqualTo(1.5);
        // relative, actual 0 left out: 0, 0.5, 1/9 -> median 1/9
        assertThat(s.medianRelativeError()).isCloseTo(1 / 9.0, within(1e-12));
        // P50 - actual: 0, -10, 1, 2 -> mean -7/4
        assertThat(s.meanErrorP50()).isEqualTo(-1.75);
        assertThat(s.crps()).isEqualTo(3);
        assertThat(s.pit()).containsExactly(1, 0, 0, 1, 0, 1, 0, 0, 0, 1);
    }

    @Test
    void printsTheContractsKeysForEveryPeriodAndTheSummary() {
        SimulationResult r = Simulator.run(Scenario.defaults(), Calibration.defaults(), new SimulationOptions(200, 1, 2, 20));
        BacktestResult check = Backtest.check(r, new Actuals(Math.round(r.mqls()), 2, r.revenue().p50()));
        BacktestSeries series = new BacktestSeries(java.util.List.of(
                new BacktestPeriod(java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 4, 1), check),
                new BacktestPeriod(java.time.LocalDate.of(2026, 4, 1), java.time.LocalDate.of(2026, 6, 30), check)));

        JsonNode json = JSON.readTree(series.toJson());

        assertThat(json.propertyNames()).containsExactly("periods", "summary");
        JsonNode periods = json.get("periods");
        assertThat(periods).hasSize(2);
        assertThat(periods.get(0).get("from").asString()).isEqualTo("2026-01-01");
        assertThat(periods.get(0).get("to").asString()).isEqualTo("2026-04-01");
        for (String metric : BacktestSeries.METRICS) {
            assertThat(periods.get(1).get(metric).propertyNames())
                    .contains("actual", "p10", "p50", "p90", "percentile_rank", "inside_p10_p90");
            assertThat(json.get("summary").get(metric).propertyNames())
                    .contains("coverage_p10_p90", "median_abs_error_p50", "crps", "pit_histogram");
        }
        String table = series.toTable();
        assertThat(table).contains("2026-01-01 to 2026-04-01", "coverage", "percentile ranks");
        assertThat(series.pitChart(20).lines().filter(l -> l.contains("|")).count()).isEqualTo(MetricSummary.PIT_BINS);
    }
}

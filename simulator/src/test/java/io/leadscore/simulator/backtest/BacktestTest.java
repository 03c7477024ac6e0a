package io.leadscore.simulator.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.text.MiniJson;
import org.junit.jupiter.api.Test;

class BacktestTest {

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
        assertThat(MiniJson.object(boom.toJson())).containsKeys("trials", "checks");
        assertThat(boom.toTable()).contains("within P10-P90");
    }

    @Test
    void rejectsNegativeActuals() {
        assertThatThrownBy(() -> new Actuals(-1, 0, 0)).hasMessageContaining("Invalid actual MQLs: -1");
        assertThatThrownBy(() -> new Actuals(0, 0, Double.NaN)).hasMessageContaining("Invalid actual revenue: NaN");
    }
}

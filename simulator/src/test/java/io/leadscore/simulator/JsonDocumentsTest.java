package io.leadscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.simulator.backtest.Actuals;
import io.leadscore.simulator.backtest.Backtest;
import io.leadscore.simulator.backtest.BacktestPeriod;
import io.leadscore.simulator.backtest.BacktestSeries;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.SyntheticHistory;
import io.leadscore.simulator.planning.LeverSteps;
import io.leadscore.simulator.planning.Levers;
import io.leadscore.simulator.planning.PlanRequest;
import io.leadscore.simulator.planning.Planner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's JSON documents, byte for byte: key order, indentation and
 * number formatting (integral figures without a fraction, others in Java's
 * shortest round-tripping form, undefined figures as {@code null}) as scripts
 * have read them since the first release. The expected documents in
 * {@code json-golden/} were written by the first JSON writer of the
 * simulator (simulate-store again since, when the paths gained the deal
 * level error, whose factor widens the wins); a run with the same seed must
 * print the same bytes. Both a
 * default calibration and one from a store history (deal paths, counts,
 * bootstrap deal sizes, seasonality) are covered, and a capacity limit as
 * well as none.
 */
class JsonDocumentsTest {
    private static final SimulationOptions OPTIONS = SimulationOptions.defaults().withTrials(200).withSeed(1);

    private static String expected(String name) throws IOException {
        try (InputStream in = JsonDocumentsTest.class.getResourceAsStream("/json-golden/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void same(String name, String json) throws IOException {
        String regenerate = System.getProperty("leadscore.json.golden");
        if (regenerate != null) {
            Files.writeString(Path.of(regenerate, name + ".json"), json);
        }
        assertThat(json).as(name).isEqualTo(expected(name));
    }

    private static Calibration storeCalibration() {
        return Calibration.fromObservations(SyntheticHistory.observations(400, 7));
    }

    @Test
    void simulateWithDefaultsPrintsTheSameDocument() throws IOException {
        same("simulate-defaults", Simulator.run(Scenario.defaults(), Calibration.defaults(), OPTIONS).toJson());
    }

    @Test
    void simulateOnAStoreCalibrationWithoutCapacityLimitPrintsTheSameDocument() throws IOException {
        Scenario scenario = Scenario.builder().leadsPerWeek(700).periodDays(90).unlimitedCapacity()
                .workWeek(WorkWeek.always()).start(LocalDate.of(2026, 1, 5)).build();
        same("simulate-store", Simulator.run(scenario, storeCalibration(), OPTIONS).toJson());
    }

    @Test
    void planPrintsTheSameDocument() throws IOException {
        same("plan", Planner.plan(Scenario.defaults(), Calibration.defaults(), OPTIONS,
                PlanRequest.of(0.8, List.of(0.1, 0.9), List.of(4.0, 24.5))).toJson());
    }

    @Test
    void leversPrintTheSameDocument() throws IOException {
        same("levers", Levers.evaluate(Scenario.defaults(), Calibration.defaults(), OPTIONS, LeverSteps.defaults())
                .toJson());
    }

    @Test
    void backtestsPrintTheSameDocuments() throws IOException {
        SimulationResult simulated = Simulator.run(Scenario.defaults(), Calibration.defaults(), OPTIONS);
        same("backtest", Backtest.check(simulated, new Actuals(40, 3, 120_000)).toJson());
        BacktestSeries series = new BacktestSeries(List.of(
                new BacktestPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1),
                        Backtest.check(simulated, Actuals.withoutMqls(3, 120_000, "no rescoring run before"))),
                new BacktestPeriod(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30),
                        Backtest.check(simulated, new Actuals(40, 5, 250_000)))));
        same("backtest-series", series.toJson());
    }
}

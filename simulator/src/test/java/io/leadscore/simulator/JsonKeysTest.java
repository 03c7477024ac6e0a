package io.leadscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.simulator.backtest.Actuals;
import io.leadscore.simulator.backtest.Backtest;
import io.leadscore.simulator.backtest.BacktestPeriod;
import io.leadscore.simulator.backtest.BacktestSeries;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.planning.LeverSteps;
import io.leadscore.simulator.planning.Levers;
import io.leadscore.simulator.planning.PlanRequest;
import io.leadscore.simulator.planning.Planner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keys and shapes of the simulator's JSON — what {@code simulate},
 * {@code plan} and the back-tests print with {@code --format json}, and the
 * what-if API answers (docs/cli.md) — pinned as the list of every key path
 * (an array's elements as {@code []}, each with its JSON type) in
 * {@code json-keys/*.txt}. A writer may change; what scripts read may not.
 */
class JsonKeysTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SimulationOptions OPTIONS = SimulationOptions.defaults().withTrials(200).withSeed(1);

    static TreeSet<String> paths(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        walk("$", node, out);
        return out;
    }

    private static void walk(String at, JsonNode node, TreeSet<String> out) {
        String type = node.isNumber() ? "number" : node.isString() ? "string" : node.isBoolean() ? "boolean"
                : node.isNull() ? "null" : node.isArray() ? "array" : "object";
        out.add(at + " " + type);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(at + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                walk(at + "[]", element, out);
            }
        }
    }

    private static TreeSet<String> pinned(String name) throws IOException {
        try (InputStream in = JsonKeysTest.class.getResourceAsStream("/json-keys/" + name + ".txt")) {
            assertThat(in).as(name).isNotNull();
            return new TreeSet<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList());
        }
    }

    private static void keeps(String name, String json) throws IOException {
        assertThat(String.join("\n", paths(JSON.readTree(json)))).as(name)
                .isEqualTo(String.join("\n", pinned(name)));
    }

    @Test
    void simulateKeepsItsKeys() throws IOException {
        keeps("simulate", Simulator.run(Scenario.defaults(), Calibration.defaults(), OPTIONS).toJson());
    }

    @Test
    void planKeepsItsKeys() throws IOException {
        keeps("plan", Planner.plan(Scenario.defaults(), Calibration.defaults(), OPTIONS,
                PlanRequest.of(0.8, List.of(0.1, 0.9), List.of(4.0))).toJson());
    }

    @Test
    void leversKeepTheirKeys() throws IOException {
        keeps("levers", Levers.evaluate(Scenario.defaults(), Calibration.defaults(), OPTIONS, LeverSteps.defaults())
                .toJson());
    }

    @Test
    void aBacktestKeepsItsKeys() throws IOException {
        SimulationResult simulated = Simulator.run(Scenario.defaults(), Calibration.defaults(), OPTIONS);
        keeps("backtest", Backtest.check(simulated, new Actuals(40, 3, 120_000)).toJson());
    }

    @Test
    void aSeriesOfBacktestsKeepsItsKeys() throws IOException {
        SimulationResult simulated = Simulator.run(Scenario.defaults(), Calibration.defaults(), OPTIONS);
        // one period with its MQLs known, one from before the store recorded them
        BacktestSeries series = new BacktestSeries(List.of(
                new BacktestPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1),
                        Backtest.check(simulated, Actuals.withoutMqls(3, 120_000, "no rescoring run before"))),
                new BacktestPeriod(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30),
                        Backtest.check(simulated, new Actuals(40, 5, 250_000)))));
        keeps("backtest-series", series.toJson());
    }
}

package io.leadscore.app.cli;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.backtest.Backtest;
import io.leadscore.simulator.backtest.BacktestResult;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code leadscore simulate}: the chance of hitting quota in one period, by
 * Monte Carlo. Without {@code --calibrate-from-store} or a back-test it needs
 * no store and never starts Spring.
 */
@Command(name = "simulate", description = {
        "Monte Carlo projection of one quota period: the chance of hitting quota (p_attain), revenue P10/P50/P90,",
        "and the expected leads, MQLs, SALs, SQLs, opportunities, wins and SLA breaches, under a threshold, an",
        "SLA, a lead volume and a team size. --backtest-from DATE --to DATE simulates a past period from what was",
        "known before it and shows where what happened falls."})
final class SimulateCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();

    @Option(names = "--backtest-from", paramLabel = "DATE", description = "back-test the period from DATE to --to")
    String backtestFrom;

    @Override
    public Integer call() {
        GlobalOptions globals = root.globals();
        Output out = new Output(System.out, globals.format());
        Calibration calibration = Calibration.defaults();
        Scenario base = Scenario.defaults();
        StoreScenario store = null;
        if (backtestFrom != null) {
            if (scenario.to == null) {
                throw new UsageException("--backtest-from needs --to: the end of the period to back-test");
            }
            LocalDate from = ScenarioOptions.date("--backtest-from", backtestFrom);
            LocalDate to = ScenarioOptions.date("--to", scenario.to);
            if (!from.isBefore(to)) {
                throw new UsageException("--backtest-from " + from + " is not before --to " + to);
            }
            Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
            store = StoreScenario.read(globals, start, to.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    (int) java.time.temporal.ChronoUnit.DAYS.between(from, to));
            scenario.from = backtestFrom;
            scenario.periodDays = null;
        } else if (scenario.calibrateFromStore) {
            store = StoreScenario.read(globals, null, null, scenario.periodLength());
        }
        if (store != null) {
            calibration = store.calibration;
            base = scenario.storeBase(base, store);
        }
        Scenario s = scenario.scenario(base, store == null ? null : store.policy);
        SimulationOptions options = scenario.options(SimulationOptions.DEFAULT_TRIALS);
        SimulationResult result = Simulator.run(s, calibration, options);
        BacktestResult backtest = store != null && store.actuals != null ? Backtest.check(result, store.actuals) : null;
        switch (out.format()) {
            case json -> {
                if (backtest == null) {
                    out.line(result.toJson());
                } else {
                    String json = result.toJson();
                    out.line(json.substring(0, json.lastIndexOf('}')) + ",\"backtest\":" + backtest.toJson() + "}");
                }
            }
            case csv -> out.csv(java.util.List.of("metric", "value"), csvRows(result));
            case table -> {
                out.line(result.toTable());
                out.line("");
                out.line(result.histogramText(60));
                if (backtest != null) {
                    out.line("");
                    out.line("Back-test: what happened against what was simulated from what was known before " + backtestFrom);
                    out.line(backtest.toTable());
                    if (store.rescoringRunsInPeriod == 0) {
                        out.line("Note: no rescoring ran in that period, so the store holds no MQLs for it to compare.");
                    }
                }
            }
        }
        return 0;
    }

    private static java.util.List<java.util.List<?>> csvRows(SimulationResult r) {
        java.util.List<java.util.List<?>> rows = new java.util.ArrayList<>();
        rows.add(java.util.List.of("trials", r.trials()));
        rows.add(java.util.List.of("quota", r.scenario().quota()));
        rows.add(java.util.List.of("p_attain", r.pAttain()));
        rows.add(java.util.List.of("revenue_mean", r.revenue().mean()));
        rows.add(java.util.List.of("revenue_p10", r.revenue().p10()));
        rows.add(java.util.List.of("revenue_p50", r.revenue().p50()));
        rows.add(java.util.List.of("revenue_p90", r.revenue().p90()));
        rows.add(java.util.List.of("leads", r.leads()));
        rows.add(java.util.List.of("mqls", r.mqls()));
        rows.add(java.util.List.of("sals", r.sals()));
        rows.add(java.util.List.of("sqls", r.sqls()));
        rows.add(java.util.List.of("opportunities", r.opportunities()));
        rows.add(java.util.List.of("wins", r.wins()));
        rows.add(java.util.List.of("sla_breach_rate", r.slaBreachRate()));
        if (Double.isFinite(r.repUtilisation())) {
            rows.add(java.util.List.of("rep_utilisation", r.repUtilisation()));
        }
        return rows;
    }
}

package io.leadscore.app.cli;

import io.leadscore.batch.simulation.StoreBacktests;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.backtest.BacktestPeriod;
import io.leadscore.simulator.backtest.BacktestResult;
import io.leadscore.simulator.backtest.BacktestSeries;
import io.leadscore.simulator.backtest.MetricCheck;
import io.leadscore.simulator.whatif.ScenarioParameters;
import io.leadscore.simulator.whatif.ScenarioService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code leadscore simulate}: the chance of hitting quota in one period, by
 * Monte Carlo. Without {@code --calibrate-from-store} or a back-test it needs
 * no store and never starts Spring.
 */
@Command(name = "simulate", description = {
        "Monte Carlo projection of one quota period: the chance of hitting quota (p_attain), revenue P10/P50/P90,",
        "and the expected leads, MQLs, SALs, SQLs, opportunities, wins and SLA breaches, under a threshold, an",
        "SLA, a lead volume and a team size. --backtest-from DATE --to DATE simulates a past period from what was",
        "known before it and shows where what happened falls; --backtest-all does so for every past period."})
final class SimulateCommand implements Callable<Integer> {
    private static final ScenarioService SERVICE = new ScenarioService(ScenarioService.Limits.RANGES);

    @ParentCommand
    LeadscoreCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();

    @Option(names = "--backtest-from", paramLabel = "DATE", description = "back-test the period from DATE (counted in) to --to (the day after it, as the periods of --backtest-all)")
    String backtestFrom;

    @Option(names = "--backtest-all", description = "back-test every past period of --period-days days (default 90)"
            + " with enough history before it, each simulated from what was known before it (rolling origin)")
    boolean backtestAll;

    @Override
    public Integer call() {
        GlobalOptions globals = root.globals();
        Output out = new Output(System.out, globals.format());
        if (backtestAll || backtestFrom != null) {
            refuseScenarioFlags(backtestAll ? "--backtest-all" : "--backtest-from");
            return backtestAll ? backtestAll(globals, out) : backtestOne(globals, out);
        }
        ScenarioParameters parameters = scenario.parameters();
        java.util.concurrent.atomic.AtomicReference<Instant> calibratedAsOf = new java.util.concurrent.atomic.AtomicReference<>();
        // without the store, the config file's policy (checked here: no store session reads it) is the base
        ScenarioService service = parameters.calibrateFromStore() ? SERVICE
                : SERVICE.withBasePolicy(ConfigFile.policy(globals));
        SimulationResult result = service.simulate(parameters, () -> {
            var basis = ScenarioOptions.storeBasis(globals, parameters.periodLength());
            calibratedAsOf.set(basis.asOf());
            return basis;
        }).run();
        print(result, null, out);
        ScenarioOptions.warn(spec, ScenarioOptions.noHandoffWarning(result.calibration())
                .or(() -> ScenarioOptions.noMqlWarning(result.calibration(), result.scenario().threshold())));
        if (calibratedAsOf.get() != null && out.format() == OutputFormat.table) {
            // the store's history may end long before today (an export loaded once): say which time it speaks for
            out.line("Calibrated from the store as of " + io.leadscore.scoring.domain.Timestamps.format(
                    calibratedAsOf.get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    + ", where its data ends\n(its latest lead or activity).");
        }
        return 0;
    }

    /**
     * A back-test simulates each period as it was — its policy, team and lead volume as the store shows them before
     * it — so a flag that sets a scenario would be silently ignored: refused instead, naming the flags given.
     */
    private void refuseScenarioFlags(String mode) {
        java.util.List<String> given = new java.util.ArrayList<>();
        java.util.Map<String, Object> flags = new java.util.LinkedHashMap<>();
        flags.put("--quota", scenario.quota);
        flags.put("--threshold", scenario.threshold);
        flags.put("--sla-hours", scenario.slaHours);
        flags.put("--leads-per-week", scenario.leadsPerWeek);
        flags.put("--reps", scenario.reps);
        flags.put("--touches-per-rep-per-day", scenario.touchesPerRep);
        flags.forEach((flag, value) -> {
            if (value != null) {
                given.add(flag);
            }
        });
        if (!given.isEmpty()) {
            throw new UsageException(mode + " simulates each past period as it was, from what the store knew before it"
                    + " (its policy, team and lead volume), so " + String.join(", ", given) + (given.size() == 1
                    ? " would change nothing; leave it out" : " would change nothing; leave them out")
                    + " (a what-if of a period to come is simulate without " + mode + ")");
        }
    }

    private Integer backtestOne(GlobalOptions globals, Output out) {
        if (scenario.to == null) {
            throw new UsageException("--backtest-from needs --to: the end of the period to back-test");
        }
        if (scenario.from != null || scenario.periodDays != null) {
            throw new UsageException("--backtest-from DATE --to DATE sets the period; leave out --from and --period-days");
        }
        ScenarioParameters parameters = scenario.parameters();
        LocalDate from = parameters.date("backtest-from", backtestFrom);
        LocalDate to = parameters.date("to", scenario.to);
        if (!from.isBefore(to)) {
            throw new UsageException("--backtest-from " + from + " is not before --to " + to);
        }
        SimulationOptions options = SERVICE.options(parameters, SimulationOptions.DEFAULT_TRIALS);
        try (StoreSession session = StoreSession.open(globals)) {
            StoreBacktests backtests = session.bean(StoreBacktests.class);
            Instant start = from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            java.util.Optional<Instant> first = backtests.dataStart();
            if (first.isEmpty() || !first.get().isBefore(start)) {
                throw new UsageException("nothing in the store was known before " + from
                        + first.map(f -> " (its first lead was created on " + f.atZone(java.time.ZoneOffset.UTC)
                        .toLocalDate() + ")").orElse(" (it holds no leads)")
                        + ": a back-test simulates a period from the history before it; pick a later --backtest-from");
            }
            LocalDate known = backtests.dataEndDay(Instant.now());
            if (to.isAfter(known)) {
                throw new UsageException("--to " + to + " lies after what the store knows (its latest lead or activity"
                        + " is from " + known.minusDays(1) + "): a back-test compares a past period with what happened"
                        + " in it; pick --to " + known + " or earlier");
            }
            long daysBefore = java.time.Duration.between(first.get(), start).toDays();
            if (daysBefore < StoreBacktests.MIN_HISTORY_DAYS) {
                System.err.println("leadscore: only " + daysBefore + " days of leads before " + from + ", where the"
                        + " paths' life tables want " + StoreBacktests.MIN_HISTORY_DAYS + ": what thin counts cannot"
                        + " tell comes from the defaults (see the assumptions)");
            }
            StoreBacktests.Checked checked = backtests.one(from, to, options);
            print(checked.simulated(), checked.check(), out);
            if (out.format() == OutputFormat.table) {
                out.line("Back-test: what happened from " + from + " to " + to + " (as report funnel --from --to counts"
                        + " it: MQLs of the leads created then, deals closed won then) against what was simulated"
                        + " from what was known before " + from);
            }
        }
        return 0;
    }

    private Integer backtestAll(GlobalOptions globals, Output out) {
        if (backtestFrom != null || scenario.from != null || scenario.to != null) {
            throw new UsageException("--backtest-all picks its own periods; leave out --backtest-from, --from and --to"
                    + " (--period-days sets their length)");
        }
        int days = scenario.periodDays != null ? scenario.periodDays : Scenario.DEFAULT_PERIOD_DAYS;
        if (days < 1 || days > 3660) {
            throw new UsageException("--period-days " + days + ": expected 1 to 3660");
        }
        SimulationOptions options = SERVICE.options(scenario.parameters(), StoreBacktests.DEFAULT_TRIALS);
        JobProgress progress = TerminalProgress.forTerminal(globals.quiet());
        String task = "back-testing " + days + "-day periods";
        BacktestSeries series;
        try (StoreSession session = StoreSession.open(globals)) {
            series = session.bean(StoreBacktests.class).all(days, options, Instant.now(),
                    (done, total, from, to) -> progress.report(task, done, total));
            progress.finished(task);
        }
        if (series.periods().isEmpty()) {
            throw new UsageException("the store holds less than " + StoreBacktests.MIN_HISTORY_DAYS + " days of leads"
                    + " before its last " + days + " days: no period has enough history before it to back-test");
        }
        switch (out.format()) {
            case json -> out.line(series.toJson());
            case csv -> {
                java.util.List<java.util.List<?>> rows = new java.util.ArrayList<>();
                for (BacktestPeriod p : series.periods()) {
                    for (String metric : BacktestSeries.METRICS) {
                        MetricCheck c = p.result().check(metric);
                        rows.add(java.util.List.of(p.from(), p.to(), metric, c.known() ? c.actual() : "", c.p10(),
                                c.p50(), c.p90(), c.known() ? c.percentileRank() : "", c.known() ? c.insideP10P90() : ""));
                    }
                }
                out.csv(java.util.List.of("from", "to", "metric", "actual", "p10", "p50", "p90", "percentile_rank",
                        "inside_p10_p90"), rows);
            }
            case table -> out.line(series.toTable());
        }
        return 0;
    }

    private static void print(SimulationResult result, BacktestResult backtest, Output out) {
        switch (out.format()) {
            case json -> {
                if (backtest == null) {
                    out.line(result.toJson());
                } else {
                    // the simulation's object with the back-test as one more member
                    ObjectNode json = Output.tree(result.toJson());
                    json.set("backtest", Output.tree(backtest.toJson()));
                    out.json(json);
                }
            }
            case csv -> out.csv(java.util.List.of("metric", "value"), csvRows(result));
            case table -> {
                out.line(result.toTable());
                out.line("");
                out.line(result.histogramText(60));
                if (backtest != null) {
                    out.line("");
                    out.line(backtest.toTable());
                }
            }
        }
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

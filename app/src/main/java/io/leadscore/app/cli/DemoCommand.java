package io.leadscore.app.cli;

import io.leadscore.batch.funnelreport.Cohort;
import io.leadscore.batch.funnelreport.FunnelReports;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.FileRejectedException;
import io.leadscore.batch.leadimport.ImportReport;
import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.simulation.StoreBasis;
import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.batch.retraining.TrainingReport;
import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.slacheck.SlaCheckReport;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.data.synthetic.GenerationSummary;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.World;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.planning.PlanResult;
import io.leadscore.simulator.text.Numbers;
import io.leadscore.simulator.whatif.ScenarioParameters;
import io.leadscore.simulator.whatif.ScenarioService;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code leadscore demo}: the whole product in one go on the store (by default
 * the embedded H2 file store under ./leadscore-data/): a synthetic CRM
 * history, its import, a model trained and promoted, the nightly rescoring,
 * the SLA check, the funnel report, a quota simulation and a plan. Run again,
 * it imports nothing new, registers another challenger and starts a new
 * rescoring run.
 */
@Command(name = "demo", description = {
        "Builds a realistic synthetic CRM history, imports it, trains and promotes a model, runs the nightly",
        "rescoring, checks the SLA, and prints a funnel report, a quota simulation and a plan."})
final class DemoCommand implements Callable<Integer> {
    /** Filled by sales after contact: the model must not see it (it would see the answer). */
    static final String SALES_FILLED_FIELD = "sales_verdict";

    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--leads", paramLabel = "N", description = "leads in the synthetic history, 1 to 10,000,000 (default 20000)")
    int leads = GeneratorOptions.DEFAULT_LEADS;

    @Option(names = "--seed", paramLabel = "S", description = "random seed of the history, any whole number (default 42)")
    long seed = GeneratorOptions.DEFAULT_SEED;

    @Option(names = "--history-days", paramLabel = "N", description = "days of history, 1 to 3,660 (default 730)")
    int historyDays = GeneratorOptions.DEFAULT_HISTORY_DAYS;

    @Option(names = "--world", paramLabel = "textbook|messy", description = "the kind of history (default textbook; see generate --help)")
    String world = World.TEXTBOOK.wireName();

    @Option(names = "--export-dir", paramLabel = "DIR", description = "where the generated export is written (default ./leadscore-data/demo-export)")
    Path exportDir = Path.of("leadscore-data", "demo-export");

    @Override
    public Integer call() throws FileRejectedException {
        GlobalOptions globals = root.globals();
        Output out = new Output(System.out, OutputFormat.table);
        if (globals.format() != OutputFormat.table) {
            throw new UsageException("demo prints a walk-through for people; use the individual commands for "
                    + globals.format() + " output");
        }
        long started = System.nanoTime();
        GenerateCommand.requireRanges(leads, historyDays);
        GeneratorOptions options;
        try {
            options = GeneratorOptions.defaults().withLeads(leads).withSeed(seed).withHistoryDays(historyDays)
                    .withWorld(World.parse(world));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Instant asOf = options.until().atStartOfDay(ZoneOffset.UTC).toInstant();

        // the store is opened first: a --db that is no store, or one in use, is said before a minute of work
        try (StoreSession session = StoreSession.openOrCreate(globals)) {
            heading(out, 1, "Generate a synthetic CRM history (leadscore generate)");
            GenerationSummary generated = GenerateCommand.generate(exportDir, options, globals.quiet());
            GenerateCommand.print(generated, out);

            heading(out, 2, "Import it into the store " + globals.dbUrl() + " (leadscore import)");
            Path dir = generated.directory();
            ImportReport imported = session.bean(CrmImport.class).run(new CrmImport.Request(
                    dir.resolve("leads.csv").toString(), dir.resolve("activities.csv").toString(),
                    dir.resolve("deals.csv").toString(), dir.resolve("followups.csv").toString()));
            ImportCommand.print(imported, out);
            requireCompleted(imported.completed(), "import", imported.failure());

            heading(out, 3, "Train a model from the closed deals, leaving out " + SALES_FILLED_FIELD
                    + " (filled by sales after contact), and promote it (leadscore train)");
            TrainingReport trained = session.bean(Retraining.class).run(new Retraining.Request(asOf,
                    Algorithm.GRADIENT_BOOSTING, PromotionMode.AUTO, null, List.of(SALES_FILLED_FIELD)));
            if (!trained.completed() && trained.notEnoughOutcomes()) {
                throw new UsageException("a history of " + leads + (leads == 1 ? " lead" : " leads") + " is too thin"
                        + " to make a model: " + trained.failure() + "; run the demo with more leads (--leads 2000 or"
                        + " more; the default is " + GeneratorOptions.DEFAULT_LEADS + ")");
            }
            TrainCommand.print(trained, out);
            requireCompleted(trained.completed(), "training", trained.failure());

            heading(out, 4, "Agree the MQL threshold: where at most 15% of new leads qualify on the model's validation window");
            agreeThreshold(session, trained, out);

            heading(out, 5, "Rescore every open lead without a deal as of " + asOf + " (leadscore rescore --as-of " + asOf + ")");
            RescoreReport rescored = session.bean(Rescoring.class).run(new Rescoring.Request(asOf, true, null));
            RescoreCommand.print(rescored, session.bean(Rescoring.class).beyondTraining(rescored).orElse(null), out);
            requireCompleted(rescored.completed(), "rescoring", rescored.failure());

            heading(out, 6, "Check the follow-up SLA (leadscore sla-check --as-of " + asOf + ")");
            SlaCheckReport sla = session.bean(SlaCheck.class).run(asOf);
            SlaCheckCommand.print(sla, out, 10);
            out.line("");
            out.line("(The first rescoring of an imported history dates a move to MQL by a fast-track signal, a demo");
            out.line(" request say, at the signal: the history's own hand-offs, so one that sales never answered is a");
            out.line(" breach now, however old. A move by the score is dated at the run.)");
            requireCompleted(sla.completed(), "SLA check", sla.failure());

            heading(out, 7, "The funnel both teams read (leadscore report funnel --as-of " + asOf + ")");
            FunnelCommand.print(session.bean(FunnelReports.class).run(new Cohort(null, null, asOf)), out);

            heading(out, 8, "The chance of hitting quota next quarter, calibrated from the store (leadscore simulate --calibrate-from-store)");
            StoreBasis store = session.bean(StoreCalibration.class).basis(asOf);
            ScenarioService scenarios = new ScenarioService(ScenarioService.Limits.RANGES);
            ScenarioParameters calibrated = ScenarioParameters.none("--").fromStore();
            out.line(String.format(Locale.ROOT, "Quota: the last %d days' won revenue plus 10%%.", Scenario.DEFAULT_PERIOD_DAYS));
            SimulationResult simulated = scenarios.simulate(calibrated, () -> store).run();
            out.line(simulated.toTable());
            out.line("");
            out.line(simulated.histogramText(60));

            heading(out, 9, "What it takes to reach quota with 80% confidence (leadscore plan --confidence 0.8)");
            PlanResult plan = scenarios.plan(calibrated, () -> store, 0.8, null, List.of(4.0, 24.0, 72.0)).run();
            out.line(plan.toTable());
        }
        out.line("");
        out.line(String.format(Locale.ROOT, "Done in %.0f s. Next: 'leadscore serve' opens the web console on this store;"
                + " 'leadscore --help' lists every command.", (System.nanoTime() - started) / 1e9));
        return 0;
    }

    /**
     * Policy is data: the demo agrees a threshold from the new model's threshold curve of the leads in their first
     * week (the validation window's youngest age bands, where the hand-off is decided; the whole window when the
     * model has no bands) — the lowest 0.01 step at which at most 15% of them score above it — and records it as a
     * new policy version.
     */
    private static void agreeThreshold(StoreSession session, TrainingReport trained, Output out) {
        var provenance = trained.artifact().provenance();
        var curve = provenance.curveOfLeadsUpTo(7);
        String population = provenance.metricsByAge().stream().anyMatch(b -> b.band().toDays() <= 7)
                ? "validation snapshots of leads in their first week" : "validation snapshots";
        double threshold = 0.5;
        for (var point : curve.points()) {
            if (point.threshold() > 0 && point.shareAbove() <= 0.15) {
                threshold = point.threshold();
                break;
            }
        }
        PolicyStore policies = session.bean(PolicyStore.class);
        var before = policies.latest();
        var after = policies.change(before.policy().withMqlThreshold(threshold), "demo",
                "threshold where at most 15% of new leads qualify on model " + trained.version() + "'s validation window",
                java.time.Instant.now());
        var point = curve.at(threshold);
        out.line(String.format(Locale.ROOT, "MQL threshold %s (policy v%d, was %s): %.1f%% of the %s score"
                        + " at or above it, %.1f%% of them converted, %.1f%% of their conversions among them.",
                Numbers.threshold(threshold), after.version(), Numbers.threshold(before.policy().mqlThreshold()),
                100 * point.shareAbove(), population, 100 * point.precision(), 100 * point.recall()));
    }

    private static void heading(Output out, int step, String title) {
        out.line("");
        out.line("== " + step + ". " + title);
        out.line("");
    }

    private static void requireCompleted(boolean completed, String what, String failure) {
        if (!completed) {
            throw new JobFailedException("the demo's " + what + " failed: " + failure);
        }
    }
}

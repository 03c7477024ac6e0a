package io.leadscore.app.cli;

import io.leadscore.app.web.models.ModelViews;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.retraining.TrainingReport;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore train}: learns a model from leads whose outcome is known, and registers it. */
@Command(name = "train", description = {
        "Learns a model from leads with a known outcome (won within the label horizon, or the horizon passed),",
        "validates it out of time on the most recent snapshots (a fifth, or those from leadscore.training.holdout-from),",
        "registers it, and promotes it when it is at least",
        "as good as the champion on the same window (--promote auto)."})
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--as-of", paramLabel = "DATE", description = "use only what was known at this date, 1970-01-01 to now (default: now)")
    String asOf;

    @Option(names = "--algorithm", paramLabel = "gbt|logistic|forest", description = "gradient boosting (default), logistic regression or random forest")
    String algorithm = "gbt";

    @Option(names = "--promote", paramLabel = "auto|never|force", description = "promotion of the new model (default: auto)")
    String promote = "auto";

    @Option(names = "--exclude", paramLabel = "FIELD", split = ",",
            description = "lead fields or custom attributes the model must not use, e.g. fields sales fills after contact")
    List<String> exclude = List.of();

    @Option(names = "--seed", paramLabel = "S", description = "training seed, any whole number (default 42)")
    Long seed;

    @Override
    public Integer call() {
        Instant when = AsOf.parse("--as-of", asOf);
        PromotionMode mode;
        try {
            mode = PromotionMode.valueOf(promote.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--promote: unknown mode '" + promote + "', expected auto, never or force");
        }
        Algorithm algo;
        try {
            algo = Retraining.algorithm(algorithm);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--algorithm: " + e.getMessage());
        }
        GlobalOptions globals = root.globals();
        try (StoreSession session = StoreSession.open(globals)) {
            TrainingReport report;
            try {
                report = session.bean(Retraining.class).run(new Retraining.Request(when, algo, mode, seed, exclude));
            } catch (Retraining.FutureAsOfException | Retraining.UnknownFieldException e) {
                throw new UsageException(e.getMessage());
            }
            // refused before anything is printed: no run is left behind (Retraining removes it)
            if (!report.completed() && report.notEnoughOutcomes()) {
                throw new UsageException("this history cannot make a model as of " + (when == null ? "now"
                        : when.toString()) + ": " + report.failure() + " (" + report.leads()
                        + (report.leads() == 1 ? " lead" : " leads") + " past their outcome horizon); import more"
                        + " history, with leads that won a deal and leads that did not, or train --as-of a later date");
            }
            Output out = new Output(System.out, globals.format());
            print(report, out);
            if (report.version() != null && !report.promoted() && out.format() == OutputFormat.table
                    && session.bean(io.leadscore.batch.registry.ModelRegistry.class).champion().isEmpty()) {
                out.line("There is no champion yet, so nothing scores leads: leadscore models promote "
                        + report.version() + " makes this model the champion as it is.");
            }
            if (!report.completed()) {
                throw new JobFailedException("the training failed: " + report.failure());
            }
            return 0;
        }
    }

    static void print(TrainingReport report, Output out) {
        if (out.format() == OutputFormat.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("run_id", report.runId());
            root.put("status", report.status());
            root.put("failure", report.failure());
            root.put("version", report.version());
            root.put("promoted", report.promoted());
            root.put("decision", report.decision());
            root.put("leads_read", report.histories());
            root.put("censored", report.censored());
            root.put("leads_labelled", report.leads());
            if (report.artifact() != null) {
                root.put("model", ModelViews.Flat.of(ModelViews.detail(report.model(), report.artifact(), List.of())));
            }
            out.json(root);
            return;
        }
        if (out.format() == OutputFormat.csv) {
            printCsv(report, out);
            return;
        }
        if (report.artifact() == null) {
            out.line("No model was trained (" + report.status() + ").");
            return;
        }
        var p = report.artifact().provenance();
        out.line(String.format(Locale.ROOT, "Model %s (%s): trained on %,d snapshots of %,d leads (%,d of the snapshots converted), %s to %s;"
                        + " %,d leads still inside their outcome horizon left out.", report.version(),
                report.model().algorithm(), p.training().rows(), report.leads(), p.training().positives(),
                date(p.training().from()), date(p.training().to()), report.censored()));
        out.line("The score: " + p.claim().sentence() + ".");
        out.line("");
        ModelReport.print(p.metrics(), out);
        ModelReport.printByAge(p.metricsByAge(), p.trainingSet(), out);
        out.line("");
        out.line(report.version() + (report.promoted() ? " is the champion. " : " stays a challenger. ")
                + report.decision());
    }

    /**
     * One row for the whole validation window ({@code scope} {@code all}) and one per lead-age band: the figures a
     * program compares between runs; an undefined figure (an AUC with one outcome) is an empty cell.
     */
    private static void printCsv(TrainingReport report, Output out) {
        List<List<?>> rows = new java.util.ArrayList<>();
        if (report.artifact() == null) {
            rows.add(java.util.Arrays.asList(report.version(), report.status(), report.promoted(), null, null, null,
                    null, null, null, null, null));
        } else {
            var p = report.artifact().provenance();
            rows.add(metricsRow(report, "all", p.metrics()));
            for (var band : p.metricsByAge()) {
                rows.add(metricsRow(report, band.band().label(), band.metrics()));
            }
        }
        out.csv(List.of("version", "status", "promoted", "scope", "snapshots", "converted", "auc", "pr_auc",
                "log_loss", "brier", "ece"), rows);
    }

    private static List<?> metricsRow(TrainingReport report, String scope, io.leadscore.scoring.evaluation.ModelMetrics m) {
        return java.util.Arrays.asList(report.version(), report.status(), report.promoted(), scope, m.rows(),
                m.positives(), defined(m.auc()), defined(m.prAuc()), defined(m.logLoss()), defined(m.brier()),
                defined(m.ece()));
    }

    private static Double defined(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String date(Instant t) {
        return t == null ? "?" : t.toString().substring(0, 10);
    }
}

package io.leadscore.app.cli;

import io.leadscore.app.web.models.ModelViews;
import io.leadscore.batch.registry.ModelDecision;
import io.leadscore.batch.registry.ModelNotFoundException;
import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.domain.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore models [list|show VERSION|promote VERSION|rollback|sign VERSION]}: the model registry. */
@Command(name = "models", description = {
        "The model registry: list (default), show VERSION, promote VERSION, rollback, sign VERSION.",
        "Every decision is recorded with its reason. A model is checked against its registered SHA-256 and",
        "signature whenever it is read, promoted or rolled back to; 'sign' vouches for one registered before",
        "models were signed (or under a key that is gone), for a file you trust."})
final class ModelsCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", description = "list, show, promote, rollback or sign")
    String action = "list";

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION", description = "the model version, e.g. v3 (or 3)")
    String version;

    @Override
    public Integer call() {
        String what = action.strip().toLowerCase(Locale.ROOT);
        if ((what.equals("show") || what.equals("promote") || what.equals("sign")) && version == null) {
            throw new UsageException("models " + what + " needs a VERSION, e.g. 'leadscore models " + what + " v2'");
        }
        if (!List.of("list", "show", "promote", "rollback", "sign").contains(what)) {
            throw new UsageException("unknown action '" + action + "', expected list, show VERSION, promote VERSION,"
                    + " rollback or sign VERSION");
        }
        if ((what.equals("list") || what.equals("rollback")) && version != null) {
            throw new UsageException("models " + what + " takes no VERSION (given '" + version + "')"
                    + (what.equals("rollback") ? "; it returns to the champion before the current one" : ""));
        }
        version = ModelRegistry.canonicalVersion(version);
        GlobalOptions globals = root.globals();
        Output out = new Output(System.out, globals.format());
        try (StoreSession session = StoreSession.open(globals)) {
            ModelRegistry registry = session.bean(ModelRegistry.class);
            String actor = "cli:" + System.getProperty("user.name", "unknown");
            switch (what) {
                case "list" -> list(registry, out);
                case "show" -> show(registry, version, out,
                        session.bean(io.leadscore.batch.store.PolicyStore.class).current().mqlThreshold());
                case "promote" -> {
                    ModelRecord promoted = registry.promote(version, "promoted by hand", actor);
                    decided(promoted, promoted.version() + " is the champion.", out);
                }
                case "sign" -> {
                    ModelRecord signed = registry.sign(version, actor);
                    decided(signed, signed.version() + " is signed with key " + signed.signatureKeyId() + ".", out);
                }
                default -> {
                    ModelRecord back = registry.rollback(actor);
                    decided(back, "Rolled back: " + back.version() + " is the champion again.", out);
                }
            }
            return 0;
        } catch (ModelNotFoundException | ModelRegistry.RegistryStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static final List<String> HEADERS = List.of("version", "status", "algorithm", "trained_at", "train_rows",
            "validation_rows", "auc", "ece");

    private static List<?> row(ModelRecord m) {
        return List.of(m.version(), m.status().name().toLowerCase(Locale.ROOT), m.algorithm(),
                Timestamps.format(m.trainedAt()), m.trainRows(), m.validRows(), value(m.auc()), value(m.ece()));
    }

    /** What a promotion, signature or rollback left: the sentence for people, the model as listed for programs. */
    private static void decided(ModelRecord model, String sentence, Output out) {
        switch (out.format()) {
            case json -> out.json(ModelViews.summary(model));
            case csv -> out.csv(HEADERS, List.of(row(model)));
            case table -> out.line(sentence);
        }
    }

    private static void list(ModelRegistry registry, Output out) {
        List<ModelRecord> models = registry.list();
        List<List<?>> rows = new ArrayList<>();
        for (ModelRecord m : models) {
            rows.add(row(m));
        }
        List<String> headers = HEADERS;
        switch (out.format()) {
            case json -> out.json(models.stream().map(ModelViews::summary).toList());
            case csv -> out.csv(headers, rows);
            case table -> {
                if (models.isEmpty()) {
                    out.line("No models yet: train one with 'leadscore train'.");
                } else {
                    out.table(headers, rows);
                }
            }
        }
    }

    private static void show(ModelRegistry registry, String version, Output out, double inForce) {
        ModelRecord record = registry.get(version);
        ModelArtifact artifact = registry.artifact(version);
        List<ModelDecision> decisions = registry.decisions(version);
        if (out.format() == OutputFormat.json) {
            out.json(ModelViews.Flat.of(ModelViews.detail(record, artifact, decisions)));
            return;
        }
        if (out.format() == OutputFormat.csv) {
            List<List<?>> rows = new ArrayList<>();
            for (var p : artifact.provenance().metrics().thresholdCurve().points()) {
                rows.add(List.of(p.threshold(), p.leadsAbove(), p.shareAbove(), p.precision(), p.recall(),
                        p.expectedConversions()));
            }
            out.csv(List.of("threshold", "leads_above", "share_above", "precision", "recall", "expected_conversions"), rows);
            return;
        }
        var p = artifact.provenance();
        out.line(String.format(Locale.ROOT, "Model %s — %s, %s; trained %s by leadscore %s (Smile %s, Java %s)",
                record.version(), record.status().name().toLowerCase(Locale.ROOT), record.algorithm(),
                Timestamps.format(p.trainedAt()), p.leadscoreVersion(), p.smileVersion(), p.javaVersion()));
        out.line("The score: " + p.claim().sentence() + ".");
        out.line(String.format(Locale.ROOT, "Training window %s to %s: %,d snapshots, %,d converted; %d features; seed %d",
                p.training().from(), p.training().to(), p.training().rows(), p.training().positives(),
                artifact.schema().size(), p.seed()));
        out.line("Hyperparameters: " + p.hyperparameters());
        if (!p.trainingSet().isEmpty()) {
            out.line("Training set: " + p.trainingSet());
        }
        out.line("");
        ModelReport.print(p.metrics(), inForce, out);
        ModelReport.printByAge(p.metricsByAge(), p.trainingSet(), out);
        out.line("");
        out.line("Decisions:");
        for (ModelDecision d : decisions) {
            out.line("  " + Timestamps.format(d.decidedAt()) + "  " + d.decision().name().toLowerCase(Locale.ROOT)
                    + " by " + d.actor() + ": " + d.reason());
        }
    }

    /** A metric as a number (the table shows four places, CSV every digit), or an empty cell when unknown. */
    private static Object value(Double v) {
        return v == null || v.isNaN() ? "" : v;
    }
}

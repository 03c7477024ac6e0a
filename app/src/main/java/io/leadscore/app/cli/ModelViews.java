package io.leadscore.app.cli;

import io.leadscore.batch.registry.ModelDecision;
import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.Provenance;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.CalibrationBin;
import io.leadscore.scoring.evaluation.LiftBin;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.evaluation.RocPoint;
import io.leadscore.scoring.evaluation.ThresholdCurve;
import io.leadscore.scoring.domain.Timestamps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a model and its evaluation are shown: a readable report, or JSON for scripts. */
final class ModelViews {
    private ModelViews() {
    }

    /** Thresholds of the curve worth a row in the table: where leadership's MQL threshold usually lies. */
    private static final double[] TABLE_THRESHOLDS = {0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50};

    static Map<String, Object> json(ModelRecord record, ModelArtifact artifact, List<ModelDecision> decisions) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", record.version());
        root.put("status", record.status().name().toLowerCase(Locale.ROOT));
        root.put("algorithm", record.algorithm());
        Provenance p = artifact.provenance();
        root.put("trained_at", Timestamps.format(p.trainedAt()));
        root.put("as_of", Timestamps.format(record.asOf()));
        root.put("training", window(p.training().from(), p.training().to(), p.training().rows(), p.training().positives()));
        root.put("validation", window(p.validation().from(), p.validation().to(), p.validation().rows(),
                p.validation().positives()));
        root.put("features", artifact.schema().size());
        root.put("hyperparameters", p.hyperparameters());
        root.put("seed", p.seed());
        root.put("smile_version", p.smileVersion());
        root.put("java_version", p.javaVersion());
        root.put("leadscore_version", p.leadscoreVersion());
        root.put("claim", p.claim().sentence());
        root.put("training_set", p.trainingSet());
        root.put("metrics", metrics(p.metrics()));
        root.put("metrics_by_age", metricsByAge(p.metricsByAge()));
        List<Map<String, Object>> log = new ArrayList<>();
        for (ModelDecision d : decisions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decision", d.decision().name().toLowerCase(Locale.ROOT));
            m.put("at", Timestamps.format(d.decidedAt()));
            m.put("reason", d.reason());
            m.put("actor", d.actor());
            log.add(m);
        }
        root.put("decisions", log);
        return root;
    }

    private static Map<String, Object> window(java.time.Instant from, java.time.Instant to, int rows, int positives) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from == null ? null : Timestamps.format(from));
        m.put("to", to == null ? null : Timestamps.format(to));
        m.put("rows", rows);
        m.put("positives", positives);
        return m;
    }

    /** The figures every evaluation has, over a window or an age band. */
    private static void figures(ModelMetrics m, Map<String, Object> root) {
        root.put("rows", m.rows());
        root.put("positives", m.positives());
        root.put("auc", finite(m.auc()));
        root.put("pr_auc", finite(m.prAuc()));
        root.put("log_loss", finite(m.logLoss()));
        root.put("brier", finite(m.brier()));
        root.put("ece", finite(m.ece()));
    }

    private static List<Map<String, Object>> calibration(ModelMetrics m) {
        List<Map<String, Object>> calibration = new ArrayList<>();
        for (CalibrationBin b : m.calibrationBins()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("leads", b.leads());
            x.put("mean_score", finite(b.meanScore()));
            x.put("conversion_rate", finite(b.conversionRate()));
            calibration.add(x);
        }
        return calibration;
    }

    static Map<String, Object> metrics(ModelMetrics m) {
        Map<String, Object> root = new LinkedHashMap<>();
        figures(m, root);
        List<Map<String, Object>> lift = new ArrayList<>();
        for (LiftBin b : m.liftByDecile()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("decile", b.decile());
            x.put("leads", b.leads());
            x.put("conversions", b.conversions());
            x.put("conversion_rate", finite(b.conversionRate()));
            x.put("lift", finite(b.lift()));
            lift.add(x);
        }
        root.put("lift_by_decile", lift);
        root.put("calibration", calibration(m));
        List<List<Double>> roc = new ArrayList<>();
        for (RocPoint r : m.roc()) {
            roc.add(List.of(r.falsePositiveRate(), r.truePositiveRate()));
        }
        root.put("roc", roc);
        List<Map<String, Object>> curve = new ArrayList<>();
        for (ThresholdCurve.Point pt : m.thresholdCurve().points()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("threshold", pt.threshold());
            x.put("share_above", pt.shareAbove());
            x.put("precision", finite(pt.precision()));
            x.put("recall", finite(pt.recall()));
            x.put("expected_conversions", pt.expectedConversions());
            curve.add(x);
        }
        root.put("threshold_curve", curve);
        return root;
    }

    /** Per age band: the band, its figures and its reliability bins (the curves stay with the whole window). */
    static List<Map<String, Object>> metricsByAge(List<AgeBandMetrics> bands) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AgeBandMetrics b : bands) {
            ModelMetrics m = b.metrics();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("band", b.band().label());
            x.put("from_days", b.band().fromDays());
            x.put("to_days", finite(b.band().toDays()));
            figures(m, x);
            x.put("calibration", calibration(m));
            list.add(x);
        }
        return list;
    }

    /** The evaluation by lead age: a table of the figures, and AUC per band as bars. */
    static void printByAge(List<AgeBandMetrics> bands, Output out) {
        out.line("");
        if (bands.isEmpty()) {
            out.line("By lead age: not recorded (a model trained before point-in-time training: every training row"
                    + " looked at its lead 30 days after creation).");
            return;
        }
        out.line("By lead age at the snapshot (out-of-time validation):");
        List<List<?>> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AgeBandMetrics b : bands) {
            ModelMetrics m = b.metrics();
            rows.add(List.of(b.band().label(), m.rows(), m.positives(), percent(m.baseRate()), fixed(m.auc()),
                    fixed(m.prAuc()), fixed(m.logLoss()), fixed(m.ece())));
            labels.add(b.band().label());
            values.add(Double.isNaN(m.auc()) ? 0 : m.auc());
            notes.add(Double.isNaN(m.auc()) ? " AUC undefined (one outcome only)" : " AUC");
        }
        out.table(List.of("lead age", "snapshots", "converted", "rate", "AUC", "PR-AUC", "log loss", "ECE"), rows);
        out.line("");
        out.stream().print(TextBars.chart(labels, values, notes, 40));
    }

    private static String fixed(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The evaluation as a person reads it: the figures, lift by decile as bars, the threshold curve at a glance. */
    static void print(ModelMetrics m, Output out) {
        out.line(String.format(Locale.ROOT, "Out-of-time validation: %,d leads, %,d converted (%.2f%%)", m.rows(),
                m.positives(), 100.0 * m.baseRate()));
        out.line(String.format(Locale.ROOT, "  AUC %.4f   PR-AUC %.4f   log loss %.4f   Brier %.4f   ECE %.4f",
                m.auc(), m.prAuc(), m.logLoss(), m.brier(), m.ece()));
        out.line("");
        out.line("Conversion by score decile (highest scores first):");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (LiftBin b : m.liftByDecile()) {
            labels.add("decile " + b.decile());
            values.add(100 * b.conversionRate());
            notes.add(String.format(Locale.ROOT, "converted, lift %.1f×", b.lift()));
        }
        out.stream().print(TextBars.chart(labels, values, v -> String.format(Locale.ROOT, "%4.1f%%", v), notes, 40));
        out.line("");
        List<List<?>> rows = new ArrayList<>();
        for (double t : TABLE_THRESHOLDS) {
            ThresholdCurve.Point p = m.thresholdCurve().at(t);
            rows.add(List.of(String.format(Locale.ROOT, "%.2f", p.threshold()), percent(p.shareAbove()),
                    percent(p.precision()), percent(p.recall()),
                    String.format(Locale.ROOT, "%.1f", p.expectedConversions())));
        }
        out.table(List.of("MQL threshold", "leads above", "precision", "recall", "expected conversions"), rows);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}

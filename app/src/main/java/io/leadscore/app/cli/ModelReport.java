package io.leadscore.app.cli;

import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.LiftBin;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A model's evaluation as a person reads it on a terminal; the JSON of a model is
 * {@link io.leadscore.app.web.models.ModelViews}, the same for the API and the command line.
 */
final class ModelReport {
    private ModelReport() {
    }

    /** Thresholds of the curve worth a row in the table: where leadership's MQL threshold usually lies. */
    private static final double[] TABLE_THRESHOLDS = {0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50};

    /** The evaluation by lead age: a table of the figures, and AUC per band as bars. */
    /**
     * @param trainingSet the model's training-set record; where it holds the oldest ages its windows saw, the table
     *                    says how far its last band reaches, and that older leads are scored beyond it
     */
    static void printByAge(List<AgeBandMetrics> bands, java.util.Map<String, String> trainingSet, Output out) {
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
            double se = m.aucStandardError();
            rows.add(List.of(b.band().label(), m.rows(), m.positives(), percent(m.baseRate()), fixed(m.auc()),
                    Double.isNaN(se) ? "" : String.format(Locale.ROOT, "%.3f", se), fixed(m.prAuc()),
                    fixed(m.logLoss()), fixed(m.ece())));
            labels.add(b.band().label());
            // a band with one outcome only has no AUC: its bar is empty and says so, with no figure of 0
            values.add(m.auc());
            notes.add(Double.isNaN(m.auc()) ? "" : " AUC");
        }
        out.table(List.of("lead age", "snapshots", "converted", "rate", "AUC", "± AUC", "PR-AUC", "log loss", "ECE"), rows);
        out.line("(± AUC: its standard error, from the band's converters and the rest; two models' AUCs closer");
        out.line(" than about twice it in a band are not told apart by that band)");
        java.util.OptionalLong oldest = io.leadscore.scoring.labels.TrainingSet.oldestSeenDays(trainingSet);
        if (oldest.isPresent()) {
            out.line("Trained on leads up to " + trainingSet.get(io.leadscore.scoring.labels.TrainingSet.OLDEST_TRAINED)
                    + " days old, validated on leads up to "
                    + trainingSet.get(io.leadscore.scoring.labels.TrainingSet.OLDEST_VALIDATED)
                    + " days old: a lead older than");
            out.line(" " + oldest.getAsLong() + " days is scored beyond what these figures speak for (rescore says how many).");
        }
        out.line("");
        out.stream().print(TextBars.chart(labels, values, v -> Double.isNaN(v) ? "no AUC (one outcome only)"
                : Output.cell(v), notes, 40));
    }

    private static String fixed(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The evaluation as a person reads it: the figures, lift by decile as bars, the threshold curve at a glance. */
    static void print(ModelMetrics m, Output out) {
        print(m, null, out);
    }

    /**
     * @param inForce the MQL threshold of the policy in force, a row of the threshold table of its own (marked) when
     *                it is not one of the table's steps; {@code null} when no store is at hand
     */
    static void print(ModelMetrics m, Double inForce, Output out) {
        out.line(String.format(Locale.ROOT, "Out-of-time validation: %,d snapshots, %,d converted (%.2f%%)", m.rows(),
                m.positives(), 100.0 * m.baseRate()));
        out.line("  AUC " + ModelMetrics.figure(m.auc()) + "   PR-AUC " + ModelMetrics.figure(m.prAuc()) + "   log loss "
                + ModelMetrics.figure(m.logLoss()) + "   Brier " + ModelMetrics.figure(m.brier()) + "   ECE "
                + ModelMetrics.figure(m.ece()));
        out.line("");
        out.line("Conversion by score decile (highest scores first):");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (LiftBin b : m.liftByDecile()) {
            labels.add("decile " + b.decile());
            values.add(100 * b.conversionRate());
            notes.add(Double.isNaN(b.lift()) ? "converted, lift undefined (none converted)"
                    : String.format(Locale.ROOT, "converted, lift %.1f×", b.lift()));
        }
        out.stream().print(TextBars.chart(labels, values, v -> String.format(Locale.ROOT, "%4.1f%%", v), notes, 40));
        out.line("");
        List<List<?>> rows = new ArrayList<>();
        java.util.TreeSet<Double> thresholds = new java.util.TreeSet<>();
        for (double t : TABLE_THRESHOLDS) {
            thresholds.add(t);
        }
        // the curve is measured on a 0.01 grid: the policy's threshold is read at its step
        Double step = inForce == null || !(inForce > 0 && inForce < 1) ? null : m.thresholdCurve().at(inForce).threshold();
        if (step != null) {
            thresholds.add(step);
        }
        for (double t : thresholds) {
            ThresholdCurve.Point p = m.thresholdCurve().at(t);
            boolean current = step != null && Math.abs(step - t) < 1e-9;
            rows.add(List.of(String.format(Locale.ROOT, "%.2f", p.threshold()) + (current ? " (in force)" : ""),
                    percent(p.shareAbove()), percent(p.precision()), percent(p.recall()),
                    String.format(Locale.ROOT, "%.1f", p.expectedConversions())));
        }
        out.table(List.of("MQL threshold", "leads above", "precision", "recall", "expected conversions"), rows);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}

package io.leadscore.scoring.artifact;

import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.scoring.Algorithm;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a model came from and how good it was when it was made.
 *
 * @param modelVersion     the registry's name for this model, e.g. {@code 2025-06-01T02:00Z-gbt}
 * @param trainedAt        when training finished
 * @param training         the training window and its counts
 * @param validation       the out-of-time validation window and its counts
 * @param algorithm        the model family
 * @param hyperparameters  the algorithm's settings by name (see {@code TrainingOptions#hyperparameters()})
 * @param seed             the seed of every random draw in training
 * @param metrics          calibrated metrics on the validation window (cross-fitted, see {@code CalibrationFitter})
 * @param smileVersion     version of the Smile library that trained it
 * @param javaVersion      {@code java.version} of the training JVM
 * @param leadscoreVersion version of leadscore that trained it
 * @param claim            what the score claims
 * @param trainingSet      how the training rows were taken (snapshot ages, cap per lead, horizon), by name
 * @param metricsByAge     calibrated metrics on the validation window per lead age band, youngest first; empty for
 *                         model files written before they were recorded. Windows, rows and positives count
 *                         snapshots (a lead at one age).
 */
public record Provenance(String modelVersion, Instant trainedAt, DataWindow training, DataWindow validation,
                         Algorithm algorithm, Map<String, String> hyperparameters, long seed, ModelMetrics metrics,
                         String smileVersion, String javaVersion, String leadscoreVersion, ScoreClaim claim,
                         Map<String, String> trainingSet, List<AgeBandMetrics> metricsByAge) {

    /** Provenance of a model file written before claims and metrics by age were recorded. */
    public Provenance(String modelVersion, Instant trainedAt, DataWindow training, DataWindow validation,
                      Algorithm algorithm, Map<String, String> hyperparameters, long seed, ModelMetrics metrics,
                      String smileVersion, String javaVersion, String leadscoreVersion) {
        this(modelVersion, trainedAt, training, validation, algorithm, hyperparameters, seed, metrics, smileVersion,
                javaVersion, leadscoreVersion, ScoreClaim.atThirtyDays(), Map.of(), List.of());
    }

    public Provenance {
        requireText("model version", modelVersion);
        Objects.requireNonNull(trainedAt, "trainedAt");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(metrics, "metrics");
        requireText("Smile version", smileVersion);
        requireText("Java version", javaVersion);
        requireText("leadscore version", leadscoreVersion);
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        for (Map.Entry<String, String> e : hyperparameters.entrySet()) {
            requireText("hyperparameter name", e.getKey());
            Objects.requireNonNull(e.getValue(), "value of hyperparameter " + e.getKey());
        }
        hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(trainingSet, "trainingSet");
        for (Map.Entry<String, String> e : trainingSet.entrySet()) {
            requireText("training set setting name", e.getKey());
            Objects.requireNonNull(e.getValue(), "value of training set setting " + e.getKey());
        }
        trainingSet = Collections.unmodifiableMap(new TreeMap<>(trainingSet));
        metricsByAge = List.copyOf(metricsByAge);
        int bandRows = 0;
        for (AgeBandMetrics band : metricsByAge) {
            bandRows += band.metrics().rows();
        }
        if (bandRows > metrics.rows()) {
            throw new IllegalArgumentException("Invalid provenance: age bands of " + bandRows + " rows in a validation window of "
                    + metrics.rows());
        }
        if (metrics.rows() != validation.rows() || metrics.positives() != validation.positives()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid provenance: metrics of %d rows and %d positives for a validation window of %d rows and %d positives",
                    metrics.rows(), metrics.positives(), validation.rows(), validation.positives()));
        }
    }

    /**
     * The threshold curve of the validation snapshots of leads at most {@code days} old (the age bands that end by
     * then, merged); the whole window's for a model that recorded no age bands.
     */
    public io.leadscore.scoring.evaluation.ThresholdCurve curveOfLeadsUpTo(double days) {
        List<io.leadscore.scoring.evaluation.ThresholdCurve> young = metricsByAge.stream()
                .filter(b -> b.band().toDays() <= days).map(b -> b.metrics().thresholdCurve()).toList();
        return young.isEmpty() ? metrics.thresholdCurve() : io.leadscore.scoring.evaluation.ThresholdCurve.merge(young);
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + what);
        }
    }
}

package io.leadscore.scoring.artifact;

import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.scoring.Algorithm;

import java.time.Instant;
import java.util.Collections;
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
 */
public record Provenance(String modelVersion, Instant trainedAt, DataWindow training, DataWindow validation,
                         Algorithm algorithm, Map<String, String> hyperparameters, long seed, ModelMetrics metrics,
                         String smileVersion, String javaVersion, String leadscoreVersion) {

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
        if (metrics.rows() != validation.rows() || metrics.positives() != validation.positives()) {
            throw new IllegalArgumentException(String.format(
                    "Invalid provenance: metrics of %d rows and %d positives for a validation window of %d rows and %d positives",
                    metrics.rows(), metrics.positives(), validation.rows(), validation.positives()));
        }
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + what);
        }
    }
}

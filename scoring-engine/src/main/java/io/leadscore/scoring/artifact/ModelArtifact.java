package io.leadscore.scoring.artifact;

import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Calibration;
import io.leadscore.scoring.scoring.CompiledModel;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import io.leadscore.scoring.scoring.Uncalibrated;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a model file holds, immutable: the feature schema the model reads, the feature extractor's
 * settings (opaque here, carried for the features code so that scoring rows are built as training rows were),
 * the compiled model, its calibration and its provenance.
 */
public final class ModelArtifact {

    private final FeatureSchema schema;
    private final Map<String, String> extractorSettings;
    private final CompiledModel model;
    private final Calibration calibration;
    private final Provenance provenance;

    /**
     * @throws IllegalArgumentException when the parts do not fit together (feature count, algorithm)
     */
    public ModelArtifact(FeatureSchema schema, Map<String, String> extractorSettings, CompiledModel model,
                         Calibration calibration, Provenance provenance) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.model = Objects.requireNonNull(model, "model");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(extractorSettings, "extractorSettings");
        TreeMap<String, String> settings = new TreeMap<>();
        for (Map.Entry<String, String> e : extractorSettings.entrySet()) {
            settings.put(Objects.requireNonNull(e.getKey(), "extractor setting name"),
                    Objects.requireNonNull(e.getValue(), "value of extractor setting " + e.getKey()));
        }
        this.extractorSettings = Collections.unmodifiableMap(settings);
        if (model.featureCount() != schema.size()) {
            throw new IllegalArgumentException(String.format("Invalid model artifact: the model reads %d features, the schema has %d",
                    model.featureCount(), schema.size()));
        }
        if (model.algorithm() != provenance.algorithm()) {
            throw new IllegalArgumentException("Invalid model artifact: a " + model.algorithm() + " model with provenance of "
                    + provenance.algorithm());
        }
        if (calibration instanceof Uncalibrated u && u.algorithm() != model.algorithm()) {
            throw new IllegalArgumentException("Invalid model artifact: uncalibrated link of " + u.algorithm()
                    + " for a " + model.algorithm() + " model");
        }
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** Settings of the feature extractor that built the training rows, sorted by name, unmodifiable. */
    public Map<String, String> extractorSettings() {
        return extractorSettings;
    }

    public CompiledModel model() {
        return model;
    }

    public Calibration calibration() {
        return calibration;
    }

    public Provenance provenance() {
        return provenance;
    }

    /** A scorer for this model with the given grade bands. */
    public Scorer scorer(GradeBands bands) {
        return new Scorer(model, calibration, bands);
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + provenance.modelVersion() + ", " + model + ", " + calibration.method() + ", " + schema + "]";
    }
}

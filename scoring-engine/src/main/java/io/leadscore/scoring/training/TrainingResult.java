package io.leadscore.scoring.training;

import io.leadscore.scoring.artifact.DataWindow;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.Provenance;
import io.leadscore.scoring.artifact.ScoreClaim;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Calibration;
import io.leadscore.scoring.scoring.CompiledModel;
import smile.classification.GradientTreeBoost;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a training run produced: the compiled model, its calibration, its metrics on the validation window,
 * and Smile's own model for comparison.
 */
public final class TrainingResult {

    private final TrainingOptions options;
    private final FeatureSchema schema;
    private final CompiledModel model;
    private final Calibration calibration;
    private final ModelMetrics validationMetrics;
    private final List<AgeBandMetrics> validationByAge;
    private final DataWindow trainingWindow;
    private final DataWindow validationWindow;
    private final Instant trainedAt;
    private final SmileModel smileModel;

    TrainingResult(TrainingOptions options, FeatureSchema schema, CompiledModel model, Calibration calibration,
                   ModelMetrics validationMetrics, List<AgeBandMetrics> validationByAge, DataWindow trainingWindow, DataWindow validationWindow,
                   Instant trainedAt, SmileModel smileModel) {
        this.options = options;
        this.schema = schema;
        this.model = model;
        this.calibration = calibration;
        this.validationMetrics = validationMetrics;
        this.validationByAge = List.copyOf(validationByAge);
        this.trainingWindow = trainingWindow;
        this.validationWindow = validationWindow;
        this.trainedAt = trainedAt;
        this.smileModel = smileModel;
    }

    public TrainingOptions options() {
        return options;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public CompiledModel model() {
        return model;
    }

    /** Fitted on the whole validation window. */
    public Calibration calibration() {
        return calibration;
    }

    /** Calibrated metrics on the validation window, from cross-fitted calibrations (see {@link CalibrationFitter}). */
    public ModelMetrics validationMetrics() {
        return validationMetrics;
    }

    /** The same metrics per lead age band, when the validation rows carried their ages; empty otherwise. */
    public List<AgeBandMetrics> validationByAge() {
        return validationByAge;
    }

    public DataWindow trainingWindow() {
        return trainingWindow;
    }

    public DataWindow validationWindow() {
        return validationWindow;
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    public SmileModel smileModel() {
        return smileModel;
    }

    /**
     * The model file content for this run.
     *
     * @param modelVersion      the registry's name for the model
     * @param extractorSettings the feature extractor's settings, carried opaquely for scoring
     * @param leadscoreVersion  the version of leadscore that trained it
     */
    public ModelArtifact toArtifact(String modelVersion, Map<String, String> extractorSettings, String leadscoreVersion) {
        Objects.requireNonNull(extractorSettings, "extractorSettings");
        Provenance provenance = new Provenance(modelVersion, trainedAt, trainingWindow, validationWindow,
                options.algorithm(), options.hyperparameters(), options.seed(), validationMetrics, smileVersion(),
                System.getProperty("java.version"), leadscoreVersion);
        return new ModelArtifact(schema, extractorSettings, model, calibration, provenance);
    }

    /**
     * The model file content for this run, with what the score claims and how its training rows were taken.
     *
     * @param claim       the claim the training rows were labelled for
     * @param trainingSet the training set's settings by name (snapshot ages, cap per lead, horizon)
     */
    public ModelArtifact toArtifact(String modelVersion, Map<String, String> extractorSettings, String leadscoreVersion,
                                    ScoreClaim claim, Map<String, String> trainingSet) {
        Objects.requireNonNull(extractorSettings, "extractorSettings");
        Provenance provenance = new Provenance(modelVersion, trainedAt, trainingWindow, validationWindow,
                options.algorithm(), options.hyperparameters(), options.seed(), validationMetrics, smileVersion(),
                System.getProperty("java.version"), leadscoreVersion, claim, trainingSet, validationByAge);
        return new ModelArtifact(schema, extractorSettings, model, calibration, provenance);
    }

    /** From Smile's jar manifest; a shaded jar that dropped the manifest records "unknown". */
    static String smileVersion() {
        String version = GradientTreeBoost.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }
}

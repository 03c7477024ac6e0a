package io.leadscore.batch.rescoring;

import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.explain.Explainer;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;

/**
 * What a rescoring run scores with, built once per run from the champion's
 * model file: the feature extractor it was trained with, its calibrated
 * scorer with grade bands around the policy's threshold, and its explainer.
 * Immutable and shared by the partition threads. (A class rather than a
 * record: as a job-scoped bean it is proxied by subclassing.)
 */
class ChampionModel {
    private final String version;
    private final ModelArtifact artifact;
    private final FeatureExtractor extractor;
    private final Scorer scorer;
    private final Explainer explainer;
    private final double threshold;

    ChampionModel(String version, ModelArtifact artifact, double threshold) {
        this.version = version;
        this.artifact = artifact;
        this.extractor = FeatureExtractor.forSchema(artifact.schema(), FeatureSettings.fromMap(artifact.extractorSettings()));
        this.scorer = artifact.scorer(GradeBands.relativeTo(threshold));
        this.explainer = new Explainer(artifact.model(), artifact.schema());
        this.threshold = threshold;
    }

    String version() {
        return version;
    }

    ModelArtifact artifact() {
        return artifact;
    }

    FeatureExtractor extractor() {
        return extractor;
    }

    Scorer scorer() {
        return scorer;
    }

    Explainer explainer() {
        return explainer;
    }

    double threshold() {
        return threshold;
    }

    /** The engagement states this model reads: stored states with another key are rebuilt. */
    String settingsKey() {
        return settingsKey(extractor.settings());
    }

    static String settingsKey(FeatureSettings settings) {
        return "h=" + settings.halfLifeDays() + ";w=" + settings.windowDays();
    }
}

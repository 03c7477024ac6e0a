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
 * All three are immutable and shared by the partition threads.
 */
record ChampionModel(String version, ModelArtifact artifact, FeatureExtractor extractor, Scorer scorer,
                     Explainer explainer, double threshold) {

    static ChampionModel of(String version, ModelArtifact artifact, double threshold) {
        FeatureSettings settings = FeatureSettings.fromMap(artifact.extractorSettings());
        FeatureExtractor extractor = FeatureExtractor.forSchema(artifact.schema(), settings);
        Scorer scorer = artifact.scorer(GradeBands.relativeTo(threshold));
        return new ChampionModel(version, artifact, extractor, scorer, new Explainer(artifact.model(), artifact.schema()),
                threshold);
    }

    /** The engagement states this model reads: stored states with another key are rebuilt. */
    String settingsKey() {
        return settingsKey(extractor.settings());
    }

    static String settingsKey(FeatureSettings settings) {
        return "h=" + settings.halfLifeDays() + ";w=" + settings.windowDays();
    }
}

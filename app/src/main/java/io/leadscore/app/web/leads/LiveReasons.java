package io.leadscore.app.web.leads;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.explain.Explainer;
import io.leadscore.scoring.explain.Explanation;
import io.leadscore.scoring.explain.Reason;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeaturePhrases;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Service;

/**
 * Why the champion scores a lead as it does now: the lead and its activities
 * as of a time through the champion's own feature extractor (the one it was
 * trained with), its calibrated score, and the contributions grouped into
 * reasons. The extractor and explainer of a model are built once per version.
 */
@Service
class LiveReasons {
    private final ModelRegistry registry;
    private final PolicyStore policies;
    private final ConcurrentMap<String, Champion> champions = new ConcurrentHashMap<>();

    LiveReasons(ModelRegistry registry, PolicyStore policies) {
        this.registry = registry;
        this.policies = policies;
    }

    private record Champion(String version, FeatureExtractor extractor, Explainer explainer, ModelArtifact artifact) {
    }

    /** The champion's view of a lead as of {@code asOf}; empty when there is no champion. */
    Optional<LeadViews.LiveReasons> explain(Lead lead, List<Activity> activities, Instant asOf) {
        Optional<ModelRecord> record = registry.champion();
        if (record.isEmpty()) {
            return Optional.empty();
        }
        Champion c = champions.computeIfAbsent(record.get().version(), v -> {
            ModelArtifact artifact = registry.artifact(v);
            return new Champion(v, FeatureExtractor.forSchema(artifact.schema(),
                    FeatureSettings.fromMap(artifact.extractorSettings())),
                    new Explainer(artifact.model(), artifact.schema()), artifact);
        });
        double[] x = c.extractor().extract(lead, c.extractor().stateOf(activities, asOf), asOf);
        Scorer scorer = c.artifact().scorer(GradeBands.relativeTo(policies.current().mqlThreshold()));
        double score = scorer.score(x);
        Explanation e = c.explainer().explain(x, new FeaturePhrases());
        return Optional.of(new LeadViews.LiveReasons(c.version(), asOf, score, scorer.grade(score).name(), e.fit(),
                e.engagement(), reasons(e.raising()), reasons(e.lowering()), e.rawScore(), e.expectedValue()));
    }

    private static List<LeadViews.Reason> reasons(List<Reason> reasons) {
        return reasons.stream().map(r -> new LeadViews.Reason(r.source(), r.group().name().toLowerCase(Locale.ROOT),
                r.contribution(), r.phrase())).toList();
    }
}

package io.leadscore.batch;

import io.leadscore.scoring.artifact.DataWindow;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.Provenance;
import io.leadscore.scoring.evaluation.Evaluator;
import io.leadscore.scoring.features.FeatureDefinition;
import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureKind;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.LinearModel;
import io.leadscore.scoring.scoring.PlattCalibration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Small hand-made models for registry tests: a two-feature logistic model
 * whose weights follow the seed, with metrics of its own scores on seeded
 * labels. Different seeds give different files; no training is needed.
 */
public final class TestModels {
    private TestModels() {
    }

    public static ModelArtifact logistic(String version, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FeatureSchema schema = new FeatureSchema(List.of(
                new FeatureDefinition("employees_log", FeatureKind.NUMERIC, FeatureGroup.FIT, "employees", null),
                new FeatureDefinition("page_views_decayed", FeatureKind.NUMERIC, FeatureGroup.ENGAGEMENT, "page_view", null)));
        LinearModel model = new LinearModel(new double[] {0, 0}, new double[] {1, 1},
                new double[] {0.5 + random.nextDouble(), 0.5 + random.nextDouble()}, -3 + random.nextDouble());
        int n = 200;
        double[] scores = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            labels[i] = random.nextDouble() < scores[i] * 0.3 ? 1 : 0;
        }
        labels[0] = 1;
        labels[1] = 0;
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant middle = Instant.parse("2025-09-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-01T00:00:00Z");
        Provenance provenance = new Provenance(version, Instant.parse("2026-06-01T00:00:00Z"),
                new DataWindow(from, middle, 800, 40), new DataWindow(middle, to, n, positives), Algorithm.LOGISTIC_REGRESSION,
                Map.of("lambda", "0.1"), seed, Evaluator.evaluate(scores, labels), "3.1.1", "17", "test");
        return new ModelArtifact(schema, Map.of("h", "14"), model, new PlattCalibration(1, 0), provenance);
    }
}

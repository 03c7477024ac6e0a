package io.leadscore.app.web.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.app.cli.Output;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One model document for the API and the command line: the same figures, the command line's flattened. */
class ModelViewsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant TRAINED = Instant.parse("2026-11-01T02:00:00Z");

    private static ModelViews.Detail detail() {
        ModelViews.Summary summary = new ModelViews.Summary("m-1", "champion", "gbt", TRAINED, TRAINED, 800, 200,
                0.81, 0.4, 0.3, 0.1, 0.02, TRAINED);
        ModelViews.Window window = new ModelViews.Window(TRAINED.minusSeconds(86_400), TRAINED, 800, 80);
        ModelViews.Metrics metrics = new ModelViews.Metrics(200, 20, 0.1, 0.81, 0.4, 0.3, 0.1, null,
                List.of(List.of(0.0, 0.0), List.of(1.0, 1.0)), List.of(new ModelViews.Bin(20, 0.05, 0.04)),
                List.of(new ModelViews.Decile(1, 20, 8, 0.4, 4.0, 0.4)),
                List.of(new ModelViews.CurvePoint(0.1, 0.3, 0.25, 0.75, 5.0)));
        return new ModelViews.Detail(summary, window, window, 12, Map.of("trees", "100"), 7L, "3.1.1", "17",
                "0.1.0", "ab12", "the probability of a won deal", Map.of(), metrics, List.of(),
                List.of(new ModelViews.Decision("promoted", TRAINED, "better AUC", "ops", null)));
    }

    @Test
    void theApiNestsTheSummaryUnderModel() {
        JsonNode api = JSON.readTree(JSON.writeValueAsString(detail()));
        assertThat(api.get("model").get("version").asString()).isEqualTo("m-1");
        assertThat(api.has("version")).isFalse();
        assertThat(api.get("metrics").get("ece").isNull()).as("an undefined figure is null").isTrue();
    }

    @Test
    void theCommandLinePrintsTheSameFiguresWithTheSummaryAtTheTop() {
        JsonNode api = JSON.readTree(JSON.writeValueAsString(detail()));
        JsonNode cli = JSON.readTree(Output.toJson(ModelViews.Flat.of(detail())));

        // the keys scripts of the command line read since the first release, at the top level
        assertThat(cli.propertyNames()).startsWith("version", "status", "algorithm", "trained_at", "as_of")
                .contains("training", "validation", "features", "hyperparameters", "seed", "smile_version",
                        "java_version", "leadscore_version", "claim", "training_set", "metrics", "metrics_by_age",
                        "decisions")
                .doesNotContain("model");
        assertThat(cli.get("trained_at").asString()).isEqualTo("2026-11-01T02:00:00Z");
        for (String key : api.propertyNames()) {
            if (!key.equals("model")) {
                assertThat(cli.get(key)).as(key).isEqualTo(api.get(key));
            }
        }
        for (String key : api.get("model").propertyNames()) {
            assertThat(cli.get(key)).as(key).isEqualTo(api.get("model").get(key));
        }
    }
}

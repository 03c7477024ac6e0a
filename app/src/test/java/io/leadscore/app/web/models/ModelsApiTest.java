package io.leadscore.app.web.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.SeededStore;
import io.leadscore.app.web.TestUsers;
import io.leadscore.batch.registry.ModelDecision;
import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/models}: the registry, one model's evaluation, promotion and rollback with their audit records. */
@ConsoleTest
class ModelsApiTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    ModelRegistry registry;

    private static MockHttpServletRequestBuilder asData(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD));
    }

    private JsonNode read(MockHttpServletRequestBuilder request) throws Exception {
        return json.readTree(mvc.perform(asData(request)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void listsTheChampionAndTheChallengerWithTheirMetrics() throws Exception {
        JsonNode models = read(get("/api/models"));

        String champion = registry.champion().map(ModelRecord::version).orElseThrow();
        assertThat(models.size()).isGreaterThanOrEqualTo(2);
        for (JsonNode m : models) {
            assertThat(m.get("status").asString()).isEqualTo(m.get("version").asString().equals(champion) ? "champion"
                    : m.get("status").asString());
            assertThat(m.get("auc").asDouble()).isBetween(0.5, 1.0);
            assertThat(m.has("ece")).isTrue();
            assertThat(m.get("validation_rows").asInt()).isPositive();
        }
        assertThat(models.valueStream().filter(m -> m.get("status").asString().equals("champion")).count()).isEqualTo(1);
    }

    @Test
    void showsOneModelWithItsCurvesAndDecisions() throws Exception {
        JsonNode m = read(get("/api/models/" + SeededStore.CHALLENGER));

        assertThat(m.get("model").get("version").asString()).isEqualTo(SeededStore.CHALLENGER);
        assertThat(m.get("model").get("algorithm").asString()).isEqualTo("logistic_regression");
        JsonNode metrics = m.get("metrics");
        JsonNode roc = metrics.get("roc");
        assertThat(roc.get(0).get(0).asDouble()).isZero();
        assertThat(roc.get(roc.size() - 1).get(1).asDouble()).isEqualTo(1.0);
        assertThat(metrics.get("calibration").size()).isPositive();
        assertThat(metrics.get("lift_by_decile").get(0).get("decile").asInt()).isEqualTo(1);
        assertThat(metrics.get("threshold_curve").size()).isEqualTo(101);
        assertThat(m.get("decisions").get(0).get("decision").asString()).isEqualTo("registered");
        assertThat(m.get("training").get("rows").asInt()).isPositive();
        assertThat(m.get("claim").asString()).isEqualTo("the probability that this open lead produces a won deal within 180 days of now");
        JsonNode bands = m.get("metrics_by_age");
        assertThat(bands.get(0).get("band").asString()).isEqualTo("0–1 d");
        assertThat(bands.get(bands.size() - 1).get("to_days").isNull()).isTrue();
        int rows = 0;
        for (JsonNode band : bands) {
            rows += band.get("rows").asInt();
            assertThat(band.get("calibration").size()).isPositive();
        }
        assertThat(rows).isEqualTo(metrics.get("rows").asInt());
        // named as the command line names it: 2, V2 and v2 are one model
        String number = SeededStore.CHALLENGER.substring(1);
        assertThat(read(get("/api/models/" + number)).get("model").get("version").asString())
                .isEqualTo(SeededStore.CHALLENGER);
        assertThat(read(get("/api/models/V" + number)).get("model").get("version").asString())
                .isEqualTo(SeededStore.CHALLENGER);
    }

    @Test
    void promotesAChallengerWithTheReasonAndWhoDidItThenRollsBack() throws Exception {
        String before = registry.champion().map(ModelRecord::version).orElseThrow();
        String target = before.equals(SeededStore.CHALLENGER) ? SeededStore.CHAMPION : SeededStore.CHALLENGER;

        JsonNode promoted = read(post("/api/models/" + target + "/promote").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"better calibrated on the recent window\"}"));

        assertThat(promoted.get("status").asString()).isEqualTo("champion");
        assertThat(registry.champion().map(ModelRecord::version)).contains(target);
        List<ModelDecision> decisions = registry.decisions(target);
        ModelDecision last = decisions.get(decisions.size() - 1);
        assertThat(last.decision()).isEqualTo(ModelDecision.Kind.PROMOTED);
        assertThat(last.actor()).isEqualTo("web:" + TestUsers.DATA);
        assertThat(last.reason()).isEqualTo("better calibrated on the recent window");

        // promoting the champion again is refused
        mvc.perform(asData(post("/api/models/" + target + "/promote"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(target + " is already the champion"));

        JsonNode back = read(post("/api/models/rollback").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"its MQLs were rejected by sales far more often\"}"));
        assertThat(back.get("version").asString()).isEqualTo(before);
        assertThat(registry.champion().map(ModelRecord::version)).contains(before);
        // the reason is kept with the rollback, as a promotion's is
        List<ModelDecision> rolled = registry.decisions(target);
        assertThat(rolled.get(rolled.size() - 1).reason()).isEqualTo("rolled back to " + before
                + ": its MQLs were rejected by sales far more often");
    }

    @Test
    void aPromotionReasonLongerThanANoteIsRefusedAndChangesNothing() throws Exception {
        String before = registry.champion().map(ModelRecord::version).orElseThrow();
        String target = before.equals(SeededStore.CHALLENGER) ? SeededStore.CHAMPION : SeededStore.CHALLENGER;

        mvc.perform(asData(post("/api/models/" + target + "/promote")).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"" + "x".repeat(1_001) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Invalid reason: 1001 characters, expected at most 1000"));
        assertThat(registry.champion().map(ModelRecord::version)).contains(before);
    }

    @Test
    void anUnknownVersionIsNotFound() throws Exception {
        mvc.perform(asData(get("/api/models/v999"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("v999")));
        mvc.perform(asData(post("/api/models/v999/promote"))).andExpect(status().isNotFound());
    }
}

package io.leadscore.app.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.SeededStore;
import io.leadscore.app.web.TestUsers;
import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.batch.store.JobLock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/jobs}: runs with their figures; background starts and restarts; refusals while a run is in progress. */
@ConsoleTest
class JobsApiTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    SeededStore.Seed seed;

    @Autowired
    JobLock jobLock;

    @Autowired
    JobHistory history;

    private static MockHttpServletRequestBuilder script(MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.OPS_TOKEN);
    }

    private JsonNode read(MockHttpServletRequestBuilder request, int status) throws Exception {
        return json.readTree(mvc.perform(script(request)).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString());
    }

    private JsonNode awaitEnd(long launch) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(RUN_LIMIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = read(get("/api/jobs/launches/" + launch), 200);
            return !last[0].get("state").asString().equals("running");
        });
        return last[0];
    }

    @Test
    void listsRunsWithTheirFigures() throws Exception {
        JsonNode runs = read(get("/api/jobs?limit=200"), 200);

        JsonNode rescoring = runs.valueStream().filter(r -> r.get("job").asString().equals("rescoreJob")
                && r.get("status").asString().equals("COMPLETED")).reduce((a, b) -> b).orElseThrow();
        assertThat(rescoring.get("leads_scored").asLong()).isPositive();
        assertThat(rescoring.get("psi").isNumber()).isTrue();
        assertThat(rescoring.get("duration_seconds").asDouble()).isPositive();
        assertThat(rescoring.get("as_of").asString()).isNotBlank();
        JsonNode check = runs.valueStream().filter(r -> r.get("job").asString().equals("slaCheckJob")).findFirst()
                .orElseThrow();
        assertThat(check.get("breaches").isNumber()).isTrue();
        mvc.perform(script(get("/api/jobs?limit=0"))).andExpect(status().isBadRequest());
        // a job by the name that starts it lists the same runs; a job that does not exist is no empty list
        assertThat(read(get("/api/jobs?job=rescore&limit=50"), 200)).isEqualTo(read(get("/api/jobs?job=rescoreJob&limit=50"), 200));
        mvc.perform(script(get("/api/jobs?job=bogus"))).andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.detail")
                        .value(org.hamcrest.Matchers.startsWith("unknown job 'bogus': expected one of")));
    }

    @Test
    void restartsAFailedRescoringInTheBackgroundToCompletion() throws Exception {
        RescoreReport failed = seed.failedRescoring();
        JsonNode listed = read(get("/api/jobs?job=rescoreJob&limit=1"), 200).get(0);
        assertThat(listed.get("execution_id").asLong()).isEqualTo(failed.executionId());
        assertThat(listed.get("restartable").asBoolean()).isTrue();

        JsonNode launch = read(post("/api/jobs/" + failed.executionId() + "/restart"), 202);
        assertThat(launch.get("restart").asBoolean()).isTrue();
        assertThat(launch.get("requested_by").asString()).isEqualTo("web:" + TestUsers.OPS_TOKEN_NAME);

        JsonNode ended = awaitEnd(launch.get("id").asLong());
        assertThat(ended.get("state").asString()).isEqualTo("completed");
        assertThat(ended.get("run_id").asLong()).isEqualTo(failed.runId());
        JobHistory.Run latest = history.recent("rescoreJob", 1).get(0);
        assertThat(latest.runId()).isEqualTo(failed.runId());
        assertThat(latest.status()).isEqualTo("COMPLETED");
        // and now there is nothing left to restart
        mvc.perform(script(post("/api/jobs/" + latest.executionId() + "/restart"))).andExpect(status().isConflict());
    }

    @Test
    void refusesToRestartWhatDidNotFailOrDoesNotExist() throws Exception {
        long completed = history.recent("slaCheckJob", 1).get(0).executionId();
        mvc.perform(script(post("/api/jobs/" + completed + "/restart"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("only a failed")));
        mvc.perform(script(post("/api/jobs/987654/restart"))).andExpect(status().isNotFound());
        long imported = history.recent("crmImportJob", 1).get(0).executionId();
        mvc.perform(script(post("/api/jobs/" + imported + "/restart"))).andExpect(status().isConflict());
    }

    @Test
    void refusesAStartWhileAnotherProcessRunsTheJob() throws Exception {
        try (JobLock.Held other = jobLock.acquire("slaCheckJob")) {
            mvc.perform(script(post("/api/jobs/sla-check"))).andExpect(status().isConflict())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("in progress")));
        }
    }

    @Test
    void startsAnSlaCheckInTheBackground() throws Exception {
        JsonNode launch = read(post("/api/jobs/sla-check"), 202);
        assertThat(launch.get("job").asString()).isEqualTo("slaCheckJob");

        JsonNode ended = awaitEnd(launch.get("id").asLong());
        assertThat(ended.get("state").asString()).isEqualTo("completed");
        assertThat(ended.get("outcome").asString()).contains("MQLs examined");
        assertThat(history.recent("slaCheckJob", 1).get(0).runId()).isEqualTo(ended.get("run_id").asLong());
    }
}

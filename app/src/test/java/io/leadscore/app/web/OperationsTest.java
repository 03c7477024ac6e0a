package io.leadscore.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Health for everyone; metrics of simulations and of the store for ops; the OpenAPI description of the API. */
@ConsoleTest
class OperationsTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private JsonNode asOps(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(httpBasic(TestUsers.OPS, TestUsers.OPS_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void healthIsUpWithTheStoreForOps() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        assertThat(asOps("/actuator/health").get("components").has("db")).isTrue();
    }

    @Test
    void simulationsAreTimed() throws Exception {
        WhatIfAnswers.perform(mvc, get("/api/simulate?trials=50")
                .with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD))).andExpect(status().isOk());

        JsonNode timer = asOps("/actuator/metrics/leadscore.simulation.duration?tag=kind:simulate");
        assertThat(timer.get("measurements").get(0).get("value").asDouble()).isPositive();
    }

    @Test
    void theStoreGaugesReadTheLastRescoringAndTheMqls() throws Exception {
        JsonNode scored = asOps("/actuator/metrics/leadscore.store.rescoring.last.leads.scored");
        assertThat(scored.get("measurements").get(0).get("value").asDouble()).isPositive();
        JsonNode mqls = asOps("/actuator/metrics/leadscore.store.mqls");
        assertThat(mqls.get("measurements").get(0).get("value").asDouble()).isPositive();
        assertThat(asOps("/actuator/metrics/leadscore.store.rescoring.last.psi").get("measurements").get(0)
                .get("value").isNumber()).isTrue();
    }

    @Test
    void theApiIsDescribedWithOpenApi() throws Exception {
        JsonNode doc = asOps("/v3/api-docs");

        JsonNode paths = doc.get("paths");
        for (String path : new String[] {"/api/simulate", "/api/plan", "/api/levers", "/api/models", "/api/models/{version}",
                "/api/models/{version}/promote", "/api/models/rollback", "/api/jobs", "/api/jobs/rescore",
                "/api/jobs/sla-check", "/api/jobs/{executionId}/restart", "/api/leads", "/api/leads/{leadId}",
                "/api/funnel", "/api/policy"}) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        String simulateParameters = paths.get("/api/simulate").get("get").get("parameters").toString();
        assertThat(simulateParameters).contains("\"sla-hours\"", "\"leads-per-week\"", "\"calibrate-from-store\"");
        assertThat(doc.get("components").get("securitySchemes").has("bearer")).isTrue();
    }
}

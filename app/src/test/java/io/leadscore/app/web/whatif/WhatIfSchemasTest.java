package io.leadscore.app.web.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.app.web.WhatIfAnswers;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document describes what the what-if endpoints answer: each has a
 * response schema, and an answer's keys are the schema's, everywhere in the
 * document: no key the schema does not name, and every key the schema names
 * present unless it belongs only to another kind of calibration or check
 * ({@link #CONDITIONAL}). The answers themselves are the command line's JSON
 * ({@link WhatIfApiTest}), whose keys are pinned in the simulator.
 */
@ConsoleTest
class WhatIfSchemasTest {
    /** Members written only for some calibrations (store counts, the deal-size model, deal paths) or checks. */
    private static final Set<String> CONDITIONAL = Set.of("count", "mu", "sigma", "amounts", "note", "leads",
            "handoff_share", "handoff_deals_per_lead", "around_deals_per_lead", "handoff_win_share", "around_win_share",
            "around_mean_deal_size", "backlog_leads", "window_days", "deal_level_error");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    private JsonNode doc;

    @BeforeEach
    void readTheDocument() throws Exception {
        doc = json.readTree(mvc.perform(get("/v3/api-docs").with(httpBasic(TestUsers.OPS, TestUsers.OPS_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    @ParameterizedTest
    @CsvSource({
        "/api/simulate, trials=200&seed=2",
        "/api/plan, confidence=0.8&trials=100&sweep-threshold=0.1,0.2&sweep-sla-hours=4",
        "/api/levers, trials=100",
        "/api/backtest, period-days=90"})
    void answersWhatTheirResponseSchemaSays(String path, String query) throws Exception {
        JsonNode schema = doc.get("paths").get(path).get("get").get("responses").get("200").get("content")
                .get("application/json").get("schema");
        assertThat(schema).as(path + " has a response schema").isNotNull();
        JsonNode answer = json.readTree(WhatIfAnswers.perform(mvc, get(path + "?" + query)
                        .with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString().strip());

        List<String> differences = new ArrayList<>();
        compare("$", answer, schema, differences);

        assertThat(differences).as(path).isEmpty();
        JsonNode element = answer.isArray() ? answer.get(0) : answer;
        JsonNode described = resolve(answer.isArray() ? resolve(schema).get("items") : schema);
        assertThat(new TreeSet<>(described.get("properties").propertyNames()))
                .as(path + ": the top-level keys").isEqualTo(new TreeSet<>(element.propertyNames()));
    }

    @Test
    void theSimulationSchemaNamesTheNestedAssumptions() {
        JsonNode simulation = doc.get("components").get("schemas").get("SimulationJson").get("properties");
        assertThat(simulation.propertyNames()).contains("p_attain", "sla_breach_rate", "assumptions");
        JsonNode assumptions = resolve(simulation.get("assumptions")).get("properties");
        // the calibration's members sit directly in "assumptions", as in the document
        assertThat(assumptions.propertyNames()).contains("scenario", "stage_rates", "deal_size", "paths", "model")
                .doesNotContain("calibration");
        JsonNode rate = resolve(resolve(assumptions.get("stage_rates")).get("properties").get("mql_to_sal"));
        assertThat(rate.get("properties").propertyNames()).contains("mean", "beta_alpha", "source", "count", "note");
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            return resolve(doc.get("components").get("schemas").get(name));
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combined) && schema.get(combined).size() == 1) {
                return resolve(schema.get(combined).get(0));
            }
        }
        return schema;
    }

    private void compare(String at, JsonNode value, JsonNode schema, List<String> differences) {
        JsonNode s = resolve(schema);
        if (value.isNull()) {
            return;
        }
        if (s.has("properties")) {
            if (!value.isObject()) {
                differences.add(at + ": an object in the schema, " + value.getNodeType() + " in the answer");
                return;
            }
            Set<String> documented = new TreeSet<>(s.get("properties").propertyNames());
            Set<String> answered = new TreeSet<>(value.propertyNames());
            for (String key : answered) {
                if (!documented.contains(key)) {
                    differences.add(at + "." + key + ": answered but not in the schema");
                } else {
                    compare(at + "." + key, value.get(key), s.get("properties").get(key), differences);
                }
            }
            for (String key : documented) {
                if (!answered.contains(key) && !CONDITIONAL.contains(key)) {
                    differences.add(at + "." + key + ": in the schema but not answered");
                }
            }
        } else if (s.has("items")) {
            if (!value.isArray()) {
                differences.add(at + ": an array in the schema, " + value.getNodeType() + " in the answer");
                return;
            }
            for (JsonNode element : value) {
                compare(at + "[]", element, s.get("items"), differences);
            }
        } else if (s.has("type")) {
            String type = s.get("type").asString();
            boolean fits = switch (type) {
                case "number" -> value.isNumber();
                case "integer" -> value.isIntegralNumber();
                case "string" -> value.isString();
                case "boolean" -> value.isBoolean();
                default -> true;
            };
            if (!fits) {
                differences.add(at + ": " + type + " in the schema, " + value + " in the answer");
            }
        }
    }
}

package io.leadscore.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every JSON answer of the API is described on the OpenAPI page by its shape:
 * a schema with named properties (or a list of them), never a bare object
 * or string that says nothing of the keys.
 */
@ConsoleTest
class ApiSchemasTest {
    /** The signed body of a webhook delivery: the event byte for byte as it was sent (events.md), not a view. */
    private static final Set<String> RAW = Set.of("GET /api/webhooks/deliveries/{id}/body");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void everyJsonAnswerHasASchemaWithItsKeys() throws Exception {
        JsonNode doc = json.readTree(mvc.perform(get("/v3/api-docs").with(httpBasic(TestUsers.OPS, TestUsers.OPS_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> undescribed = new ArrayList<>();
        int described = 0;
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                if (!path.getKey().startsWith("/api/") || RAW.contains(name)) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> response : operation.getValue().get("responses").properties()) {
                    JsonNode content = response.getValue().get("content");
                    if (!response.getKey().startsWith("2") || content == null || !content.has("application/json")) {
                        continue;
                    }
                    JsonNode schema = content.get("application/json").get("schema");
                    if (schema != null && schema.has("items")) {
                        schema = schema.get("items");
                    }
                    if (schema != null && schema.has("$ref")) {
                        schema = schemas.get(schema.get("$ref").asString().substring("#/components/schemas/".length()));
                    }
                    if (schema == null || !schema.has("properties")) {
                        undescribed.add(name + " " + response.getKey() + ": " + schema);
                    } else {
                        described++;
                    }
                }
            }
        }
        assertThat(undescribed).isEmpty();
        assertThat(described).as("answers described").isGreaterThan(20);
    }
}

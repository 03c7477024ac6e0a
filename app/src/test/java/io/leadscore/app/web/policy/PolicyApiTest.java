package io.leadscore.app.web.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoredPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/policy}: read by everyone; changed by an admin as a new version with who, when and why. */
@ConsoleTest
class PolicyApiTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    PolicyStore store;

    private static MockHttpServletRequestBuilder change(String body, String user) {
        return post("/api/policy").with(httpBasic(user, TestUsers.password(user))).contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    @Test
    void anAdminsChangeIsANewVersionWithTheAuditRecordAndTheOthersValuesKept() throws Exception {
        StoredPolicy before = store.latest();
        double sla = before.policy().slaHours() + 2;

        JsonNode written = json.readTree(mvc.perform(change("{\"sla_hours\": " + sla + ", \"note\": \"reps asked for a"
                        + " longer first-response window\"}", TestUsers.ADMIN))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());

        StoredPolicy after = store.latest();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.policy()).isEqualTo(before.policy().withSlaHours(sla));
        assertThat(after.createdBy()).isEqualTo("web:" + TestUsers.ADMIN);
        assertThat(after.note()).isEqualTo("reps asked for a longer first-response window");
        assertThat(written.get("version").asInt()).isEqualTo(after.version());
        JsonNode versions = json.readTree(mvc.perform(get("/api/policy/versions")
                .with(httpBasic(TestUsers.OPS, TestUsers.OPS_PASSWORD))).andReturn().getResponse().getContentAsString());
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(after.version());
        assertThat(versions.get(versions.size() - 1).get("version").asInt()).isEqualTo(1);

        // and back, as a further version: the history keeps both changes
        mvc.perform(change("{\"sla_hours\": " + before.policy().slaHours() + ", \"note\": \"back to the agreed SLA\"}",
                TestUsers.ADMIN)).andExpect(status().isCreated());
        assertThat(store.latest().policy()).isEqualTo(before.policy());
        assertThat(store.latest().version()).isEqualTo(before.version() + 2);
    }

    @Test
    void onlyAnAdminChangesIt() throws Exception {
        int version = store.latest().version();
        for (String user : new String[] {TestUsers.OPS, TestUsers.LEADERSHIP, TestUsers.DATA}) {
            mvc.perform(change("{\"sla_hours\": 48, \"note\": \"faster\"}", user)).andExpect(status().isForbidden());
        }
        assertThat(store.latest().version()).isEqualTo(version);
    }

    @Test
    void refusesAChangeWithoutANoteWithInvalidValuesOrWithoutAChange() throws Exception {
        int version = store.latest().version();
        mvc.perform(change("{\"sla_hours\": 48}", TestUsers.ADMIN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("note")));
        mvc.perform(change("{\"mql_threshold\": 1.5, \"note\": \"x\"}", TestUsers.ADMIN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("MQL threshold")));
        mvc.perform(change("{\"note\": \"nothing\"}", TestUsers.ADMIN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Nothing changes")));
        // a key it does not take is named, not ignored (the change it meant would not be made)
        mvc.perform(change("{\"slaHours\": 13, \"note\": \"x\"}", TestUsers.ADMIN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("slaHours")));
        // a fraction of a whole number of days is refused, not cut to 2
        mvc.perform(change("{\"recycle_after_days\": 2.5, \"note\": \"x\"}", TestUsers.ADMIN))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("the body is not the JSON this endpoint takes: a whole number was"
                        + " expected for recycle_after_days, not 2.5 (line 1, column 24)"));
        assertThat(store.latest().version()).isEqualTo(version);
    }
}

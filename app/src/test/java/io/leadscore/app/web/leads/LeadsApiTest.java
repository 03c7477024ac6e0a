package io.leadscore.app.web.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/leads}: search, and a lead's score history, stage history and reasons; e-mail only where allowed. */
@ConsoleTest
class LeadsApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.security.core.userdetails.UserDetailsService users;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LeadQueries leads;

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** A lead that became an MQL by its score in the seeded rescoring run, with its e-mail. */
    private String mqlLead() {
        return jdbc.queryForObject("SELECT l.lead_key FROM lead l JOIN stage_transition t ON t.lead_id = l.id"
                + " WHERE t.to_stage = 'MQL' AND t.actor LIKE 'rescore%' AND l.email IS NOT NULL"
                + " ORDER BY l.id FETCH FIRST 1 ROWS ONLY", String.class);
    }

    @Test
    void findsLeadsByPartOfTheirIdHighestScoreFirst() throws Exception {
        String key = mqlLead();
        JsonNode hits = read("/api/leads?q=" + key.substring(0, key.length() - 1) + "&limit=20");

        assertThat(hits.size()).isPositive();
        assertThat(hits.valueStream().map(h -> h.get("lead_id").asString())).allMatch(id -> id.contains(
                key.substring(0, key.length() - 1))).contains(key);
        List<Double> scores = hits.valueStream().filter(h -> h.hasNonNull("score")).map(h -> h.get("score").asDouble()).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(hits.get(0).has("email")).isTrue();
    }

    @Test
    void takesTheSearchTextLiterally() throws Exception {
        // % and _ are not wildcards: no lead id, company or e-mail holds a %, and every hit for _ holds one
        assertThat(read("/api/leads?q=%25").size()).isZero();
        JsonNode underscores = read("/api/leads?q=_&limit=500");
        assertThat(underscores.size()).isLessThan(500);
        assertThat(underscores.valueStream()).allMatch(h -> (h.get("lead_id").asString() + h.path("company").asString("")
                + h.path("email").asString("")).contains("_"));
    }

    @Test
    void filtersByStage() throws Exception {
        JsonNode mqls = read("/api/leads?stage=mql&limit=500");
        assertThat(mqls.size()).isPositive();
        assertThat(mqls.valueStream().map(h -> h.get("stage").asString())).containsOnly("MQL");
        mvc.perform(get("/api/leads?stage=hot").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void showsALeadsScoreHistoryStageHistoryAndReasons() throws Exception {
        String key = mqlLead();
        JsonNode lead = read("/api/leads/" + key);

        assertThat(lead.get("lead").get("lead_id").asString()).isEqualTo(key);
        assertThat(lead.get("lead").get("email").asString()).contains("@");
        assertThat(lead.get("score_history").size()).isPositive();
        assertThat(lead.get("score_history").get(0).get("mql_threshold").asDouble()).isPositive();
        assertThat(lead.get("stage_history").valueStream().map(m -> m.get("to").asString())).contains("MQL");
        assertThat(lead.get("score").get("mql_reasons").asString()).isNotBlank();
        JsonNode live = lead.get("live_reasons");
        assertThat(live.get("model_version").asString()).isNotBlank();
        assertThat(live.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(live.get("raising").size() + live.get("lowering").size()).isPositive();
        assertThat(live.get("raising").valueStream().map(r -> r.get("contribution").asDouble())).allMatch(c -> c > 0);
        // the contributions add up, in the model's raw units, to the raw score the calibrated score comes from
        assertThat(live.get("expected_value").asDouble() + live.get("fit").asDouble() + live.get("engagement").asDouble())
                .isCloseTo(live.get("raw_score").asDouble(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aWonLeadHasNoLiveReasonsForAScoreItNoLongerHas() throws Exception {
        String won = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead WHERE stage = 'WON'", String.class);

        JsonNode lead = read("/api/leads/" + won);

        assertThat(lead.get("lead").get("stage").asString()).isEqualTo("WON");
        assertThat(lead.get("live_reasons") == null || lead.get("live_reasons").isNull()).isTrue();
        String page = mvc.perform(get("/leads/{id}", won).with(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .user(users.loadUserByUsername(TestUsers.DATA))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("The lead is closed: its deal decided it, and it is no longer scored.")
                .doesNotContain("There is no champion model");
        // a lead with an open deal is outside the score's claim (a won deal from a lead that has none yet)
        String open = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead WHERE stage = 'OPPORTUNITY'", String.class);
        JsonNode withDeal = read("/api/leads/" + open);
        assertThat(withDeal.get("live_reasons") == null || withDeal.get("live_reasons").isNull()).isTrue();
        assertThat(mvc.perform(get("/leads/{id}", open).with(
                        org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .user(users.loadUserByUsername(TestUsers.DATA))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("The lead has an open deal").doesNotContain("There is no champion model");
    }

    @Test
    void leavesOutEmailAddressesForRolesThatMayNotSeeThem() {
        String key = mqlLead();
        assertThat(leads.search(key, null, 5, false)).allMatch(r -> r.email() == null);
        assertThat(leads.detail(key, false, false).lead().email()).isNull();
        assertThat(leads.detail(key, true, false).lead().email()).contains("@");
    }

    @Test
    void anUnknownLeadIsNotFound() throws Exception {
        mvc.perform(get("/api/leads/NO-SUCH-LEAD").with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isNotFound());
    }
}

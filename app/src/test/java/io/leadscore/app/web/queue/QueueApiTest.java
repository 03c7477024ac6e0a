package io.leadscore.app.web.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.batch.liveevents.LiveEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rep answers MQLs over {@code POST /api/leads/{id}/followups}: accepted makes the MQL a SAL, rejected returns
 * it to nurture with the reason, both recorded as follow-ups the funnel counts; unknown lead 404, unknown outcome
 * 400, a lead with a deal 409; an admin creates a sales rep's account.
 */
@ConsoleTest
class QueueApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LiveEvents live;
    @Autowired
    UserDetailsService users;

    @AfterEach
    void removeFreshMqls() {
        FreshMqls.remove(jdbc, "QA");
    }

    ResultActions answer(String leadId, String body) throws Exception {
        return mvc.perform(post("/api/leads/{id}/followups", leadId)
                .with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    List<String> queued() throws Exception {
        JsonNode queue = json.readTree(mvc.perform(get("/api/queue?limit=500")
                        .with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        return queue.valueStream().map(e -> e.get("lead_id").asString()).toList();
    }

    /** The lead's e-mail address as a reader with these credentials gets it from the API, or null. */
    String emailSeenBy(String leadId, String user, String password) throws Exception {
        JsonNode detail = json.readTree(mvc.perform(get("/api/leads/{id}", leadId).with(httpBasic(user, password)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode email = detail.get("lead").get("email");
        return email == null || email.isNull() ? null : email.asString();
    }

    @Test
    void salesSeesTheEmailOfALeadWhileItWaitsInItsQueue() throws Exception {
        String lead = FreshMqls.create(live, "QA", 1).get(0);
        // waiting for a first follow-up: the rep who calls it needs the address, on the API and the lead's page
        assertThat(emailSeenBy(lead, TestUsers.SALES, TestUsers.SALES_PASSWORD)).isEqualTo("rep1@fresh.example");
        assertThat(mvc.perform(get("/leads/{id}", lead).with(user(users.loadUserByUsername(TestUsers.SALES))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("id=\"email\"", "rep1@fresh.example");
        answer(lead, "{\"outcome\": \"accepted\"}").andExpect(status().isOk());
        // answered, out of the queue: personal data again for data and admin only
        assertThat(emailSeenBy(lead, TestUsers.SALES, TestUsers.SALES_PASSWORD)).isNull();
        assertThat(mvc.perform(get("/leads/{id}", lead).with(user(users.loadUserByUsername(TestUsers.SALES))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .doesNotContain("rep1@fresh.example");
        assertThat(emailSeenBy(lead, TestUsers.DATA, TestUsers.DATA_PASSWORD)).isEqualTo("rep1@fresh.example");
        // the lead search stays closed to sales
        mvc.perform(get("/leads").with(user(users.loadUserByUsername(TestUsers.SALES))))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAnswerMovesTheMqlAndIsAFollowUpLikeAnImportedOne() throws Exception {
        List<String> fresh = FreshMqls.create(live, "QA", 2);
        assertThat(queued()).containsAll(fresh);
        String first = fresh.get(0);
        JsonNode accepted = json.readTree(answer(first, "{\"outcome\": \"accepted\", \"channel\": \"call\"}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(accepted.get("stage").asString()).isEqualTo("SAL");
        String second = fresh.get(1);
        JsonNode rejected = json.readTree(answer(second, "{\"outcome\": \"rejected\", \"reason\": \"bad_fit\"}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(rejected.get("stage").asString()).isEqualTo("NURTURE");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM followup f JOIN lead l ON l.id = f.lead_id"
                + " WHERE l.lead_key = ? AND f.rep = ? AND f.outcome = 'ACCEPTED' AND f.channel = 'CALL'", Long.class,
                first, TestUsers.SALES)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT reason FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                + " WHERE l.lead_key = ? ORDER BY t.id DESC FETCH FIRST 1 ROWS ONLY", String.class, second))
                .isEqualTo("rejected by sales: bad_fit");
        assertThat(queued()).doesNotContain(first, second);
    }

    @Test
    void anMqlPastItsDueTimeIsOverdueOnItsPageAsInTheQueueBeforeAnySlaCheckRecordsIt() throws Exception {
        String lead = FreshMqls.create(live, "QA", 1).get(0);
        assertThat(slaStateOf(lead)).isEqualTo("OPEN");
        // two days have passed since it became an MQL (the SLA is a day), and no SLA check has run since
        jdbc.update("UPDATE lead SET mql_at = ? WHERE lead_key = ?",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(2), lead);

        assertThat(slaStateOf(lead)).isEqualTo("OVERDUE");
        JsonNode overdue = json.readTree(mvc.perform(get("/api/queue?overdue=true&limit=500")
                        .with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(overdue.valueStream().map(e -> e.get("lead_id").asString())).contains(lead);
        assertThat(jdbc.queryForObject("SELECT sla_state FROM lead WHERE lead_key = ?", String.class, lead))
                .isEqualTo("OPEN");
    }

    private String slaStateOf(String lead) throws Exception {
        return json.readTree(mvc.perform(get("/api/leads/{id}", lead).with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .get("lead").get("sla_state").asString();
    }

    @Test
    void theSameAnswerSentAgainIsOneFollowUpAndAnotherAnswerIsASecond() throws Exception {
        String lead = FreshMqls.create(live, "QA", 1).get(0);
        String accept = "{\"outcome\": \"accepted\", \"channel\": \"call\"}";

        String first = answer(lead, accept).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // the client never saw the reply and sends it again; a button clicked twice
        String again = answer(lead, accept).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        answer(lead, accept).andExpect(status().isOk());

        assertThat(json.readTree(again).get("stage")).isEqualTo(json.readTree(first).get("stage"));
        assertThat(followUpsOf(lead)).isEqualTo(1);
        // another answer is another follow-up
        answer(lead, "{\"outcome\": \"meeting_booked\", \"channel\": \"call\"}").andExpect(status().isOk());
        assertThat(followUpsOf(lead)).isEqualTo(2);
    }

    @Test
    void anAnswerWithAFieldItDoesNotTakeIsRefusedNamingIt() throws Exception {
        String lead = FreshMqls.create(live, "QA", 1).get(0);

        String refused = answer(lead, "{\"outcome\": \"rejected\", \"occurred_at\": \"2026-01-01T00:00:00Z\"}")
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(json.readTree(refused).get("detail").asString())
                .startsWith("unknown field 'occurred_at': an answer takes outcome, reason, channel");
        assertThat(followUpsOf(lead)).isZero();
        assertThat(queued()).contains(lead);
    }

    private long followUpsOf(String lead) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM followup f JOIN lead l ON l.id = f.lead_id WHERE l.lead_key = ?",
                Long.class, lead);
    }

    @Test
    void answersTheContractsErrors() throws Exception {
        answer("no-such-lead", "{\"outcome\": \"accepted\"}").andExpect(status().isNotFound());
        String fresh = FreshMqls.create(live, "QA", 1).get(0);
        answer(fresh, "{\"outcome\": \"maybe\"}").andExpect(status().isBadRequest());
        answer(fresh, "not json").andExpect(status().isBadRequest());
        // a body of the wrong shape is told in JSON's terms, not in the Java types it would be read into
        String list = answer(fresh, "[]").andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(json.readTree(list).get("detail").asString())
                .startsWith("the body is not the JSON this endpoint takes: a JSON object was expected, not an array")
                .doesNotContain("java.", "deserialize");
        // a key given twice is refused, naming it (read leniently the last would win and accept the lead)
        String twice = answer(fresh, "{\"outcome\": \"no_answer\", \"outcome\": \"accepted\"}")
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(twice).contains("outcome").contains("Duplicate");
        String surrogate = answer(fresh, "{\"outcome\": \"no_answer\", \"bad\\ud800key\": 1}")
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(surrogate).contains("surrogate");
        // one that ends the name is found by the parser: what is wrong is said, not the parser's words
        String ending = answer(fresh, "{\"outcome\": \"no_answer\", \"\\ud800\": 1}")
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(ending).contains("a field name holds an unpaired surrogate (half of a character), which no text"
                + " may hold (line 1").doesNotContain("Broken");
        assertThat(queued()).contains(fresh);
        String withDeal = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead WHERE stage = 'OPPORTUNITY'", String.class);
        answer(withDeal, "{\"outcome\": \"accepted\"}").andExpect(status().isConflict());
        mvc.perform(post("/api/leads/{id}/followups", withDeal).with(httpBasic(TestUsers.DATA, TestUsers.DATA_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"outcome\": \"accepted\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void onlyOverdueMqlsWhenAskedAndALimitInRange() throws Exception {
        JsonNode overdue = json.readTree(mvc.perform(get("/api/queue?overdue=true&limit=500")
                        .with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(overdue.valueStream().map(e -> Instant.parse(e.get("due_at").asString())))
                .allMatch(due -> due.isBefore(Instant.now()));
        mvc.perform(get("/api/queue?limit=0").with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest());
        // a larger limit than one answer holds gives the soonest due, as many as it holds
        JsonNode all = json.readTree(mvc.perform(get("/api/queue?limit=100000")
                        .with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode most = json.readTree(mvc.perform(get("/api/queue?limit=500")
                        .with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(all).isEqualTo(most);
        // however large: a number past any int still asks for the most one answer holds
        JsonNode huge = json.readTree(mvc.perform(get("/api/queue?limit=99999999999999999999")
                        .with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(huge).isEqualTo(most);
        assertThat(mvc.perform(get("/api/queue").param("limit", "-99999999999999999999")
                        .with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString())
                .contains("limit -99999999999999999999 is out of range");
        for (String bad : new String[] {"ten", "１２", "1.5"}) {
            mvc.perform(get("/api/queue").param("limit", bad).with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)))
                    .andExpect(status().isBadRequest());
        }
    }
}

package io.leadscore.app.web.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/events} as a CRM calls it: a demo request makes a new lead an MQL in the sales queue at once;
 * hostile bodies get a clear 400 or 413 and store nothing; bad items are refused one by one; only ingest (and
 * admin) may post, and ingest may read nothing.
 */
@ConsoleTest
class EventsApiTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    /** The shared console store is left as it was found: the leads these tests made are removed. */
    @org.junit.jupiter.api.AfterEach
    void removeTheirLeads() {
        io.leadscore.app.web.queue.FreshMqls.remove(jdbc, "EV");
    }

    ResultActions post(String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.INGEST_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8)));
    }

    JsonNode ok(String body) throws Exception {
        return json.readTree(post(body).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    String problem(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString()).get("detail").asString();
    }

    long leads() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class);
    }

    @Test
    void aDemoRequestForANewLeadIsAnMqlInTheSalesQueueAtOnce() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonNode answer = ok("""
                {"leads": [{"lead_id": "EV-1", "created_at": "%s", "email": "a@b.example", "company": "Acme",
                            "industry": "software", "employees": 120, "seniority": "vp", "source": "webinar"}],
                 "activities": [{"lead_id": "EV-1", "occurred_at": "%s", "type": "demo_request"}]}
                """.formatted(now.minusSeconds(60), now.minusSeconds(5)));

        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.get("unchanged").asInt()).isZero();
        assertThat(answer.get("rejected").size()).isZero();
        JsonNode lead = answer.get("leads").get(0);
        assertThat(lead.get("lead_id").asString()).isEqualTo("EV-1");
        assertThat(lead.get("stage").asString()).isEqualTo("MQL");
        // an MQL when the request was taken, not at the activity's own time five seconds before
        assertThat(Instant.parse(lead.get("mql_at").asString())).isAfterOrEqualTo(now).isBeforeOrEqualTo(Instant.now());
        assertThat(Instant.parse(lead.get("due_at").asString())).isAfter(now);
        assertThat(lead.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(lead.get("grade").asString()).isNotEmpty();
        assertThat(lead.get("reasons").size()).isPositive();

        JsonNode queue = json.readTree(mvc.perform(get("/api/queue?limit=500")
                        .with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        JsonNode entry = queue.valueStream().filter(e -> e.get("lead_id").asString().equals("EV-1")).findFirst().orElseThrow();
        assertThat(entry.get("email").asString()).isEqualTo("a@b.example");
        assertThat(entry.get("reasons").get(0).asString()).startsWith("fast-track: demo request");
        // the answer gives an MQL's reasons as the queue does: the rule that made it one first
        assertThat(lead.get("reasons").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(entry.get("reasons").valueStream().map(JsonNode::asString).toList());
        assertThat(entry.get("company").asString()).isEqualTo("Acme");
        assertThat(queue.valueStream().map(e -> Instant.parse(e.get("due_at").asString())).toList())
                .isSortedAccordingTo(Instant::compareTo);

        // sent again: nothing changes
        JsonNode again = ok("""
                {"leads": [{"lead_id": "EV-1", "created_at": "%s", "email": "a@b.example", "company": "Acme",
                            "industry": "software", "employees": "120", "seniority": "vp", "source": "webinar"}],
                 "activities": [{"lead_id": "EV-1", "occurred_at": "%s", "type": "demo_request"}]}
                """.formatted(now.minusSeconds(60), now.minusSeconds(5)));
        assertThat(again.get("accepted").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(2);

        // sent again with fewer fields: the lead's values are the item's, and the answer counts it as updated
        JsonNode changed = ok("""
                {"leads": [{"lead_id": "EV-1", "created_at": "%s", "company": "Acme"}]}
                """.formatted(now.minusSeconds(60)));
        assertThat(changed.get("accepted").asInt()).isEqualTo(1);
        assertThat(changed.get("updated").asInt()).isEqualTo(1);
    }

    @Test
    void numbersAreReadAsTheImportReadsThemAndReasonsQuoteLongValuesShort() throws Exception {
        String longValue = "9".repeat(5_000);
        JsonNode answer = ok("""
                {"leads": [{"lead_id": "EV-R1", "created_at": "2026-11-01T10:00:00Z", "employees": 99999999999999999999},
                           {"lead_id": "EV-R2", "created_at": "2026-11-01T10:00:00Z", "annual_revenue": "１２３.５"},
                           {"lead_id": "EV-R3", "created_at": "2026-11-01T10:00:00Z", "employees": "%s"},
                           {"lead_id": "EV-R4", "created_at": "2026-11-01T10:00:00Z", "employees": "-0"},
                           {"lead_id": ["EV-R5"], "created_at": "2026-11-01T10:00:00Z"},
                           {"lead_id": "EV-R6", "created_at": "2026-11-01T10:00:00Z", "employees": "0000000000000000000042"},
                           {"lead_id": "EV-R7", "created_at": "2026-11-01T10:00:00Z", "annual_revenue": "1E+2147483647"}]}
                """.formatted(longValue));
        List<String> reasons = answer.get("rejected").valueStream().map(r -> r.get("index").asInt() + ": "
                + r.get("reason").asString()).toList();
        assertThat(reasons).hasSize(5);
        assertThat(reasons.get(0)).startsWith("0: '99999999999999999999' is too large");
        assertThat(reasons.get(1)).startsWith("1: '１２３.５' is not a number");
        assertThat(reasons.get(2)).startsWith("2: '9999").contains("(5000 characters) is too large").hasSizeLessThan(200);
        // one flaw, one reason: a list where the id goes is not also "missing"
        assertThat(reasons.get(3)).startsWith("4: the value is a list");
        // leading zeros are not size; an exponent past any int is too large, not a failure of the store
        assertThat(reasons.get(4)).startsWith("6: '1E+2147483647' is too large");
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT employees FROM lead WHERE lead_key = 'EV-R6'", Long.class)).isEqualTo(42);
        // the answer lists the leads in the request's order, whatever order they were written in
        JsonNode ordered = ok("""
                {"leads": [{"lead_id": "EV-ZZ", "created_at": "2026-11-01T10:00:00Z"},
                           {"lead_id": "EV-AA", "created_at": "2026-11-01T10:00:00Z"}]}
                """);
        assertThat(ordered.get("leads").valueStream().map(l -> l.get("lead_id").asString())).containsExactly("EV-ZZ", "EV-AA");
        assertThat(jdbc.queryForObject("SELECT employees FROM lead WHERE lead_key = 'EV-R4'", Long.class)).isZero();
        // a whole number written as a decimal (a client's float) is that number; a fraction is not a head count
        JsonNode floats = ok("""
                {"leads": [{"lead_id": "EV-W1", "created_at": "2026-11-01T10:00:00Z", "employees": 12.0},
                           {"lead_id": "EV-W2", "created_at": "2026-11-01T10:00:00Z", "employees": 1e3},
                           {"lead_id": "EV-W3", "created_at": "2026-11-01T10:00:00Z", "employees": 12.5}]}
                """);
        assertThat(floats.get("rejected").valueStream().map(r -> r.get("index").asInt() + ": " + r.get("reason").asString()))
                .containsExactly("2: '12.5' is not a whole number, expected an integer >= 0");
        assertThat(jdbc.queryForList("SELECT employees FROM lead WHERE lead_key IN ('EV-W1', 'EV-W2') ORDER BY lead_key",
                Long.class)).containsExactly(12L, 1000L);
    }

    @Test
    void refusesBadItemsOneByOneWithKindIndexFieldAndReasonAndKeepsTheGoodOnes() throws Exception {
        JsonNode answer = ok("""
                {"leads": [{"lead_id": "EV-2", "created_at": "2026-11-01T10:00:00Z", "employees": true},
                           {"lead_id": "EV-3", "created_at": "2026-11-01T10:00:00Z", "employees": -4},
                           {"lead_id": "EV-4", "created_at": "2026-11-01T10:00:00Z", "annual_revenue": 1e400000},
                           {"lead_id": "EV-5", "created_at": "2026-11-01T10:00:00Z", "extra": {"a": 1}},
                           "not an object",
                           {"lead_id": "EV-6", "created_at": "2026-11-01T10:00:00Z", "employees": 7, "team": "blue"}],
                 "activities": [{"lead_id": "nobody-here", "occurred_at": "2026-11-01T10:00:00Z", "type": "page_view"},
                                {"lead_id": "EV-6", "occurred_at": 5, "type": "page_view"},
                                {"lead_id": "EV-6", "occurred_at": "2026-11-01T10:01:00Z", "type": "moonwalk"}],
                 "followups": [{"lead_id": "EV-6", "occurred_at": "2026-11-01T10:02:00Z", "outcome": "maybe"}],
                 "deals": []}
                """);
        assertThat(answer.get("rejected").valueStream().map(r -> r.get("kind").asString() + "[" + r.get("index").asInt()
                + "]." + (r.get("field").isNull() ? "-" : r.get("field").asString())).toList())
                .containsExactly("leads[0].employees", "leads[1].employees", "leads[2].annual_revenue",
                        "leads[3].extra", "leads[4].-", "activities[0].lead_id", "activities[1].occurred_at",
                        "activities[2].type", "followups[0].outcome");
        assertThat(answer.get("rejected").get(0).get("reason").asString())
                .isEqualTo("the value is a boolean (true), expected a string or a number");
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT custom_attributes FROM lead WHERE lead_key = 'EV-6'", String.class))
                .contains("team").contains("blue");
    }

    @Test
    void refusesEventsFromTheFutureAndNamesTheFieldsItIgnores() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        String soon = now.plus(java.time.Duration.ofMinutes(2)).toString();
        String skewed = now.plus(java.time.Duration.ofHours(2)).toString().replace("Z", "");
        JsonNode answer = ok("""
                {"leads": [{"lead_id": "EV-F1", "created_at": "%s"},
                           {"lead_id": "EV-F2", "created_at": "%s"},
                           {"lead_id": "EV-F3", "created_at": "2026-11-01T10:00:00Z"}],
                 "activities": [{"lead_id": "EV-F3", "occurred_at": "2150-01-01", "type": "demo_request"},
                                {"lead_id": "EV-F3", "occurred_at": "2026-11-01T10:05:00Z", "type": "page_view",
                                 "colour": "red", "occured_at": "2026-11-01"}],
                 "followups": [{"lead_id": "EV-F3", "occurred_at": "2199-01-01T00:00:00Z", "outcome": "rejected",
                                "reason": "not_ready", "chanel": "call"}]}
                """.formatted(skewed, soon));
        // a lead dated two hours ahead (a local time sent without its offset) would start its SLA clock in the
        // future; a follow-up from 2199 would reject an MQL now, dated then; a sender's clock a little ahead passes
        assertThat(answer.get("rejected").valueStream().map(r -> r.get("kind").asString() + "[" + r.get("index").asInt()
                + "]." + r.get("field").asString()).toList())
                .containsExactly("leads[0].created_at", "activities[0].occurred_at", "followups[0].occurred_at");
        assertThat(answer.get("rejected").get(0).get("reason").asString())
                .contains("lies after the moment this request was taken", "by more than 5 minutes", "offset");
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE lead_key IN ('EV-F1', 'EV-F2', 'EV-F3')",
                Long.class)).isEqualTo(2);
        // the other kinds' extra fields are ignored, as an import ignores a file's extra columns, and named
        assertThat(answer.get("ignored_fields").get("activities").valueStream().map(JsonNode::asString).toList())
                .containsExactly("colour", "occured_at");
        assertThat(answer.get("ignored_fields").get("followups").valueStream().map(JsonNode::asString).toList())
                .containsExactly("chanel");
        assertThat(ok("{\"leads\": [{\"lead_id\": \"EV-F4\", \"created_at\": \"2026-11-01\"}]}").has("ignored_fields"))
                .isFalse();
    }

    /** A lead's custom attributes are a CRM's fields: an item is no place to store thousands, or pages of names. */
    @Test
    void refusesAnItemOfTooManyFieldsOrAFieldNameTooLongAndKeepsItsNeighbours() throws Exception {
        StringBuilder many = new StringBuilder("{\"lead_id\": \"EV-M1\", \"created_at\": \"2026-11-01T10:00:00Z\"");
        for (int i = 0; i < 600; i++) {
            many.append(", \"attr_").append(i).append("\": ").append(i);
        }
        many.append('}');
        String longName = "k".repeat(201);

        JsonNode answer = ok("{\"leads\": [" + many + ", {\"lead_id\": \"EV-M2\", \"created_at\": \"2026-11-01T10:00:00Z\", \""
                + longName + "\": 1}, {\"lead_id\": \"EV-M3\", \"created_at\": \"2026-11-01T10:00:00Z\", \""
                + "k".repeat(200) + "\": 1}]}");

        assertThat(answer.get("rejected").valueStream().map(r -> r.get("index").asInt() + ": " + r.get("reason").asString())
                .toList()).containsExactly("0: the item has 602 fields, at most 500 are taken (the contract's and a"
                        + " lead's custom attributes)", "1: a field name of 201 characters, at most 200 allowed");
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE lead_key LIKE 'EV-M%'", Long.class)).isOne();
    }

    @Test
    void refusesTextNoStoreKeepsItemByItemAndKeepsTheGoodOnes() throws Exception {
        // no field of the store may hold U+0000 (PostgreSQL's text cannot) or a lone surrogate (stored as '?'): such
        // an item is refused, its neighbours kept
        JsonNode answer = ok("""
                {"leads": [{"lead_id": "EV-N\\u00001", "created_at": "2026-11-01T10:00:00Z"},
                           {"lead_id": "EV-N2", "created_at": "2026-11-01T10:00:00Z", "company": "Ac\\u0000me"},
                           {"lead_id": "EV-N3", "created_at": "2026-11-01T10:00:00Z", "te\\u0000am": "blue"},
                           {"lead_id": "EV-N\\ud8005", "created_at": "2026-11-01T10:00:00Z"},
                           {"lead_id": "EV-N4", "created_at": "2026-11-01T10:00:00Z", "company": "Acme"},
                           {"lead_id": "EV-N6", "created_at": "2026-11-01T10:00:00Z", "te\\ud800am": "blue"},
                           {"lead_id": "EV-N7", "created_at": "2026-11-01T10:00:00Z", "te\\udc00am": "blue"}],
                 "activities": [{"lead_id": "EV-N4", "occurred_at": "2026-11-01T10:01:00Z", "type": "page_view",
                                 "detail": "/pricing\\u0000"},
                                {"lead_id": "EV-N4", "occurred_at": "2026-11-01T10:02:00Z", "type": "page_view"}]}
                """);
        assertThat(answer.get("rejected").valueStream().map(r -> r.get("kind").asString() + "[" + r.get("index").asInt()
                + "]." + (r.get("field").isNull() ? "-" : r.get("field").asString())).toList())
                .contains("leads[0].lead_id", "leads[1].company", "leads[2].-", "leads[3].lead_id", "activities[0].detail",
                        "leads[5].-", "leads[6].-");
        assertThat(answer.get("rejected").valueStream().map(r -> r.get("reason").asString()))
                .anyMatch(reason -> reason.contains("NUL character (U+0000)"))
                .anyMatch(reason -> reason.contains("an unpaired surrogate (U+D800, half of a character)"));
        assertThat(answer.get("accepted").asInt()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE lead_key LIKE 'EV-N%'", Long.class)).isOne();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity a JOIN lead l ON l.id = a.lead_id"
                + " WHERE l.lead_key = 'EV-N4'", Long.class)).isOne();
    }

    @Test
    void answersHostileBodiesWith400Or413AndStoresNothing() throws Exception {
        long before = leads();
        // bytes that are not UTF-8 are a 400 naming it, never text decoded with stand-ins
        byte[] latin1 = "{\"leads\": [{\"lead_id\": \"EV-\u00e9\", \"created_at\": \"2026-11-01T10:00:00Z\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(problem(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.INGEST_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).content(latin1)).andExpect(status().isBadRequest())))
                .startsWith("the body is not UTF-8 text");
        assertThat(problem(post("{\"leads\": [").andExpect(status().isBadRequest()))).startsWith("the body is not JSON")
                .doesNotContain("Source", "StreamReadFeature", "REDACTED").endsWith("(line 1, column 12)");
        assertThat(problem(post("[1, 2]").andExpect(status().isBadRequest()))).contains("must be a JSON object");
        assertThat(problem(post("{}").andExpect(status().isBadRequest()))).contains("none of the arrays");
        assertThat(problem(post("{\"lead\": [{\"lead_id\": \"EV-9\"}]}").andExpect(status().isBadRequest())))
                .contains("unknown field 'lead'");
        assertThat(problem(post("{\"leads\": {\"lead_id\": \"EV-9\"}}").andExpect(status().isBadRequest())))
                .contains("'leads' must be an array");
        // a key given twice would lose one of its values without a word: refused, naming it
        assertThat(problem(post("{\"leads\": [{\"lead_id\": \"EV-8\", \"created_at\": \"2026-11-01T10:00:00Z\"}],"
                + " \"leads\": []}").andExpect(status().isBadRequest()))).startsWith("the body is not JSON").contains("uplicate", "leads");
        assertThat(problem(post("{\"leads\": [{\"lead_id\": \"EV-8\", \"lead_id\": \"EV-7\"}]}")
                .andExpect(status().isBadRequest()))).contains("uplicate", "lead_id");
        String many = "{\"activities\": [" + "{},".repeat(100_000) + "{}]}";
        assertThat(problem(post(many).andExpect(status().isContentTooLarge()))).contains("100001 items");
        String huge = "{\"leads\": [{\"lead_id\": \"EV-9\", \"company\": \"" + "x".repeat(6 * 1024 * 1024) + "\"}]}";
        assertThat(problem(post(huge).andExpect(status().isContentTooLarge()))).contains("5 MB");
        String longId = "{\"leads\": [{\"lead_id\": \"" + "k".repeat(10_240) + "\", \"created_at\": \"2026-11-01T10:00:00Z\"}]}";
        JsonNode refused = ok(longId);
        assertThat(refused.get("rejected").get(0).get("reason").asString())
                .isEqualTo("id of 10240 characters, at most 64 allowed");
        assertThat(leads()).isEqualTo(before);
    }

    @Test
    void onlyIngestAndAdminMayPostAndIngestReadsNothing() throws Exception {
        String body = "{\"activities\": []}";
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/events")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/events")
                        .with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/events")
                        .with(httpBasic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk());
        for (String path : new String[] {"/api/leads?limit=1", "/api/queue", "/api/models", "/api/jobs"}) {
            mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestUsers.INGEST_TOKEN))
                    .andExpect(status().isForbidden());
        }
        for (String path : new String[] {"/api/models", "/api/jobs", "/api/leads?limit=1"}) {
            mvc.perform(get(path).with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/policy").with(httpBasic(TestUsers.SALES, TestUsers.SALES_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isForbidden());
    }
}

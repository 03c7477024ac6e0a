package io.leadscore.app.web.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.SeededStore;
import io.leadscore.app.web.TestUsers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/funnel}: the kept reports, and new ones taken on a cohort. */
@ConsoleTest
class FunnelApiTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static MockHttpServletRequestBuilder leadership(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD));
    }

    private JsonNode read(MockHttpServletRequestBuilder request, int status) throws Exception {
        return json.readTree(mvc.perform(leadership(request)).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void theLatestReportHasTheSectionsOfTheCommandLinesJson() throws Exception {
        JsonNode r = read(get("/api/funnel"), 200);

        for (String key : List.of("run_id", "as_of", "leads", "stages", "funnel", "sla", "acceptance", "rejection_reasons",
                "won_deals", "revenue", "by_source", "by_campaign")) {
            assertThat(r.has(key)).as(key).isTrue();
        }
        assertThat(r.get("funnel").get(0).get("stage").asString()).isEqualTo("lead");
        assertThat(r.get("funnel").get(0).get("reached").asLong()).isEqualTo(r.get("leads").asLong());
        assertThat(r.get("sla").get("mqls").asLong()).isEqualTo(r.get("sla").get("open").asLong()
                + r.get("sla").get("within_sla").asLong() + r.get("sla").get("breaches").asLong());
        assertThat(r.get("rejection_reasons").size()).isPositive();
        // the acceptance figures say over which episodes they count, as the command line's do, key for key
        assertThat(r.get("acceptance").propertyNames()).containsExactly("counted_over", "decided", "accepted", "share",
                "on_mqls");
        assertThat(r.get("acceptance").get("counted_over").asString())
                .isEqualTo(io.leadscore.batch.funnelreport.FunnelReport.SalesAcceptance.COUNTED_OVER);
    }

    @Test
    void takesAReportOnACohort() throws Exception {
        JsonNode all = read(get("/api/funnel/reports"), 200);
        JsonNode taken = read(post("/api/funnel?from=2026-01-01&to=" + SeededStore.UNTIL), 201);

        assertThat(taken.get("from").asString()).startsWith("2026-01-01T00:00");
        assertThat(taken.get("leads").asLong()).isPositive().isLessThan(SeededStore.LEADS);
        assertThat(read(get("/api/funnel/" + taken.get("run_id").asLong()), 200).get("leads").asLong())
                .isEqualTo(taken.get("leads").asLong());
        assertThat(read(get("/api/funnel/reports"), 200).size()).isEqualTo(Math.min(20, all.size() + 1));
        // the deals won in the cohort's dates, whoever the lead, as report funnel --format json has them
        JsonNode closed = taken.get("closed_in_period");
        assertThat(closed).as(taken.toString()).isNotNull();
        assertThat(closed.get("won_deals").asLong()).isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM deal"
                + " WHERE status = 'WON' AND closed_at >= CAST(? AS TIMESTAMP WITH TIME ZONE)"
                + " AND closed_at < CAST(? AS TIMESTAMP WITH TIME ZONE)", Long.class,
                taken.get("from").asString(), taken.get("to").asString()));
        assertThat(read(get("/api/funnel/" + taken.get("run_id").asLong()), 200).get("closed_in_period")
                .get("won_deals").asLong()).isEqualTo(closed.get("won_deals").asLong());
        assertThat(read(post("/api/funnel"), 201).has("closed_in_period")).isFalse();
    }

    @Test
    void takesAReportAsOfAPastTimeAsTheCommandLineDoes() throws Exception {
        String asOf = SeededStore.AS_OF.minus(java.time.Duration.ofDays(60)).toString();
        JsonNode past = read(post("/api/funnel?as_of=" + asOf), 201);
        JsonNode now = read(post("/api/funnel"), 201);

        assertThat(past.get("as_of").asString()).isEqualTo(asOf);
        // leads created after the time are not in it yet
        assertThat(past.get("leads").asLong()).isPositive().isLessThan(now.get("leads").asLong());
    }

    @Test
    void refusesACohortThatEndsBeforeItStartsAndUnknownReports() throws Exception {
        read(post("/api/funnel?from=2026-03-01&to=2026-01-01"), 400);
        read(post("/api/funnel?from=yesterday"), 400);
        // a report as of a time still to come: nothing to count yet
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();
        assertThat(read(post("/api/funnel?as_of=" + tomorrow), 400).get("detail").asString())
                .startsWith("as_of " + tomorrow + " is in the future");
        read(get("/api/funnel/999999"), 404);
    }
}

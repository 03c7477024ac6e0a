package io.leadscore.app.web.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.app.web.WhatIfAnswers;
import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.planning.PlanRequest;
import io.leadscore.simulator.planning.Planner;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/simulate}, {@code /api/plan} and {@code /api/levers}: the command line's parameters and JSON. */
@ConsoleTest
class WhatIfApiTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    StoreCalibration storeCalibration;

    @Autowired
    PolicyStore policies;

    private MockHttpServletRequestBuilder leadership(String path) {
        return get(path).with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD));
    }

    private String body(String path) throws Exception {
        // an answer that took long is kept alive with spaces before its JSON
        return WhatIfAnswers.perform(mvc, leadership(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString().strip();
    }

    @Test
    void simulateAnswersWithTheJsonOfTheCommandLineForTheSameParameters() throws Exception {
        String answer = body("/api/simulate?quota=30000&threshold=0.15&sla-hours=8&leads-per-week=400&reps=4"
                + "&period-days=60&trials=500&seed=3");

        // what 'leadscore simulate --quota 30000 --threshold 0.15 --sla-hours 8 --leads-per-week 400 --reps 4
        // --period-days 60 --trials 500 --seed 3 --format json' prints
        String cli = Simulator.run(Scenario.defaults().toBuilder().quota(30000).threshold(0.15).slaHours(8)
                        .leadsPerWeek(400).reps(4).periodDays(60).build(), Calibration.defaults(),
                SimulationOptions.defaults().withTrials(500).withSeed(3)).toJson();
        assertThat(answer).isEqualTo(cli);
        JsonNode r = json.readTree(answer);
        for (String key : List.of("trials", "quota", "p_attain", "leads", "mqls", "sals", "sqls", "opportunities", "wins",
                "sla_breach_rate")) {
            assertThat(r.has(key)).as(key).isTrue();
        }
        for (String key : List.of("mean", "p10", "p50", "p90")) {
            assertThat(r.get("revenue").has(key)).as("revenue." + key).isTrue();
        }
        assertThat(r.get("trials").asInt()).isEqualTo(500);
        assertThat(r.get("quota").asDouble()).isEqualTo(30000);
    }

    @Test
    void backTestsEveryPastQuarterOfTheStoreWithTheCommandLinesKeysAndKeepsTheAnswer() throws Exception {
        String first = body("/api/backtest?period-days=90");

        // the seeded history: 730 days to 2026-06-01; quarters back from its end with a year of leads before
        JsonNode r = json.readTree(first);
        assertThat(r.get("periods")).hasSize(4);
        JsonNode last = r.get("periods").get(3);
        assertThat(last.get("to").asString()).isEqualTo("2026-06-01");
        for (String metric : List.of("mqls", "wins", "revenue")) {
            for (String key : List.of("actual", "p10", "p50", "p90", "percentile_rank", "inside_p10_p90")) {
                assertThat(last.get(metric).has(key)).as(metric + "." + key).isTrue();
            }
            for (String key : List.of("coverage_p10_p90", "median_abs_error_p50", "crps")) {
                assertThat(r.get("summary").get(metric).has(key)).as("summary." + metric + "." + key).isTrue();
            }
        }
        // one rescoring run, at the end of the history: no period has MQL history
        assertThat(last.get("mqls").get("actual").isNull()).isTrue();
        assertThat(last.get("wins").get("actual").isNumber()).isTrue();
        // kept until the store changes: the same answer again
        assertThat(body("/api/backtest?period-days=90")).isEqualTo(first);
        mvc.perform(leadership("/api/backtest?period-days=2")).andExpect(status().isBadRequest());
    }

    @Test
    void calibratedFromTheStoreItTakesTheStoresPolicyAndVolume() throws Exception {
        JsonNode r = json.readTree(body("/api/simulate?calibrate-from-store=true&trials=200"));

        JsonNode scenario = r.get("assumptions").get("scenario");
        assertThat(scenario.get("threshold").asDouble()).isEqualTo(policies.current().mqlThreshold());
        double expectedVolume = storeCalibration.leadsPerWeek(storeCalibration.dataEnd(java.time.Instant.now())).orElseThrow();
        assertThat(scenario.get("leads_per_week").asDouble()).isEqualTo(expectedVolume);
        assertThat(r.get("assumptions").toString()).contains("\"store\"");

        // as the command line: the team of the last 90 days and a quota of their revenue plus growth
        java.time.Instant end = storeCalibration.dataEnd(java.time.Instant.now());
        java.time.Instant start = end.minus(java.time.Duration.ofDays(Scenario.DEFAULT_PERIOD_DAYS));
        double expectedQuota = Scenario.growthQuota(storeCalibration.revenueWon(start, end)).orElseThrow();
        assertThat(r.get("quota").asDouble()).isEqualTo(expectedQuota).isNotEqualTo(Scenario.DEFAULT_QUOTA);
        assertThat(scenario.get("reps").asInt()).isEqualTo(storeCalibration.activeReps(start, end).orElseThrow());

        // what the request gives wins over what the store says
        JsonNode given = json.readTree(body("/api/simulate?calibrate-from-store=true&trials=200&quota=123000&reps=7"));
        assertThat(given.get("quota").asDouble()).isEqualTo(123000);
        assertThat(given.get("assumptions").get("scenario").get("reps").asInt()).isEqualTo(7);
    }

    @Test
    void aChangedThresholdChangesTheAnswer() throws Exception {
        JsonNode low = json.readTree(body("/api/simulate?threshold=0.05&trials=400"));
        JsonNode high = json.readTree(body("/api/simulate?threshold=0.4&trials=400"));

        // a higher threshold makes fewer MQLs from the same leads
        assertThat(high.get("mqls").asDouble()).isLessThan(low.get("mqls").asDouble());
        assertThat(high.get("p_attain").asDouble()).isNotEqualTo(low.get("p_attain").asDouble());
    }

    @Test
    void planAnswersWithTheListOfTheCommandLine() throws Exception {
        String answer = body("/api/plan?confidence=0.8&sweep-threshold=0.1,0.2&sweep-sla-hours=4,24&trials=200&seed=5");

        String cli = Planner.plan(Scenario.defaults(), Calibration.defaults(),
                SimulationOptions.defaults().withTrials(200).withSeed(5),
                PlanRequest.of(0.8, List.of(0.1, 0.2), List.of(4.0, 24.0))).toJson();
        assertThat(answer).isEqualTo(cli);
        JsonNode rows = json.readTree(answer);
        assertThat(rows.size()).isEqualTo(4);
        for (JsonNode row : rows) {
            for (String key : List.of("threshold", "sla_hours", "required_leads", "required_mqls", "p_attain")) {
                assertThat(row.has(key)).as(key).isTrue();
            }
        }
    }

    @Test
    void leversNameTheBestSingleChange() throws Exception {
        JsonNode r = json.readTree(body("/api/levers?trials=300"));

        assertThat(r.get("base").get("p_attain").isNumber()).isTrue();
        assertThat(r.get("levers").size()).isEqualTo(6);
        assertThat(r.get("levers").get(0).get("lever").asString()).isIn("threshold_up", "threshold_down", "sla_shorter",
                "sla_longer", "one_more_rep", "more_leads");
    }

    @Nested
    class RefusesBadInput {
        private void refused(String path, String mentions) throws Exception {
            mvc.perform(leadership(path)).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsStringIgnoringCase(mentions)));
        }

        @Test
        void aThresholdOutsideZeroToOne() throws Exception {
            refused("/api/simulate?threshold=1.5", "threshold");
        }

        @Test
        void moreTrialsThanTheWebAllows() throws Exception {
            refused("/api/simulate?trials=200000", "trials");
        }

        @Test
        void aConfidenceThatIsNotAProbability() throws Exception {
            refused("/api/plan?confidence=1", "confidence");
        }

        @Test
        void aPeriodStartWithoutItsEnd() throws Exception {
            refused("/api/simulate?from=2027-01-01", "to");
        }

        @Test
        void aQuotaThatIsNotANumber() throws Exception {
            refused("/api/simulate?quota=lots", "parameter quota: 'lots' is not a number");
            refused("/api/levers?period-days=1.5", "parameter period-days: '1.5' is not a whole number");
            refused("/api/simulate?calibrate-from-store=maybe", "parameter calibrate-from-store: 'maybe' is not true or false");
        }

        @Test
        void anEmptyPlaceInASweep() throws Exception {
            refused("/api/plan?confidence=0.8&sweep-threshold=0.1,,0.2", "an empty value in the list");
        }

        @Test
        void moreMqlsThanATrialHolds() throws Exception {
            refused("/api/simulate?trials=1&leads-per-week=1000000&period-days=3660", "expected MQLs in one period");
        }

        @Test
        void aFewTrialsThatMakeEveryLeadAnMqlCostWhatTheyTake() throws Exception {
            // three trials at a million leads a week, nearly every one an MQL: some 40 s of both cores, within the
            // budget as long as only the lead volume was counted
            refused("/api/simulate?trials=3&leads-per-week=1000000&period-days=60&threshold=0.0001&reps=10000"
                    + "&touches-per-rep-per-day=1000", "would cost");
            // the same volume at the default threshold stays within it
            mvc.perform(leadership("/api/simulate?trials=3&leads-per-week=1000000&period-days=60"))
                    .andExpect(status().isOk());
        }

        @Test
        void aSweepLargerThanTheWebAllows() throws Exception {
            refused("/api/plan?confidence=0.8&sweep-sla-hours=1,2,3,4,5,6,7,8,9,10,11", "sweep");
        }
    }
}

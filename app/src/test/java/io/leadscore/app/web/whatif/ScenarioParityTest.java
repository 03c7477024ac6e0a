package io.leadscore.app.web.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.cli.InProcessCli;
import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.app.web.WhatIfAnswers;
import io.leadscore.simulator.whatif.ScenarioService;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line and the HTTP API answer the same what-if with the same
 * JSON, byte for byte: {@code simulate --format json} and {@code /api/simulate},
 * {@code plan --format json} and {@code /api/plan}, with the built-in defaults
 * and calibrated from the same store, for the same parameters and seed. The
 * command line runs in this JVM on the console's store (the same in-memory
 * H2 database), so both read one store.
 */
@ConsoleTest
class ScenarioParityTest {
    private static final String STORE = "jdbc:h2:mem:leadscore-console-test;DB_CLOSE_DELAY=-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    StoreBases stores;

    private String api(String path) throws Exception {
        return WhatIfAnswers.perform(mvc, get(path).with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString().strip();
    }

    private String cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json", "--db", STORE, "--db-user", "sa", "--quiet"));
        InProcessCli.Result run = InProcessCli.run(all);
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().strip();
    }

    /** The API keeps the store's calibration; wait until the kept one is of the store as it is now. */
    private void storeSettled() throws Exception {
        stores.current();
        for (int i = 0; i < 600 && !stores.fresh(); i++) {
            Thread.sleep(100);
            stores.current();
        }
        assertThat(stores.fresh()).as("the kept calibration caught up with the store").isTrue();
    }

    @Test
    void simulateGivesTheSameJsonWithTheBuiltInDefaults() throws Exception {
        String cli = cli("simulate", "--quota", "30000", "--threshold", "0.15", "--sla-hours", "8",
                "--leads-per-week", "400", "--reps", "4", "--period-days", "60", "--trials", "500", "--seed", "3");
        String api = api("/api/simulate?quota=30000&threshold=0.15&sla-hours=8&leads-per-week=400&reps=4"
                + "&period-days=60&trials=500&seed=3");

        assertThat(api).isEqualTo(cli);
        assertThat(json.readTree(api).get("trials").asInt()).isEqualTo(500);
    }

    @Test
    void simulateCalibratedFromTheStoreGivesTheSameJson() throws Exception {
        storeSettled();
        // the store fills what is left out: its policy, volume, team, and a quota of the last 60 days' revenue
        String cli = cli("simulate", "--calibrate-from-store", "--period-days", "60", "--trials", "300", "--seed", "9");
        String api = api("/api/simulate?calibrate-from-store=true&period-days=60&trials=300&seed=9");

        assertThat(api).isEqualTo(cli);
        JsonNode r = json.readTree(api);
        assertThat(r.get("assumptions").toString()).contains("\"store\"");
    }

    @Test
    void planGivesTheSameRowsOverTheSameDefaultSweep() throws Exception {
        String cli = cli("plan", "--confidence", "0.8", "--threshold", "0.2", "--trials", "100", "--seed", "5");
        String api = api("/api/plan?confidence=0.8&threshold=0.2&trials=100&seed=5");

        assertThat(api).isEqualTo(cli);
        // the one default sweep: the threshold times 0.5, 0.75, 1, 1.5, 2 against 1, 4, 8, 24, 48 hours
        List<Double> thresholds = new ArrayList<>();
        json.readTree(api).forEach(row -> {
            if (!thresholds.contains(row.get("threshold").asDouble())) {
                thresholds.add(row.get("threshold").asDouble());
            }
        });
        assertThat(thresholds).containsExactly(0.1, 0.15, 0.2, 0.3, 0.4)
                .isEqualTo(ScenarioService.defaultThresholds(0.2));
        assertThat(json.readTree(api).size()).isEqualTo(25);
    }

    @Test
    void planCalibratedFromTheStoreGivesTheSameRows() throws Exception {
        storeSettled();
        String cli = cli("plan", "--calibrate-from-store", "--confidence", "0.7", "--sweep-sla-hours", "4,24",
                "--trials", "100", "--seed", "11");
        String api = api("/api/plan?calibrate-from-store=true&confidence=0.7&sweep-sla-hours=4,24&trials=100&seed=11");

        assertThat(api).isEqualTo(cli);
    }
}

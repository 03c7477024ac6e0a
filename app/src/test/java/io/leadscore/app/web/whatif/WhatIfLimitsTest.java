package io.leadscore.app.web.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadscore.app.web.ConsoleTest;
import io.leadscore.app.web.TestUsers;
import io.leadscore.simulator.ScenarioRanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What a shared server lets the what-if endpoints cost: the requests of the
 * issue that used to exhaust the heap or take minutes are refused with 400, a
 * full pool answers 429 with Retry-After, and a what-if whose client hangs up
 * is cancelled rather than computed for no one.
 */
@ConsoleTest
// the heartbeat starts early, so a client's hang-up is seen within about a second, well before the plan can end
// (on a fast machine with the store's calibration already kept, its 25 points take a few seconds)
// (a context of its own, so a store of its own)
@TestPropertySource(properties = {"leadscore.what-if.heartbeat-after=200ms",
        "spring.datasource.url=jdbc:h2:mem:leadscore-whatif-limits-test;DB_CLOSE_DELAY=-1"})
class WhatIfLimitsTest {
    @Autowired
    MockMvc mvc;
    @Autowired
    WhatIfPool pool;
    @Autowired
    WhatIfLimits limits;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private void refused(String path, String mentions) throws Exception {
        mvc.perform(get(path).with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString(mentions)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"quota|-1|-1", "period-days|3661|3,661", "threshold|1|1", "sla-hours|0|0",
            "leads-per-week|1000001|1,000,001", "reps|10001|10,001", "touches-per-rep-per-day|0|0", "trials|0|0"})
    void everyParameterOutsideItsRangeIsA400NamingTheRange(String name, String value, String shown) throws Exception {
        ScenarioRanges.Range range = ScenarioRanges.ALL.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        refused("/api/simulate?" + name + "=" + value, name + " " + shown + ": expected " + range.describe());
    }

    @Test
    void aBillionRepsIsOutOfRangeNotAnExhaustedHeap() throws Exception {
        refused("/api/simulate?reps=1000000000", "reps 1,000,000,000: expected 0 to 10,000");
    }

    @Test
    void theLargestDocumentedRequestIsWithinTheBudgetToTheTrialDay() throws Exception {
        // 100,000 trials of 300 days: 30,000,000 trial-days, the budget itself (a rounding error made it one more)
        io.leadscore.simulator.Scenario scenario = io.leadscore.simulator.Scenario.defaults().toBuilder().periodDays(300).build();
        assertThat(WhatIfCost.of(100_000, scenario, io.leadscore.simulator.calibration.Calibration.defaults(), 1))
                .isEqualTo(30_000_000L);
    }

    @Test
    void leversAtAHundredThousandTrialsAreOverTheBudget() throws Exception {
        refused("/api/levers?trials=100000", "would cost 63,000,000 trial-days");
    }

    @Test
    void aTenByTenPlanAtTwentyThousandTrialsIsOverTheBudget() throws Exception {
        refused("/api/plan?confidence=0.8&trials=20000&sweep-threshold=0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.1"
                + "&sweep-sla-hours=1,2,3,4,5,6,7,8,9,10", "one request may cost at most 30,000,000");
    }

    @Test
    void aFullPoolAnswers429WithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Object> held = new ArrayList<>();
        try {
            // what other tests started is done; then every worker busy and every place in the queue taken
            awaitRunning(0);
            for (int i = 0; i < limits.workers() + limits.queue(); i++) {
                held.add(pool.submit(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "{}";
                }, new MockHttpServletResponse()));
                if (i < limits.workers()) {
                    // a worker has taken it: the queue is empty again
                    awaitRunning(i + 1);
                }
            }

            mvc.perform(get("/api/simulate?trials=20").with(httpBasic(TestUsers.LEADERSHIP, TestUsers.LEADERSHIP_PASSWORD)))
                    .andExpect(status().isTooManyRequests())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, Matchers.matchesPattern("[1-9][0-9]*")))
                    .andExpect(jsonPath("$.status").value(429));
        } finally {
            release.countDown();
        }
        assertThat(meters.counter("leadscore.whatif.rejected").count()).isPositive();
    }

    @Test
    void aWhatIfWhoseClientHangsUpIsCancelled() throws Exception {
        double cancelledBefore = meters.counter("leadscore.whatif.cancelled").count();
        // a plan of 25 points at 1,000 trials: tens of seconds of work, within the budget
        String basic = Base64.getEncoder().encodeToString((TestUsers.LEADERSHIP + ":" + TestUsers.LEADERSHIP_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket("localhost", port)) {
            // the client resets the connection as it leaves, so the server's very first heartbeat fails: its hang-up
            // is then seen a fraction of a second after it, not after a second write (a plan can end in a few seconds)
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/plan?confidence=0.8&trials=1000 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + basic
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitRunning(1);
            // the client goes away without reading the answer
        }
        Instant hungUp = Instant.now();

        // a plan's tens of seconds are cut short: within a few heartbeats of the client leaving
        Instant deadline = hungUp.plus(Duration.ofSeconds(15));
        while (meters.counter("leadscore.whatif.cancelled").count() == cancelledBefore) {
            assertThat(Instant.now()).as("cancelled").isBefore(deadline);
            Thread.sleep(20);
        }
        awaitRunning(0);
        assertThat(Duration.between(hungUp, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    private void awaitRunning(int running) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (meters.get("leadscore.whatif.running").gauge().value() != running
                || running == 0 && meters.get("leadscore.whatif.queued").gauge().value() != 0) {
            assertThat(Instant.now()).as("what-ifs running: " + running).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}

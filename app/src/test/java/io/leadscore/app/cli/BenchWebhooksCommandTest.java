package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code leadscore bench webhooks} as a user runs it: it opens its own store with the delivery worker running as in
 * {@code serve} (but no web server), and answers the latency of events that all reached its receiver, each verified
 * with the secret.
 */
class BenchWebhooksCommandTest {

    @Test
    void timesEveryEventFromItsCommitToItsVerifiedDelivery() {
        InProcessCli.Result r = InProcessCli.run(List.of("bench", "webhooks", "--events", "20", "--rate", "50",
                "--format", "json", "--quiet"));

        assertThat(r.exit()).as(r.err()).isZero();
        List<Map<String, Object>> phases = JsonMapper.builder().build().readerFor(Map.class)
                .<Map<String, Object>>readValues(r.out()).readAll();
        assertThat(phases).extracting(p -> p.get("phase"))
                .containsExactly("floor: a plain signed POST", "outbox to webhook");
        for (Map<String, Object> phase : phases) {
            assertThat(phase).containsEntry("events", 20).containsEntry("bad_signatures", 0);
            assertThat(((Number) phase.get("p99_ms")).doubleValue()).isPositive();
        }
    }
}

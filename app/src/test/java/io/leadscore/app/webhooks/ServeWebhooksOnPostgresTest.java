package io.leadscore.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadscore.app.PostgresTestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The serve-level webhook tests on a real PostgreSQL server
 * ({@code LEADSCORE_TEST_POSTGRES_URL}, a URL allowed to create databases),
 * and two {@code serve} processes on one store: each SLA alert reaches the
 * subscriber once, each event is delivered once.
 */
@ExtendWith(ServeWebhooksOnPostgresTest.PostgresConfigured.class)
public class ServeWebhooksOnPostgresTest extends ServeWebhooksTest {
    public static final String VARIABLE = PostgresTestDatabases.VARIABLE;


    @Override
    String newStore() {
        return PostgresTestDatabases.create("leadscore_hooks_");
    }

    @Test
    @Order(5)
    void twoServeProcessesOnOneStoreFireAndDeliverEachAlertOnce() throws Exception {
        String store = newStore();
        MutableClock shared = new MutableClock(Instant.parse("2026-05-04T09:00:00Z"));
        Instant mql = shared.instant().plusSeconds(60);
        try (Receiver receiver = new Receiver();
             ConfigurableApplicationContext one = serve(store, shared);
             ConfigurableApplicationContext two = serve(store, shared)) {
            // the answers come late, as on a busy machine: each sender learns its outcome well after the receipt
            receiver.answerAfter(Duration.ofMillis(200));
            subscribe(one, receiver.url("/both"), "\"mql.created\", \"sla.warning\", \"sla.breached\"");
            shared.set(mql);
            for (int i = 0; i < 20; i++) {
                newMql(i % 2 == 0 ? one : two, "BOTH-" + i, mql);
            }
            receivedOnce(receiver, 20, one);

            shared.set(mql.plus(Duration.ofHours(18)));
            receivedOnce(receiver, 40, one);
            shared.set(mql.plus(Duration.ofHours(24)));
            receivedOnce(receiver, 60, one);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.received().size() == 60);

            assertThat(receiver.received()).filteredOn(r -> r.text().contains("\"type\":\"sla.warning\"")).hasSize(20);
            assertThat(receiver.received()).filteredOn(r -> r.text().contains("\"type\":\"sla.breached\"")).hasSize(20);
            assertThat(one.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'DELIVERED' AND attempts = 1", Long.class))
                    .isEqualTo(60);
        }
    }

    /**
     * Waits for {@code n} requests and until both processes have recorded every outcome ({@link #awaitNoneInFlight}),
     * then checks that no event came twice.
     */
    private static void receivedOnce(Receiver receiver, int n, ConfigurableApplicationContext store) {
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= n);
        awaitNoneInFlight(store);
        assertThat(receiver.received()).extracting(r -> r.header("X-Leadscore-Event-Type") + " "
                + r.header("X-Leadscore-Event-Id")).doesNotHaveDuplicates().hasSize(n);
    }

    /** Runs only where a PostgreSQL server is configured; fails instead of skipping where one is required. */
    public static final class PostgresConfigured implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(VARIABLE);
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled("PostgreSQL configured");
            }
            if ("true".equalsIgnoreCase(System.getenv("LEADSCORE_TEST_POSTGRES_REQUIRED"))) {
                throw new IllegalStateException("PostgreSQL tests are required here but " + VARIABLE + " is not set");
            }
            return ConditionEvaluationResult.disabled("Skipped: no PostgreSQL server configured (" + VARIABLE + ")");
        }
    }
}

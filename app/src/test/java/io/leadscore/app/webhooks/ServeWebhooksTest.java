package io.leadscore.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadscore.app.LeadscoreApplication;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.stages.StageTransitions.LeadMove;
import io.leadscore.batch.webhooks.Deliveries;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.Transition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhooks as {@code serve} runs them, on whichever store the subclass names:
 * a subscriber added over the API gets each event signed so that it can check
 * it with its secret alone; one that fails is tried again with growing delays
 * until it answers; a restart keeps what was not delivered; the SLA warning
 * and breach come within a minute of their time, once. The application's
 * clock is the test's ({@link MutableClock}); the receiver is a local HTTP
 * server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ServeWebhooksTest {
    static final String ADMIN = "ada-admin";
    static final String ADMIN_PASSWORD = "admin-secret-password";
    static final String SECRET = "the-receivers-own-secret-0123456789";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    final HttpClient http = HttpClient.newHttpClient();
    ConfigurableApplicationContext serve;

    /** A JDBC URL of a new, empty store for this class. */
    abstract String newStore();

    @BeforeAll
    void startServe() {
        serve = serve(newStore(), clock);
    }

    @AfterAll
    void stopServe() {
        if (serve != null) {
            serve.close();
        }
    }

    static ConfigurableApplicationContext serve(String storeUrl, Clock clock) {
        return new SpringApplicationBuilder(LeadscoreApplication.class)
                .web(WebApplicationType.SERVLET)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .properties(Map.ofEntries(
                        Map.entry("spring.datasource.url", storeUrl),
                        Map.entry("server.port", "0"),
                        Map.entry("leadscore.scheduler.enabled", "true"),
                        Map.entry("leadscore.schedule.rescore", "-"),
                        Map.entry("leadscore.schedule.sla-check", "-"),
                        Map.entry("leadscore.users[0].name", ADMIN),
                        Map.entry("leadscore.users[0].password-hash",
                                "$2a$04$I57RffzK5Kv1hfGj8I9ZsOi7eq04U1NghtAOnDcwS4Ck6t6jNDExu"),
                        Map.entry("leadscore.users[0].roles", "admin"),
                        Map.entry("leadscore.webhook-delivery.poll-every", "100ms"),
                        Map.entry("leadscore.webhook-delivery.first-retry", "1s"),
                        Map.entry("leadscore.webhook-delivery.sla-scan-every", "200ms"),
                        // the receiver listens on the loopback address
                        Map.entry("leadscore.webhook-delivery.allow-private-addresses", "true"),
                        Map.entry("logging.level.root", "WARN"),
                        Map.entry("spring.main.banner-mode", "off")))
                .run();
    }

    int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    HttpResponse<String> api(ConfigurableApplicationContext context, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    long subscribe(ConfigurableApplicationContext context, String url, String events) throws Exception {
        HttpResponse<String> added = api(context, "POST", "/api/webhooks", "{\"url\": \"" + url + "\", \"events\": ["
                + events + "], \"secret\": \"" + SECRET + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(added.body()).doesNotContain(SECRET);
        Matcher id = ID.matcher(added.body());
        assertThat(id.find()).isTrue();
        return Long.parseLong(id.group(1));
    }

    /** A lead that arrives at {@code at} and becomes an MQL then, as a live event would make it, in one transaction. */
    static long newMql(ConfigurableApplicationContext context, String key, Instant at) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        jdbc.update("INSERT INTO lead (lead_key, created_at, content_hash, stage, stage_changed_at, imported_at, updated_at)"
                + " VALUES (?, ?, 0, 'LEAD', ?, ?, ?)", key, t, t, t, t);
        long id = jdbc.queryForObject("SELECT id FROM lead WHERE lead_key = ?", Long.class, key);
        jdbc.update("INSERT INTO lead_score (lead_id, score, grade, scored_at, run_id, model_version, reasons)"
                + " VALUES (?, 0.37, 'A', ?, 0, 'v1', 'fast-track: demo request (score 0.370)')", id, t);
        StageTransitions transitions = context.getBean(StageTransitions.class);
        new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx ->
                transitions.record(List.of(new LeadMove(id, new Transition(Stage.LEAD, Stage.MQL, at,
                        "fast-track: demo request (score 0.370)"))), "live", 0));
        return id;
    }

    /**
     * Waits until no delivery is being sent: every one a worker claimed has its outcome recorded in the store. A
     * test moves its clock only after this. A claim's lease is a time on that clock, so a jump of hours would lapse
     * a claim still waiting for its answer, and a worker would send the event again: at least once allows it, the
     * tests of "once" do not.
     */
    static void awaitNoneInFlight(ConfigurableApplicationContext context) {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM webhook_delivery WHERE claim IS NOT NULL", Long.class) == 0);
    }

    /** The receiver's own check: HMAC-SHA256 of the raw body with the secret, as hex, after "sha256=". */
    static boolean signedWithSecret(Receiver.Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        return expected.equals(request.header("X-Leadscore-Signature"));
    }

    Deliveries.View delivery(ConfigurableApplicationContext context, String url) {
        return context.getBean(Deliveries.class).recent(null, 1000).stream().filter(d -> d.url().equals(url))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void aSubscriberGetsEachEventSignedSoItsSecretAloneVerifiesIt() throws Exception {
        Instant t = Instant.parse("2026-01-05T09:00:00Z");
        clock.set(t);
        try (Receiver receiver = new Receiver()) {
            long subscriber = subscribe(serve, receiver.url("/signed"), "\"mql.created\"");

            newMql(serve, "SIGNED-1", t.plusSeconds(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
            Receiver.Received got = receiver.received().get(0);
            assertThat(signedWithSecret(got)).isTrue();
            assertThat(got.text()).contains("\"type\":\"mql.created\"", "\"lead_id\":\"SIGNED-1\"", "\"score\":0.37",
                    "\"stage\":\"MQL\"", "\"due_at\":\"" + t.plusSeconds(1).plus(Duration.ofHours(24)) + "\"",
                    "\"reasons\":[\"fast-track: demo request (score 0.370)\"]");
            assertThat(got.text()).contains("\"id\":\"" + got.header("X-Leadscore-Event-Id") + "\"");
            assertThat(got.header("X-Leadscore-Event-Type")).isEqualTo("mql.created");
            assertThat(got.header("Content-Type")).startsWith("application/json");
            // a body changed on the way no longer verifies
            byte[] tampered = got.text().replace("0.37", "0.99").getBytes(StandardCharsets.UTF_8);
            assertThat(signedWithSecret(new Receiver.Received(got.path(), got.headers(), tampered, 0))).isFalse();

            await().atMost(Duration.ofSeconds(5)).until(() ->
                    delivery(serve, receiver.url("/signed")).status() == Deliveries.Status.DELIVERED);
            HttpResponse<String> listed = api(serve, "GET", "/api/webhooks/deliveries?status=delivered", null);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"status\":\"delivered\"", "\"attempts\":1", "\"lead_id\":\"SIGNED-1\"");
            assertThat(api(serve, "GET", "/api/webhooks", null).body()).doesNotContain(SECRET);
            assertThat(api(serve, "DELETE", "/api/webhooks/" + subscriber, null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    @Order(2)
    void aFailingSubscriberIsTriedAgainWithGrowingDelaysUntilItAnswers() throws Exception {
        Instant t = Instant.parse("2026-02-02T09:00:00Z");
        clock.set(t);
        try (Receiver receiver = new Receiver()) {
            String url = receiver.url("/flaky");
            long subscriber = subscribe(serve, url, "\"mql.created\"");
            receiver.thenAnswer(503, 500, 429);

            newMql(serve, "FLAKY-1", t);

            Duration[] waits = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)};
            for (int failure = 1; failure <= 3; failure++) {
                int attempts = failure;
                await().atMost(Duration.ofSeconds(10)).until(() -> delivery(serve, url).attempts() == attempts
                        && !delivery(serve, url).sending());
                Deliveries.View d = delivery(serve, url);
                assertThat(d.status()).isEqualTo(Deliveries.Status.PENDING);
                assertThat(d.lastError()).startsWith("HTTP ");
                assertThat(Duration.between(d.lastAttemptAt(), d.nextAttemptAt())).isEqualTo(waits[failure - 1]);
                assertThat(receiver.received()).hasSize(failure);
                clock.advance(waits[failure - 1]);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> delivery(serve, url).status() == Deliveries.Status.DELIVERED);
            Deliveries.View done = delivery(serve, url);
            assertThat(done.attempts()).isEqualTo(4);
            assertThat(done.lastStatusCode()).isEqualTo(200);
            List<Receiver.Received> all = receiver.received();
            assertThat(all).hasSize(4);
            // the same event each time, byte for byte, and signed each time
            assertThat(all).extracting(r -> r.header("X-Leadscore-Event-Id")).containsOnly(done.eventId());
            assertThat(all).extracting(Receiver.Received::text).containsOnly(all.get(0).text());
            for (Receiver.Received r : all) {
                assertThat(signedWithSecret(r)).isTrue();
            }
            api(serve, "DELETE", "/api/webhooks/" + subscriber, null);
        }
    }

    @Test
    @Order(3)
    void slaWarningAndBreachComeWithinAMinuteOfTheirTimeOnce() throws Exception {
        Instant mql = Instant.parse("2026-03-02T09:00:00Z");
        clock.set(mql.minusSeconds(60));
        try (Receiver receiver = new Receiver()) {
            long subscriber = subscribe(serve, receiver.url("/sla"), "\"sla.warning\", \"sla.breached\"");
            clock.set(mql);
            newMql(serve, "SLA-1", mql);

            clock.set(mql.plus(Duration.ofHours(18)));
            long moved = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().get(0).nanos() - moved).isLessThan(Duration.ofSeconds(60).toNanos());
            assertThat(receiver.received().get(0).text()).contains("\"type\":\"sla.warning\"", "\"lead_id\":\"SLA-1\"",
                    "\"occurred_at\":\"" + mql.plus(Duration.ofHours(18)) + "\"");

            awaitNoneInFlight(serve);
            clock.set(mql.plus(Duration.ofHours(24)));
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() == 2);
            assertThat(receiver.received().get(1).text()).contains("\"type\":\"sla.breached\"",
                    "\"occurred_at\":\"" + mql.plus(Duration.ofHours(24)) + "\"");

            // many scans later, still once each
            awaitNoneInFlight(serve);
            clock.set(mql.plus(Duration.ofHours(30)));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.received().size() == 2);
            assertThat(serve.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM sla_alert a JOIN lead l"
                    + " ON l.id = a.lead_id WHERE l.lead_key = 'SLA-1'", Long.class)).isEqualTo(2);
            api(serve, "DELETE", "/api/webhooks/" + subscriber, null);
        }
    }

    @Test
    @Order(4)
    void aRestartKeepsWhatWasNotDeliveredAndSendsTheSameEvent() throws Exception {
        MutableClock own = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
        String store = newStore();
        try (Receiver receiver = new Receiver()) {
            String url = receiver.url("/down");
            receiver.answer(503);
            String firstId;
            try (ConfigurableApplicationContext first = serve(store, own)) {
                subscribe(first, url, "\"mql.created\"");
                newMql(first, "RESTART-1", own.instant());
                await().atMost(Duration.ofSeconds(10)).until(() -> delivery(first, url).attempts() == 1
                        && !delivery(first, url).sending());
                firstId = receiver.received().get(0).header("X-Leadscore-Event-Id");
            }
            receiver.answer(200);
            own.advance(Duration.ofSeconds(1));
            try (ConfigurableApplicationContext second = serve(store, own)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> delivery(second, url).status()
                        == Deliveries.Status.DELIVERED);
                assertThat(delivery(second, url).attempts()).isEqualTo(2);
            }
            assertThat(receiver.received()).hasSize(2);
            assertThat(receiver.received().get(1).header("X-Leadscore-Event-Id")).isEqualTo(firstId);
            assertThat(signedWithSecret(receiver.received().get(1))).isTrue();
        }
    }

    /**
     * Not a webhook: the live API of the same {@code serve}, on each store, as a CRM meets it before any model is
     * trained. A NUL character and a lone surrogate escape cannot be stored as sent (PostgreSQL's text refuses
     * the one and turns the other into '?'): each refuses its own item, the good one beside it is stored, and
     * every lead is answered without a score.
     */
    @Test
    @Order(9)
    void eventsBeforeAnyModelKeepTheGoodItemsAndRefuseTextNoStoreKeeps() throws Exception {
        HttpResponse<String> answer = api(serve, "POST", "/api/events", """
                {"leads": [{"lead_id": "HOOK-NUL", "created_at": "2026-01-05T08:00:00Z", "company": "Ac\\u0000me"},
                           {"lead_id": "HOOK-\\ud800", "created_at": "2026-01-05T08:00:00Z"},
                           {"lead_id": "HOOK-GOOD", "created_at": "2026-01-05T08:00:00Z", "company": "Acme"}],
                 "activities": [{"lead_id": "HOOK-GOOD", "occurred_at": "2026-01-05T08:05:00Z", "type": "page_view",
                                 "detail": "/pricing\\u0000"},
                                {"lead_id": "HOOK-GOOD", "occurred_at": "2026-01-05T08:06:00Z", "type": "page_view"}]}
                """);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"accepted\":2").contains("NUL character (U+0000)")
                .contains("an unpaired surrogate (U+D800, half of a character)")
                .contains("{\"lead_id\":\"HOOK-GOOD\",\"score\":null");
        JdbcTemplate jdbc = serve.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT lead_key FROM lead WHERE lead_key LIKE 'HOOK-%'", String.class))
                .containsExactly("HOOK-GOOD");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity a JOIN lead l ON l.id = a.lead_id"
                + " WHERE l.lead_key = 'HOOK-GOOD'", Long.class)).isOne();
    }
}

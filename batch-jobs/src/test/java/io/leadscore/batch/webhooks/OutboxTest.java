package io.leadscore.batch.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.batch.TestStores;
import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.stages.StageTransitions.LeadMove;
import io.leadscore.batch.store.CrmFixtures;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.Transition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on whichever store the subclass names: events commit and roll
 * back with the stage move that caused them, go only to subscribers that want
 * them and existed when they happened, carry the contract's keys; the SLA
 * alerts fire once per MQL episode, also when two processes look at once; the
 * deliveries' claims and retry state.
 */
abstract class OutboxTest {
    static final Instant SUBSCRIBED = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final String SECRET = "a-subscriber-secret-of-some-length";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StageTransitions transitions;
    @Autowired
    Subscribers subscribers;
    @Autowired
    Deliveries deliveries;
    @Autowired
    SlaAlerts slaAlerts;
    @Autowired
    SlaCheck slaCheck;
    @Autowired
    PlatformTransactionManager transactionManager;

    CrmFixtures crm;

    @BeforeEach
    void emptyStore() {
        for (String table : new String[] {"webhook_delivery", "webhook_event", "webhook_subscriber", "sla_alert",
                "sla_check_run"}) {
            jdbc.update("DELETE FROM " + table);
        }
        TestStores.clean(jdbc);
        crm = new CrmFixtures(jdbc);
    }

    private Subscriber subscribe(WebhookEventType... events) {
        return subscribers.add("https://crm.example/hooks/" + events.length, EnumSet.of(events[0], events), SECRET,
                "test", SUBSCRIBED);
    }

    private List<Map<String, Object>> events() {
        return jdbc.queryForList("SELECT event_id, event_type, lead_id, occurred_at, body FROM webhook_event ORDER BY id");
    }

    private long count(String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    private static LeadMove toMql(long lead, Instant at) {
        return new LeadMove(lead, new Transition(Stage.LEAD, Stage.MQL, at,
                "score 0.412 reached the MQL threshold 0.100: requested a demo; works at a software company"));
    }

    @Test
    void anMqlMoveWritesItsEventAndOneDeliveryPerSubscriberInTheSameCommit() {
        Subscriber all = subscribe(WebhookEventType.values());
        Subscriber sla = subscribe(WebhookEventType.SLA_WARNING);
        long lead = crm.lead("W-1", T0.minus(Duration.ofDays(1)));
        jdbc.update("INSERT INTO lead_score (lead_id, score, grade, scored_at, run_id, model_version) VALUES (?, 0.412, 'A',"
                + " CURRENT_TIMESTAMP, 1, 'v1')", lead);

        transitions.record(List.of(toMql(lead, T0)), "live", 0);

        List<Map<String, Object>> events = events();
        assertThat(events).hasSize(1);
        String body = (String) events.get(0).get("body");
        String id = (String) events.get(0).get("event_id");
        assertThat(body).startsWith("{\"id\":\"" + id + "\",\"type\":\"mql.created\",\"occurred_at\":\"" + T0 + "\","
                + "\"lead_id\":\"W-1\",\"score\":0.412,\"stage\":\"MQL\",\"due_at\":\"" + T0.plus(Duration.ofHours(24))
                + "\",\"reasons\":[\"score 0.412 reached the MQL threshold 0.100\",\"requested a demo\","
                + "\"works at a software company\"],\"from_stage\":\"LEAD\"");
        assertThat(jdbc.queryForList("SELECT subscriber_id, status, attempts FROM webhook_delivery"))
                .singleElement().satisfies(d -> {
                    assertThat(((Number) d.get("subscriber_id")).longValue()).isEqualTo(all.id());
                    assertThat(d.get("status")).isEqualTo("PENDING");
                    assertThat(((Number) d.get("attempts")).intValue()).isZero();
                });
        assertThat(sla.events()).containsExactly(WebhookEventType.SLA_WARNING);
    }

    @Test
    void theEventRollsBackWithTheMoveThatCausedIt() {
        subscribe(WebhookEventType.MQL_CREATED);
        long lead = crm.lead("W-2", T0.minus(Duration.ofDays(1)));

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            transitions.record(List.of(toMql(lead, T0)), "live", 0);
            assertThat(count("webhook_event")).as("inside the transaction").isEqualTo(1);
            throw new IllegalStateException("the request failed after the move");
        })).hasMessageContaining("failed after the move");

        assertThat(crm.stage(lead)).isEqualTo(Stage.LEAD);
        assertThat(count("webhook_event")).isZero();
        assertThat(count("webhook_delivery")).isZero();

        new TransactionTemplate(transactionManager).executeWithoutResult(tx ->
                transitions.record(List.of(toMql(lead, T0)), "live", 0));
        assertThat(crm.stage(lead)).isEqualTo(Stage.MQL);
        assertThat(count("webhook_event")).isEqualTo(1);
        assertThat(count("webhook_delivery")).isEqualTo(1);
    }

    @Test
    void movesDatedBeforeTheSubscriberExistedAreNotAnnounced() {
        long lead = crm.lead("W-3", Instant.parse("2024-01-10T10:00:00Z"));
        transitions.record(List.of(toMql(lead, Instant.parse("2024-01-12T10:00:00Z"))), "import #1", 1);
        assertThat(count("webhook_event")).as("no subscriber at all").isZero();

        subscribe(WebhookEventType.values());
        // an import of last year's follow-ups: history, not news
        crm.followUp(lead, Instant.parse("2024-01-13T10:00:00Z"), FollowUpOutcome.ACCEPTED, null);
        assertThat(crm.stage(lead)).isEqualTo(Stage.SAL);
        assertThat(count("webhook_event")).isZero();

        crm.followUp(lead, T0, FollowUpOutcome.REJECTED, " Bad_Fit ");
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.get("event_type")).isEqualTo("lead.rejected");
            assertThat((String) e.get("body")).contains("\"stage\":\"NURTURE\"", "\"from_stage\":\"SAL\"",
                    "\"reasons\":[\"rejected by sales\",\"bad_fit\"]", "\"due_at\":null");
        });
    }

    @Test
    void aLiveMoveIsNewsToEverySubscriberHoweverEarlyItsSignal() {
        subscribe(WebhookEventType.MQL_CREATED);
        Instant beforeSubscribed = SUBSCRIBED.minus(Duration.ofHours(3));
        long imported = crm.lead("W-5", beforeSubscribed.minus(Duration.ofDays(1)));
        long pushed = crm.lead("W-6", beforeSubscribed.minus(Duration.ofDays(1)));
        String fastTrack = "fast-track: demo request (score 0.024): requested a demo; a VP";

        // the nightly run or an import dates the move at the signal: before the subscriber, history
        transitions.record(List.of(new LeadMove(imported, new Transition(Stage.LEAD, Stage.MQL, beforeSubscribed,
                fastTrack))), "rescore #7", 7);
        assertThat(count("webhook_event")).isZero();

        // a lead pushed now whose demo request came this morning, before the subscriber was added: news
        transitions.record(List.of(new LeadMove(pushed, new Transition(Stage.LEAD, Stage.MQL, beforeSubscribed,
                fastTrack))), "events:crm", StageTransitions.LIVE_RUN);
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.get("event_type")).isEqualTo("mql.created");
            assertThat((String) e.get("body")).contains("\"lead_id\":\"W-6\"", "\"occurred_at\":\"" + beforeSubscribed
                    + "\"", "\"reasons\":[\"fast-track: demo request (score 0.024)\",\"requested a demo\",\"a VP\"]");
        });
        assertThat(count("webhook_delivery")).isEqualTo(1);
    }

    @Test
    void acceptanceOfAnMqlCarriesItsEpisodesDueTime() {
        subscribe(WebhookEventType.LEAD_ACCEPTED);
        long lead = crm.lead("W-4", T0.minus(Duration.ofDays(1)));
        crm.becomesMql(lead, T0);
        crm.followUp(lead, T0.plus(Duration.ofHours(2)), FollowUpOutcome.ACCEPTED, null);

        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.get("event_type")).isEqualTo("lead.accepted");
            assertThat((String) e.get("body")).contains("\"lead_id\":\"W-4\"", "\"score\":null", "\"stage\":\"SAL\"",
                    "\"due_at\":\"" + T0.plus(Duration.ofHours(24)) + "\"", "\"mql_at\":\"" + T0 + "\"");
        });
    }

    @Test
    void theSlaCheckAnnouncesTheMqlsItRecycles() {
        subscribe(WebhookEventType.LEAD_RECYCLED);
        long lead = crm.lead("W-5", T0.minus(Duration.ofDays(1)));
        crm.becomesMql(lead, T0);

        Instant asOf = T0.plus(Duration.ofDays(15));
        assertThat(slaCheck.run(asOf).completed()).isTrue();

        assertThat(crm.stage(lead)).isEqualTo(Stage.NURTURE);
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.get("event_type")).isEqualTo("lead.recycled");
            assertThat((String) e.get("body")).contains("\"occurred_at\":\"" + asOf + "\"", "\"from_stage\":\"MQL\"",
                    "\"reasons\":[\"sla_recycled\"]", "\"due_at\":\"" + T0.plus(Duration.ofHours(24)) + "\"");
        });
    }

    @Test
    void slaAlertsFireOncePerMqlEpisodeAtThreeQuartersAndAtTheEnd() {
        subscribe(WebhookEventType.SLA_WARNING, WebhookEventType.SLA_BREACHED);
        long answered = crm.lead("S-ANSWERED", T0.minus(Duration.ofDays(1)));
        long silent = crm.lead("S-SILENT", T0.minus(Duration.ofDays(1)));
        crm.becomesMql(answered, T0);
        crm.becomesMql(silent, T0);
        crm.followUp(answered, T0.plus(Duration.ofHours(3)), FollowUpOutcome.NO_ANSWER, null);
        Instant warning = T0.plus(Duration.ofHours(18));
        Instant due = T0.plus(Duration.ofHours(24));

        assertThat(slaAlerts.fire(warning.minusMillis(1))).isZero();
        assertThat(slaAlerts.fire(warning)).isEqualTo(1);
        assertThat(slaAlerts.fire(warning.plus(Duration.ofHours(1)))).isZero();
        assertThat(slaAlerts.fire(due.minusMillis(1))).isZero();
        assertThat(slaAlerts.fire(due)).isEqualTo(1);
        assertThat(slaAlerts.fire(due.plus(Duration.ofDays(1)))).isZero();

        assertThat(events()).extracting(e -> e.get("event_type")).containsExactly("sla.warning", "sla.breached");
        assertThat(events()).allSatisfy(e -> assertThat(((Number) e.get("lead_id")).longValue()).isEqualTo(silent));
        assertThat((String) events().get(0).get("body")).contains("\"occurred_at\":\"" + warning + "\"",
                "\"due_at\":\"" + due + "\"", "\"stage\":\"MQL\"");

        // a new MQL episode of the same lead is watched afresh
        crm.followUp(silent, due.plus(Duration.ofDays(1)), FollowUpOutcome.REJECTED, "not_ready");
        Instant again = due.plus(Duration.ofDays(2));
        crm.becomesMql(silent, again);
        assertThat(slaAlerts.fire(again.plus(Duration.ofHours(30)))).as("warning marked, breach announced").isEqualTo(2);
        assertThat(events()).extracting(e -> e.get("event_type")).containsExactly("sla.warning", "sla.breached",
                "sla.breached");
    }

    @Test
    void twoProcessesFiringAtOnceFireEachAlertOnce() throws Exception {
        subscribe(WebhookEventType.SLA_WARNING, WebhookEventType.SLA_BREACHED);
        for (int i = 0; i < 40; i++) {
            crm.becomesMql(crm.lead("C-" + i, T0.minus(Duration.ofDays(1))), T0.plus(Duration.ofMinutes(i)));
        }
        Instant now = T0.plus(Duration.ofHours(19));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> scan = () -> slaAlerts.fire(now);
            List<Future<Integer>> both = pool.invokeAll(List.of(scan, scan));
            assertThat(both.get(0).get() + both.get(1).get()).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("sla_alert")).isEqualTo(40);
        assertThat(count("webhook_event")).isEqualTo(40);
        assertThat(count("webhook_delivery")).isEqualTo(40);
    }

    @Test
    void aClaimedDeliveryIsNobodyElsesUntilItsLeaseRunsOut() {
        subscribe(WebhookEventType.MQL_CREATED);
        transitions.record(List.of(toMql(crm.lead("D-1", T0), T0)), "live", 0);
        // the store keeps microseconds: a time with nanoseconds would be rounded, maybe up, past "due at now"
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        List<Deliveries.Claimed> first = deliveries.claim(now, Duration.ofMinutes(1), 10);
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.eventType()).isEqualTo("mql.created");
            assertThat(c.url()).isEqualTo("https://crm.example/hooks/1");
            assertThat(c.body()).contains("\"id\":\"" + c.eventId() + "\"");
        });
        assertThat(deliveries.claim(now.plusSeconds(59), Duration.ofMinutes(1), 10)).isEmpty();
        List<Deliveries.Claimed> retaken = deliveries.claim(now.plusSeconds(61), Duration.ofMinutes(1), 10);
        assertThat(retaken).singleElement().satisfies(c -> assertThat(c.claim()).isNotEqualTo(first.get(0).claim()));

        // the first worker's late outcome is not recorded over the second's claim
        assertThat(deliveries.delivered(first.get(0), now.plusSeconds(62), 200)).isFalse();
        assertThat(deliveries.find(first.get(0).id()).orElseThrow().status()).isEqualTo(Deliveries.Status.PENDING);
        assertThat(deliveries.failed(retaken.get(0), now.plusSeconds(62), 503, "HTTP 503", now.plusSeconds(72))).isTrue();
        Deliveries.View failed = deliveries.find(first.get(0).id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Deliveries.Status.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastStatusCode()).isEqualTo(503);
        assertThat(failed.lastError()).isEqualTo("HTTP 503");
        assertThat(failed.leadId()).isEqualTo("D-1");
        assertThat(deliveries.claim(now.plusSeconds(71), Duration.ofMinutes(1), 10)).isEmpty();

        Deliveries.Claimed third = deliveries.claim(now.plusSeconds(72), Duration.ofMinutes(1), 10).get(0);
        deliveries.failed(third, now.plusSeconds(73), null, "connection refused", null);
        assertThat(deliveries.find(third.id()).orElseThrow().status()).isEqualTo(Deliveries.Status.FAILED);
        assertThat(deliveries.claim(now.plus(Duration.ofDays(3)), Duration.ofMinutes(1), 10)).isEmpty();

        assertThat(deliveries.redeliver(third.id(), now.plusSeconds(80))).isTrue();
        Deliveries.Claimed fourth = deliveries.claim(now.plusSeconds(80), Duration.ofMinutes(1), 10).get(0);
        assertThat(deliveries.delivered(fourth, now.plusSeconds(81), 204)).isTrue();
        Deliveries.View done = deliveries.find(third.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Deliveries.Status.DELIVERED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.lastError()).isNull();
    }

    @Test
    void aRetryThatGoesThroughMakesTheReceiversBackloggedDeliveriesDueAtOnce() {
        subscribe(WebhookEventType.MQL_CREATED);
        transitions.record(List.of(toMql(crm.lead("B-1", T0), T0), toMql(crm.lead("B-2", T0), T0.plusSeconds(1)),
                toMql(crm.lead("B-3", T0), T0.plusSeconds(2))), "live", 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // the receiver is down: each delivery fails and waits out its backoff, the last for five minutes
        List<Deliveries.Claimed> first = deliveries.claim(now, Duration.ofMinutes(1), 10);
        assertThat(first).hasSize(3);
        deliveries.failed(first.get(0), now, 503, "HTTP 503", now.plusSeconds(10));
        deliveries.failed(first.get(1), now, 503, "HTTP 503", now.plusSeconds(160));
        deliveries.failed(first.get(2), now, 503, "HTTP 503", now.plusSeconds(320));

        // it comes back: the first retry goes through, and the two waiting are due at once
        Deliveries.Claimed retry = deliveries.claim(now.plusSeconds(10), Duration.ofMinutes(1), 10).get(0);
        assertThat(deliveries.delivered(retry, now.plusSeconds(11), 200)).isTrue();
        assertThat(deliveries.claim(now.plusSeconds(11), Duration.ofMinutes(1), 10)).hasSize(2);
    }

    @Test
    void aRemovedSubscriberGetsNothingMoreAndItsPendingDeliveriesAreCancelled() {
        Subscriber s = subscribe(WebhookEventType.MQL_CREATED);
        transitions.record(List.of(toMql(crm.lead("R-1", T0), T0)), "live", 0);

        assertThat(subscribers.remove(s.id(), T0.plusSeconds(1))).isTrue();
        assertThat(subscribers.remove(s.id(), T0.plusSeconds(2))).isFalse();

        assertThat(deliveries.recent(null, 10)).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(Deliveries.Status.CANCELLED));
        assertThat(deliveries.redeliver(deliveries.recent(null, 10).get(0).id(), T0)).isFalse();
        transitions.record(List.of(toMql(crm.lead("R-2", T0), T0.plusSeconds(5))), "live", 0);
        assertThat(count("webhook_event")).isEqualTo(1);
    }

    @Test
    void secretsAreStoredSealedAndOlderPlainOnesAreSealedInPlace() {
        Subscriber hook = subscribe(WebhookEventType.MQL_CREATED);
        String stored = jdbc.queryForObject("SELECT secret FROM webhook_subscriber WHERE id = ?", String.class, hook.id());
        assertThat(stored).startsWith(SecretSeal.PREFIX).doesNotContain(SECRET);
        assertThat(subscribers.signing(hook.id()).orElseThrow().secret()).isEqualTo(SECRET);

        // a secret stored before secrets were sealed is used as it is, then sealed where it lies
        jdbc.update("UPDATE webhook_subscriber SET secret = ? WHERE id = ?", "an-older-plain-secret-0123456789", hook.id());
        assertThat(subscribers.signing(hook.id()).orElseThrow().secret()).isEqualTo("an-older-plain-secret-0123456789");
        assertThat(subscribers.sealStoredSecrets()).isEqualTo(1);
        assertThat(subscribers.sealStoredSecrets()).isZero();
        assertThat(jdbc.queryForObject("SELECT secret FROM webhook_subscriber WHERE id = ?", String.class, hook.id()))
                .startsWith(SecretSeal.PREFIX);
        assertThat(subscribers.signing(hook.id()).orElseThrow().secret()).isEqualTo("an-older-plain-secret-0123456789");
    }

    @Test
    void configuredSubscribersFollowTheConfigFile() {
        Subscribers.Configured crmHook = new Subscribers.Configured("https://crm.example/a",
                Set.of(WebhookEventType.MQL_CREATED), "CRM_SECRET");
        subscribers.syncConfigured(List.of(crmHook), SUBSCRIBED);
        subscribers.syncConfigured(List.of(crmHook, new Subscribers.Configured("https://crm.example/b",
                Set.of(WebhookEventType.SLA_BREACHED), "B_SECRET")), SUBSCRIBED.plusSeconds(60));

        List<Subscriber> active = subscribers.active();
        assertThat(active).extracting(Subscriber::url, Subscriber::createdAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("https://crm.example/a", SUBSCRIBED),
                org.assertj.core.groups.Tuple.tuple("https://crm.example/b", SUBSCRIBED.plusSeconds(60)));
        assertThat(subscribers.signing(active.get(0).id()).orElseThrow().secretEnv()).isEqualTo("CRM_SECRET");
        assertThat(subscribers.signing(active.get(0).id()).orElseThrow().toString()).doesNotContain("secret=");

        subscribers.syncConfigured(List.of(new Subscribers.Configured("https://crm.example/a",
                Set.of(WebhookEventType.MQL_CREATED, WebhookEventType.LEAD_ACCEPTED), "CRM_SECRET")), SUBSCRIBED.plusSeconds(120));
        assertThat(subscribers.active()).singleElement().satisfies(s -> {
            assertThat(s.events()).containsExactlyInAnyOrder(WebhookEventType.MQL_CREATED, WebhookEventType.LEAD_ACCEPTED);
            assertThat(s.createdAt()).isEqualTo(SUBSCRIBED);
        });
    }
}

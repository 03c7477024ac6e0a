package io.leadscore.batch.webhooks;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transactional outbox: {@link #write} puts events in the store inside the
 * caller's transaction, so an event exists exactly when the change that caused
 * it committed. Each event gets a random id (stable across retries, what
 * receivers dedupe by), its body fixed once as JSON, and one pending delivery
 * per subscriber that wants it. An event that happened before a subscriber was
 * added is not sent to it, unless the live flow writes it (what is pushed now
 * is news), and an event no subscriber wants is not written at all: an import
 * of years of history, or a store nobody subscribed to, leaves the outbox
 * empty.
 *
 * <p>Once the transaction commits, the listeners registered with
 * {@link #afterCommit} are told (the delivery worker of a {@code serve} process
 * wakes up at once instead of at its next poll).
 */
@Component
public class Outbox {
    /** Writes each event's body once; its bytes are what every retry signs. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int IN_LIST = 100;

    private final JdbcTemplate jdbc;
    private final Subscribers subscribers;
    private final PolicyStore policies;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Outbox(JdbcTemplate jdbc, Subscribers subscribers, PolicyStore policies, Clock clock) {
        this.jdbc = jdbc;
        this.subscribers = subscribers;
        this.policies = policies;
        this.clock = clock;
    }

    /** Runs {@code listener} after each commit that wrote events (on the committing thread: keep it short). */
    public void afterCommit(Runnable listener) {
        listeners.add(listener);
    }

    /** What the store knows of a lead when its event is written. */
    private record LeadFacts(String leadKey, Instant mqlAt, Double score) {
    }

    private record Written(OutboxEvent event, String eventId, String body, List<Long> subscribers) {
    }

    /**
     * Writes the events some subscriber wants, with their deliveries, in the caller's transaction.
     *
     * @return the events written
     */
    public int write(List<OutboxEvent> events) {
        return write(events, false);
    }

    /**
     * Writes the events some subscriber wants, with their deliveries, in the caller's transaction; {@code live}: the
     * live flow's, news to every subscriber whenever they happened.
     *
     * @return the events written
     */
    public int write(List<OutboxEvent> events, boolean live) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Subscriber> active = subscribers.active();
        if (active.isEmpty()) {
            return 0;
        }
        Map<OutboxEvent, List<Long>> wanted = new HashMap<>();
        Set<Long> leads = new LinkedHashSet<>();
        List<OutboxEvent> kept = new ArrayList<>();
        for (OutboxEvent event : events) {
            List<Long> to = new ArrayList<>();
            for (Subscriber s : active) {
                if (s.wants(event.type(), event.occurredAt(), live)) {
                    to.add(s.id());
                }
            }
            if (!to.isEmpty()) {
                wanted.put(event, to);
                kept.add(event);
                leads.add(event.leadId());
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        Map<Long, LeadFacts> facts = facts(new ArrayList<>(leads));
        Policy policy = policies.current();
        Instant now = clock.instant();
        List<Written> written = new ArrayList<>(kept.size());
        for (OutboxEvent event : kept) {
            LeadFacts lead = facts.get(event.leadId());
            if (lead == null) {
                throw new IllegalArgumentException("Invalid event " + event.type().wireName() + " for lead "
                        + event.leadId() + ": no such lead in the store");
            }
            String id = UUID.randomUUID().toString();
            written.add(new Written(event, id, body(id, event, lead, policy), wanted.get(event)));
        }
        jdbc.batchUpdate("INSERT INTO webhook_event (event_id, event_type, lead_id, occurred_at, recorded_at, body)"
                + " VALUES (?, ?, ?, ?, ?, ?)", written, written.size(), (ps, w) -> {
                    ps.setString(1, w.eventId());
                    ps.setString(2, w.event().type().wireName());
                    ps.setLong(3, w.event().leadId());
                    Instants.bind(ps, 4, w.event().occurredAt());
                    Instants.bind(ps, 5, now);
                    ps.setString(6, w.body());
                });
        List<Map.Entry<String, Long>> deliveries = new ArrayList<>();
        for (Written w : written) {
            for (Long subscriber : w.subscribers()) {
                deliveries.add(Map.entry(w.eventId(), subscriber));
            }
        }
        jdbc.batchUpdate("INSERT INTO webhook_delivery (event_id, subscriber_id, status, attempts, created_at,"
                + " next_attempt_at) SELECT e.id, ?, 'PENDING', 0, ?, ? FROM webhook_event e WHERE e.event_id = ?",
                deliveries, deliveries.size(), (ps, d) -> {
                    ps.setLong(1, d.getValue());
                    Instants.bind(ps, 2, now);
                    Instants.bind(ps, 3, now);
                    ps.setString(4, d.getKey());
                });
        tellAfterCommit();
        return written.size();
    }

    private void tellAfterCommit() {
        if (listeners.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listeners.forEach(Runnable::run);
                }
            });
        } else {
            listeners.forEach(Runnable::run);
        }
    }

    private Map<Long, LeadFacts> facts(List<Long> leads) {
        Map<Long, LeadFacts> facts = new HashMap<>();
        for (int from = 0; from < leads.size(); from += IN_LIST) {
            List<Long> part = leads.subList(from, Math.min(leads.size(), from + IN_LIST));
            String marks = String.join(",", Collections.nCopies(part.size(), "?"));
            jdbc.query("SELECT l.id, l.lead_key, l.mql_at, s.score FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id"
                    + " WHERE l.id IN (" + marks + ")", rs -> {
                        double value = rs.getDouble(4);
                        Double score = rs.wasNull() ? null : value;
                        facts.put(rs.getLong(1), new LeadFacts(rs.getString(2), Instants.read(rs, 3), score));
                    }, part.toArray());
        }
        return facts;
    }

    /**
     * The event's JSON: the contract's keys ({@code id, type, occurred_at, lead_id, score, stage, due_at, reasons})
     * and, added, {@code from_stage}, {@code mql_at} and {@code reason} (the recorded reason as one text). The SLA
     * due time is given for events of an MQL episode: mql.created, the SLA alerts, a recycling, and sales' answer
     * to an MQL.
     */
    private static String body(String id, OutboxEvent event, LeadFacts lead, Policy policy) {
        Instant mqlAt = event.mqlAt() != null ? event.mqlAt()
                : event.fromStage() == Stage.MQL || event.stage() == Stage.MQL ? lead.mqlAt() : null;
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id);
        json.put("type", event.type().wireName());
        json.put("occurred_at", text(event.occurredAt()));
        json.put("lead_id", lead.leadKey());
        Double score = lead.score();
        json.put("score", score == null || !Double.isFinite(score) ? null : score);
        json.put("stage", event.stage().name());
        json.put("due_at", mqlAt == null ? null : text(policy.slaDueAt(mqlAt)));
        ArrayNode reasons = json.putArray("reasons");
        StageEngine.reasonsOf(event.why()).forEach(reasons::add);
        json.put("from_stage", event.fromStage() == null ? null : event.fromStage().name());
        json.put("mql_at", text(mqlAt));
        json.put("reason", event.why());
        return JSON.writeValueAsString(json);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

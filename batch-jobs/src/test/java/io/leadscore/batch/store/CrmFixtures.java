package io.leadscore.batch.store;

import io.leadscore.batch.registry.ModelSigningKey;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.stages.StageTransitions.LeadMove;
import io.leadscore.batch.webhooks.Outbox;
import io.leadscore.batch.webhooks.SecretSeal;
import io.leadscore.batch.webhooks.Subscribers;
import io.leadscore.scoring.artifact.ModelSignature;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.StageEvent;
import io.leadscore.scoring.stages.Transition;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes CRM store rows the way the jobs leave them, for functional tests:
 * a lead enters at LEAD as of its creation (recorded as the import records it),
 * the nightly rescoring makes it an MQL, and follow-ups and deals move its
 * stage by the shared stage rules ({@link StageEngine}), each move stored by
 * the stage repository ({@link StageTransitions}) as the jobs store it. Every lead gets an email address, so tests can check that none
 * reaches a log.
 */
public final class CrmFixtures {
    public static final String EMAIL_DOMAIN = "@vandelay.example";
    private static final String IMPORT_ACTOR = "import #1";
    private static final String RESCORE_ACTOR = "rescore #7";

    private final JdbcTemplate jdbc;
    private final StageTransitions transitions;

    public CrmFixtures(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // moves go through the outbox as the jobs' do: subscribers in the store hear of them
        this.transitions = new StageTransitions(jdbc, new Outbox(jdbc, new Subscribers(jdbc,
                new SecretSeal(ModelSigningKey.of(new byte[ModelSignature.MIN_KEY_BYTES]))), new PolicyStore(jdbc),
                Clock.systemUTC()));
    }

    /** A lead at LEAD since {@code createdAt}; returns its id. */
    public long lead(String key, Instant createdAt) {
        return lead(key, createdAt, null, null);
    }

    /** A lead with a source and campaign (either may be {@code null}) at LEAD since {@code createdAt}; returns its id. */
    public long lead(String key, Instant createdAt, String source, String campaign) {
        jdbc.update("INSERT INTO lead (lead_key, created_at, email, source, campaign, content_hash, stage, stage_changed_at,"
                        + " imported_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 'LEAD', ?, ?, ?)",
                key, Instants.utc(createdAt), key.toLowerCase(Locale.ROOT) + EMAIL_DOMAIN, source, campaign,
                Instants.utc(createdAt), Instants.utc(createdAt), Instants.utc(createdAt));
        long id = id(key);
        transitions.arrived(List.of(new LeadMove(id, new Transition(null, Stage.LEAD, createdAt, "imported"))),
                IMPORT_ACTOR, 1);
        return id;
    }

    public long id(String key) {
        Long id = jdbc.queryForObject("SELECT id FROM lead WHERE lead_key = ?", Long.class, key);
        if (id == null) {
            throw new IllegalArgumentException("No lead " + key);
        }
        return id;
    }

    /** What the nightly rescoring does when a lead crosses the threshold, including marking its SLA open. */
    public void becomesMql(long leadId, Instant at) {
        becomesMql(leadId, at, true);
    }

    /** As {@link #becomesMql(long, Instant)}; {@code markSlaOpen = false} plays a writer that does not set the SLA state. */
    public void becomesMql(long leadId, Instant at, boolean markSlaOpen) {
        Transition move = new Transition(stage(leadId), Stage.MQL, at, "score at or above the MQL threshold");
        if (markSlaOpen) {
            transitions.record(List.of(new LeadMove(leadId, move)), RESCORE_ACTOR, 7);
            return;
        }
        jdbc.update("UPDATE lead SET stage = 'MQL', mql_at = ?, stage_changed_at = ? WHERE id = ?",
                Instants.utc(at), Instants.utc(at), leadId);
        transition(leadId, move.from(), Stage.MQL, at, move.reason(), RESCORE_ACTOR);
    }

    /** A follow-up as the import stores it, and the stage move it makes. */
    public void followUp(long leadId, Instant at, FollowUpOutcome outcome, String reason) {
        jdbc.update("INSERT INTO followup (lead_id, occurred_at, rep, rep_key, channel, outcome, reason, content_hash,"
                        + " import_run) VALUES (?, ?, 'rep-1', 'rep-1', 'PHONE', ?, ?, 0, 1)",
                leadId, Instants.utc(at), outcome.name(), reason);
        apply(leadId, new StageEvent.FollowedUp(outcome, reason, at), at);
    }

    /** A deal as the import stores it (closed when {@code closedAt} is given), and the stage moves it makes. */
    public void deal(long leadId, String key, Instant createdAt, DealStatus status, Instant closedAt, String amount) {
        jdbc.update("INSERT INTO deal (deal_key, lead_id, created_at, status, closed_at, amount, content_hash, import_run,"
                        + " imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?)",
                key, leadId, Instants.utc(createdAt), status.name(), Instants.utc(closedAt), new BigDecimal(amount),
                Instants.utc(createdAt), Instants.utc(createdAt));
        apply(leadId, new StageEvent.DealOpened(key, createdAt), createdAt);
        if (status != DealStatus.OPEN) {
            apply(leadId, new StageEvent.DealClosed(key, status, closedAt), closedAt);
        }
    }

    /** A move made by hand (a person, say), recorded with its reason. */
    public void move(long leadId, Stage to, Instant at, String reason, String actor) {
        transitions.record(List.of(new LeadMove(leadId, new Transition(stage(leadId), to, at, reason))), actor, 1);
    }

    public Stage stage(long leadId) {
        return Stage.valueOf(jdbc.queryForObject("SELECT stage FROM lead WHERE id = ?", String.class, leadId));
    }

    private void apply(long leadId, StageEvent event, Instant at) {
        LeadStage from = transitions.stages(List.of(leadId)).get(leadId);
        Optional<Transition> move = StageEngine.decide(from, event, Policy.defaults(), at).move();
        move.ifPresent(t -> transitions.record(List.of(new LeadMove(leadId, t)), IMPORT_ACTOR, 1));
    }

    /** An audit-trail row written directly: a writer that bypasses the repository, for the safety-net tests. */
    private void transition(long leadId, Stage from, Stage to, Instant at, String reason, String actor) {
        jdbc.update("INSERT INTO stage_transition (lead_id, from_stage, to_stage, occurred_at, reason, actor, run_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 1)",
                leadId, from == null ? null : from.name(), to.name(), Instants.utc(at), reason, actor);
    }
}

package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.StoreDialect;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a chunk of SLA decisions with JDBC batches: the new breaches (at most
 * one per lead and MQL time, which the store's unique key also enforces), the
 * first follow-up of earlier breaches, each lead's new state, and the run's
 * counts. Breaches are logged by lead key once their chunk has committed.
 */
class SlaDecisionWriter implements ItemWriter<SlaDecision> {
    private static final Logger log = LoggerFactory.getLogger(SlaDecisionWriter.class);

    private final JdbcTemplate jdbc;
    private final SlaCheckRuns runs;
    private final long runId;
    private final Instant asOf;
    private final String insertBreach;

    SlaDecisionWriter(JdbcTemplate jdbc, StoreDialect dialect, SlaCheckRuns runs, long runId, Instant asOf) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.runId = runId;
        this.asOf = asOf;
        this.insertBreach = switch (dialect) {
            case POSTGRESQL -> "INSERT INTO sla_breach (lead_id, mql_at, due_at, detected_at, run_id, first_touch_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT sla_breach_unique DO NOTHING";
            case H2 -> "MERGE INTO sla_breach t USING (VALUES (CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE))) s (lead_id, mql_at, due_at, detected_at, run_id, first_touch_at)"
                    + " ON t.lead_id = s.lead_id AND t.mql_at = s.mql_at"
                    + " WHEN NOT MATCHED THEN INSERT (lead_id, mql_at, due_at, detected_at, run_id, first_touch_at)"
                    + " VALUES (s.lead_id, s.mql_at, s.due_at, s.detected_at, s.run_id, s.first_touch_at)";
        };
    }

    @Override
    public void write(Chunk<? extends SlaDecision> chunk) {
        List<SlaDecision> breaches = new ArrayList<>();
        List<SlaDecision> touchedLate = new ArrayList<>();
        long met = 0;
        long expired = 0;
        for (SlaDecision decision : chunk) {
            if (decision.newBreach()) {
                breaches.add(decision);
            } else if (decision.touchedAfterBreach()) {
                touchedLate.add(decision);
            }
            if (decision.state() == SlaState.MET) {
                met++;
            } else if (decision.state() == SlaState.EXPIRED) {
                expired++;
            }
        }
        List<SlaDecision> recorded = insertBreaches(breaches);
        if (!touchedLate.isEmpty()) {
            jdbc.batchUpdate("UPDATE sla_breach SET first_touch_at = ? WHERE lead_id = ? AND mql_at = ? AND first_touch_at IS NULL",
                    touchedLate, touchedLate.size(), (ps, d) -> {
                        Instants.bind(ps, 1, d.firstTouch());
                        ps.setLong(2, d.candidate().leadId());
                        Instants.bind(ps, 3, d.candidate().mqlAt());
                    });
        }
        List<? extends SlaDecision> all = chunk.getItems();
        jdbc.batchUpdate("UPDATE lead SET sla_state = ?, sla_mql_at = ? WHERE id = ? AND mql_at = ?",
                all, all.size(), (ps, d) -> {
                    ps.setString(1, d.state().name());
                    Instants.bind(ps, 2, d.candidate().mqlAt());
                    ps.setLong(3, d.candidate().leadId());
                    Instants.bind(ps, 4, d.candidate().mqlAt());
                });
        runs.countDecisions(runId, met, recorded.size(), touchedLate.size(), expired);
        afterCommit(() -> recorded.forEach(d -> log.info("SLA breach: lead {} became MQL at {}, first follow-up was due by {}, {}",
                d.candidate().leadKey(), d.candidate().mqlAt(), d.dueAt(),
                d.firstTouch() == null ? "none by " + asOf : "it came at " + d.firstTouch())));
    }

    /** Inserts the breaches not recorded yet; returns those it inserted. */
    private List<SlaDecision> insertBreaches(List<SlaDecision> breaches) {
        List<SlaDecision> recorded = new ArrayList<>(breaches.size());
        if (breaches.isEmpty()) {
            return recorded;
        }
        int[][] counts = jdbc.batchUpdate(insertBreach, breaches, breaches.size(), (ps, d) -> {
            ps.setLong(1, d.candidate().leadId());
            Instants.bind(ps, 2, d.candidate().mqlAt());
            Instants.bind(ps, 3, d.dueAt());
            Instants.bind(ps, 4, asOf);
            ps.setLong(5, runId);
            Instants.bind(ps, 6, d.firstTouch());
        });
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    recorded.add(breaches.get(i));
                }
                i++;
            }
        }
        return recorded;
    }

    static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}

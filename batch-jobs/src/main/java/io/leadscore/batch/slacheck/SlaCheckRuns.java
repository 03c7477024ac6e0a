package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.StoredPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code sla_check_run} rows: per run, the terms it applies and the counts
 * of what it decided, changed in the same transactions as the decisions, so a
 * restarted run ends with exact counts.
 */
final class SlaCheckRuns {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    SlaCheckRuns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One run's row. */
    record Run(long runId, Instant asOf, SlaTerms terms, long met, long breached, long touchedAfterBreach,
               long expired, long recycled) {
    }

    /**
     * Starts a run on the given policy, unless an earlier attempt of the run already did: a restart keeps the
     * terms its run began with.
     */
    SlaTerms open(long runId, Instant asOf, StoredPolicy policy) {
        Optional<Run> existing = find(runId);
        if (existing.isPresent()) {
            return existing.get().terms();
        }
        SlaTerms terms = new SlaTerms(policy.version(), policy.policy().slaHours(), policy.policy().recycleAfterDays());
        jdbc.update("INSERT INTO sla_check_run (run_id, as_of, policy_version, sla_hours, recycle_after_days, met, breached,"
                        + " touched_after_breach, expired, recycled, started_at) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)",
                runId, Instants.utc(asOf), terms.policyVersion(), terms.slaHours(), terms.recycleAfterDays(),
                Instants.utc(clock.instant()));
        return terms;
    }

    /**
     * The terms of a started run.
     *
     * @throws IllegalStateException when the run has not started
     */
    SlaTerms terms(long runId) {
        return find(runId).orElseThrow(() -> new IllegalStateException("SLA check run " + runId + " has not started"))
                .terms();
    }

    Optional<Run> find(long runId) {
        List<Run> rows = jdbc.query("SELECT run_id, as_of, policy_version, sla_hours, recycle_after_days, met, breached,"
                        + " touched_after_breach, expired, recycled FROM sla_check_run WHERE run_id = ?",
                (rs, i) -> new Run(rs.getLong(1), Instants.read(rs, 2), new SlaTerms(rs.getInt(3), rs.getDouble(4), rs.getInt(5)),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)),
                runId);
        return rows.stream().findFirst();
    }

    void countDecisions(long runId, long met, long breached, long touchedAfterBreach, long expired) {
        if (met + breached + touchedAfterBreach + expired == 0) {
            return;
        }
        jdbc.update("UPDATE sla_check_run SET met = met + ?, breached = breached + ?,"
                        + " touched_after_breach = touched_after_breach + ?, expired = expired + ? WHERE run_id = ?",
                met, breached, touchedAfterBreach, expired, runId);
    }

    void countRecycled(long runId, long recycled) {
        if (recycled == 0) {
            return;
        }
        jdbc.update("UPDATE sla_check_run SET recycled = recycled + ? WHERE run_id = ?", recycled, runId);
    }
}

package io.leadscore.batch.liveevents;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageEngine;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sales' queue: the open MQLs waiting for a first follow-up since they became
 * MQLs, soonest due first, with why each qualified (the reason the stage move
 * recorded: the rule that fired and the top reasons raising the score).
 */
@Component
public class SalesQueue {
    /**
     * The reason recorded with a lead's current MQL move (lead alias {@code l}): the rule that made it one, then the
     * reasons raising its score ({@link io.leadscore.scoring.stages.StageEngine#reasonsOf} reads it).
     */
    static final String MQL_REASON = "(SELECT MAX(t.reason) FROM stage_transition t WHERE t.lead_id = l.id"
            + " AND t.to_stage = 'MQL' AND t.occurred_at = l.mql_at)";

    /** Entries answered when no limit is asked for. */
    public static final int DEFAULT_LIMIT = 50;
    /** The most entries one answer holds. */
    public static final int MAX_LIMIT = 500;

    private final JdbcTemplate jdbc;

    public SalesQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One MQL in the queue.
     *
     * @param reasons the rule that made it an MQL, then the reasons raising its score
     */
    public record Entry(String leadId, Double score, String grade, Instant mqlAt, Instant dueAt, List<String> reasons,
                        String company, String source, String email) {
        public Entry {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param limit   at most this many, from 1; above {@value #MAX_LIMIT} the first {@value #MAX_LIMIT} (one answer
     *                holds no more, and the soonest due come first)
     * @param overdue only those whose SLA has run out by {@code now}
     * @throws InvalidInputException for a limit below 1
     */
    public List<Entry> open(int limit, boolean overdue, Policy policy, Instant now) {
        if (limit < 1) {
            throw new InvalidInputException("limit " + limit + " is out of range: expected 1 or more (at most "
                    + MAX_LIMIT + " are answered)");
        }
        limit = Math.min(limit, MAX_LIMIT);
        // due = mql_at + the SLA: the order of mql_at is the order of due times; overdue: mql_at before now - SLA
        Instant overdueBefore = now.minus(java.time.Duration.between(now, policy.slaDueAt(now)));
        String sql = "SELECT l.lead_key, s.score, s.grade, l.mql_at, l.company, l.source, l.email,"
                + " " + MQL_REASON + " AS why"
                + " FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id"
                + " WHERE l.stage = 'MQL' AND l.mql_at IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM followup f WHERE f.lead_id = l.id AND f.occurred_at >= l.mql_at)"
                + (overdue ? " AND l.mql_at < ?" : "")
                + " ORDER BY l.mql_at, l.id FETCH FIRST " + limit + " ROWS ONLY";
        Object[] args = overdue ? new Object[] {Instants.utc(overdueBefore)} : new Object[0];
        return jdbc.query(sql, (rs, i) -> {
            double score = rs.getDouble(2);
            Double s = rs.wasNull() ? null : score;
            String grade = rs.getString(3);
            Instant mqlAt = Instants.read(rs, 4);
            return new Entry(rs.getString(1), s, grade == null ? null : grade.strip(), mqlAt, policy.slaDueAt(mqlAt),
                    StageEngine.reasonsOf(rs.getString(8)), rs.getString(5), rs.getString(6), rs.getString(7));
        }, args);
    }
}

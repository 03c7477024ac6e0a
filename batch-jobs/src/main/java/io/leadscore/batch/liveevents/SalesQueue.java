package io.leadscore.batch.liveevents;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
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
     * @param limit   at most this many, 1 to {@value #MAX_LIMIT}
     * @param overdue only those whose SLA has run out by {@code now}
     * @throws InvalidInputException for a limit out of its range
     */
    public List<Entry> open(int limit, boolean overdue, Policy policy, Instant now) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit " + limit + " is out of range: expected 1 to " + MAX_LIMIT);
        }
        // due = mql_at + the SLA: the order of mql_at is the order of due times; overdue: mql_at before now - SLA
        Instant overdueBefore = now.minus(java.time.Duration.between(now, policy.slaDueAt(now)));
        String sql = "SELECT l.lead_key, s.score, s.grade, l.mql_at, l.company, l.source, l.email,"
                + " (SELECT MAX(t.reason) FROM stage_transition t WHERE t.lead_id = l.id AND t.to_stage = 'MQL'"
                + " AND t.occurred_at = l.mql_at) AS why"
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
                    reasons(rs.getString(8)), rs.getString(5), rs.getString(6), rs.getString(7));
        }, args);
    }

    /**
     * "rule: reason; reason" as recorded on the move → [rule, reason, reason]. The rule ends with a number or a
     * parenthesis ("score 0.412 reached the MQL threshold 0.100", "fast-track: demo request (score 0.120)"), so the
     * reasons start after the first ": " that follows one.
     */
    static List<String> reasons(String recorded) {
        List<String> out = new ArrayList<>();
        if (recorded == null || recorded.isBlank()) {
            return out;
        }
        int colon = recorded.indexOf(": ");
        while (colon > 0 && !(recorded.charAt(colon - 1) == ')' || Character.isDigit(recorded.charAt(colon - 1)))) {
            colon = recorded.indexOf(": ", colon + 1);
        }
        out.add(colon < 0 ? recorded : recorded.substring(0, colon));
        if (colon >= 0) {
            for (String part : recorded.substring(colon + 2).split("; ")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}

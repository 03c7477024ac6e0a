package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadCursorReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The MQLs to recycle as of the run's as-of time: overdue (a breach recorded
 * for their current MQL time), still at stage MQL, with no follow-up at all
 * since they became MQL, and MQL for at least the policy's recycle-after days.
 */
class RecyclingCandidateReader extends LeadCursorReader<RecyclingCandidate> {
    private static final String SQL = "SELECT l.id, l.lead_key, l.mql_at FROM lead l"
            + " WHERE l.sla_state = 'OVERDUE' AND l.id > ? AND l.stage = 'MQL' AND l.sla_mql_at = l.mql_at"
            + "   AND l.mql_at <= ?"
            + "   AND NOT EXISTS (SELECT 1 FROM followup f"
            + "                    WHERE f.lead_id = l.id AND f.occurred_at >= l.mql_at AND f.occurred_at <= ?)"
            + " ORDER BY l.id";

    private final Instant asOf;
    private final SlaTerms terms;

    RecyclingCandidateReader(DataSource dataSource, Instant asOf, SlaTerms terms) {
        super(dataSource, "the MQLs to recycle");
        this.asOf = asOf;
        this.terms = terms;
    }

    @Override
    protected String sql() {
        return SQL;
    }

    @Override
    protected void bind(PreparedStatement statement, long afterLead) throws SQLException {
        statement.setLong(1, afterLead);
        Instants.bind(statement, 2, terms.recyclableMqlAtOrBefore(asOf));
        Instants.bind(statement, 3, asOf);
    }

    @Override
    protected RecyclingCandidate map(ResultSet row) throws SQLException {
        return new RecyclingCandidate(row.getLong(1), row.getString(2), Instants.read(row, 3));
    }

    @Override
    protected long leadId(RecyclingCandidate item) {
        return item.leadId();
    }
}

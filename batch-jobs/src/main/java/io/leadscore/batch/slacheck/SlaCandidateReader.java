package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadCursorReader;
import io.leadscore.scoring.domain.Stage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The MQLs whose SLA is still in play as of the run's as-of time, each with its
 * first follow-up since it became MQL, in one query: the leads marked
 * {@link SlaState#OPEN} or {@link SlaState#OVERDUE} (an index lookup), and,
 * as a safety net for a writer that did not mark a new MQL, the leads at stage
 * MQL whose state was not decided for their current MQL time. Settled MQLs are
 * never read again.
 */
class SlaCandidateReader extends LeadCursorReader<SlaCandidate> {
    private static final String COLUMNS = "id, lead_key, stage, mql_at, sla_state, sla_mql_at";
    private static final String SQL = "SELECT c.id, c.lead_key, c.stage, c.mql_at, c.sla_state, c.sla_mql_at,"
            + " (SELECT MIN(f.occurred_at) FROM followup f"
            + "   WHERE f.lead_id = c.id AND f.occurred_at >= c.mql_at AND f.occurred_at <= ?) AS first_touch"
            + " FROM (SELECT " + COLUMNS + " FROM lead WHERE sla_state IN ('OPEN', 'OVERDUE') AND id > ?"
            + "       UNION ALL"
            + "       SELECT " + COLUMNS + " FROM lead WHERE stage = 'MQL' AND id > ?"
            + "          AND (sla_state IS NULL OR sla_state NOT IN ('OPEN', 'OVERDUE'))"
            + "          AND (sla_mql_at IS NULL OR sla_mql_at <> mql_at)) c"
            + " WHERE c.mql_at IS NOT NULL AND c.mql_at <= ?"
            + " ORDER BY c.id";

    private final Instant asOf;

    SlaCandidateReader(DataSource dataSource, Instant asOf) {
        super(dataSource, "the MQLs to check");
        this.asOf = asOf;
    }

    @Override
    protected String sql() {
        return SQL;
    }

    @Override
    protected void bind(PreparedStatement statement, long afterLead) throws SQLException {
        Instants.bind(statement, 1, asOf);
        statement.setLong(2, afterLead);
        statement.setLong(3, afterLead);
        Instants.bind(statement, 4, asOf);
    }

    @Override
    protected SlaCandidate map(ResultSet row) throws SQLException {
        return new SlaCandidate(row.getLong(1), row.getString(2), Stage.valueOf(row.getString(3)), Instants.read(row, 4),
                SlaState.fromColumn(row.getString(5)).orElse(null), Instants.read(row, 6), Instants.read(row, 7));
    }

    @Override
    protected long leadId(SlaCandidate item) {
        return item.leadId();
    }
}

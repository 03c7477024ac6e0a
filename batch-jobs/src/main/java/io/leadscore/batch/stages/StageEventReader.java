package io.leadscore.batch.stages;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadCursorReader;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.stages.StageEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Streams, lead by lead in id order, the follow-ups and deals an import wrote
 * (one ordered query on its own connection), as stage events: one item per
 * lead with all its events. Restartable: it remembers the last lead handed
 * out and resumes after it ({@link LeadCursorReader}).
 */
public class StageEventReader extends LeadCursorReader<LeadStageEvents> {
    private static final String SQL = "SELECT lead_id, at, kind, detail, src FROM ("
            + " SELECT f.lead_id, f.occurred_at AS at, f.outcome AS kind, f.reason AS detail, 0 AS src"
            + "   FROM followup f WHERE f.import_run = ? AND f.lead_id > ?"
            + " UNION ALL SELECT d.lead_id, d.created_at, 'DEAL_OPENED', d.deal_key, 1"
            + "   FROM deal d WHERE d.import_run = ? AND d.lead_id > ?"
            + " UNION ALL SELECT d.lead_id, d.closed_at, d.status, d.deal_key, 2"
            + "   FROM deal d WHERE d.import_run = ? AND d.lead_id > ? AND d.status <> 'OPEN'"
            + ") e ORDER BY lead_id, at, src, detail";

    private final long runId;

    public StageEventReader(DataSource dataSource, long runId) {
        super(dataSource, "the stage events of import " + runId);
        this.runId = runId;
    }

    @Override
    protected String sql() {
        return SQL;
    }

    @Override
    protected void bind(PreparedStatement statement, long afterLead) throws SQLException {
        for (int i = 0; i < 3; i++) {
            statement.setLong(2 * i + 1, runId);
            statement.setLong(2 * i + 2, afterLead);
        }
    }

    /** The lead's events: this row and the rows of the same lead that follow it. */
    @Override
    protected LeadStageEvents readItem(ResultSet rows) throws SQLException {
        long lead = rows.getLong(1);
        List<StageEvent> events = new ArrayList<>(2);
        do {
            events.add(event(rows));
        } while (advance() && rows.getLong(1) == lead);
        return new LeadStageEvents(lead, events);
    }

    @Override
    protected LeadStageEvents map(ResultSet row) throws SQLException {
        return new LeadStageEvents(row.getLong(1), List.of(event(row)));
    }

    @Override
    protected long leadId(LeadStageEvents item) {
        return item.leadId();
    }

    private static StageEvent event(ResultSet rs) throws SQLException {
        String kind = rs.getString(3);
        java.time.Instant at = Instants.read(rs, 2);
        String detail = rs.getString(4);
        return switch (rs.getInt(5)) {
            case 0 -> new StageEvent.FollowedUp(FollowUpOutcome.valueOf(kind), detail, at);
            case 1 -> new StageEvent.DealOpened(detail, at);
            default -> new StageEvent.DealClosed(detail, DealStatus.valueOf(kind), at);
        };
    }
}

package io.leadscore.batch.stages;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.stages.StageEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams, lead by lead in id order, the follow-ups and deals an import wrote
 * (one ordered query on its own connection), as stage events. Restartable: it
 * remembers the last lead handed out and resumes after it.
 */
public class StageEventReader implements ItemStreamReader<LeadStageEvents> {
    private static final String LAST_LEAD = "last.lead";
    private static final String SQL = "SELECT lead_id, at, kind, detail, src FROM ("
            + " SELECT f.lead_id, f.occurred_at AS at, f.outcome AS kind, f.reason AS detail, 0 AS src"
            + "   FROM followup f WHERE f.import_run = ? AND f.lead_id > ?"
            + " UNION ALL SELECT d.lead_id, d.created_at, 'DEAL_OPENED', d.deal_key, 1"
            + "   FROM deal d WHERE d.import_run = ? AND d.lead_id > ?"
            + " UNION ALL SELECT d.lead_id, d.closed_at, d.status, d.deal_key, 2"
            + "   FROM deal d WHERE d.import_run = ? AND d.lead_id > ? AND d.status <> 'OPEN'"
            + ") e ORDER BY lead_id, at, src, detail";

    private final DataSource dataSource;
    private final long runId;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private boolean hasRow;
    private long lastLead;

    public StageEventReader(DataSource dataSource, long runId) {
        this.dataSource = dataSource;
        this.runId = runId;
    }

    @Override
    public void open(ExecutionContext context) {
        lastLead = context.getLong(LAST_LEAD, 0L);
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            statement = connection.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(1_000);
            for (int i = 0; i < 3; i++) {
                statement.setLong(2 * i + 1, runId);
                statement.setLong(2 * i + 2, lastLead);
            }
            rows = statement.executeQuery();
            hasRow = rows.next();
        } catch (SQLException e) {
            close();
            throw new ItemStreamException("Cannot read the stage events of import " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public LeadStageEvents read() {
        if (!hasRow) {
            return null;
        }
        try {
            long lead = rows.getLong(1);
            List<StageEvent> events = new ArrayList<>(2);
            while (hasRow && rows.getLong(1) == lead) {
                events.add(event(rows));
                hasRow = rows.next();
            }
            lastLead = lead;
            return new LeadStageEvents(lead, events);
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot read the stage events of import " + runId + ": " + e.getMessage(), e);
        }
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

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_LEAD, lastLead);
    }

    @Override
    public void close() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
            if (connection != null) {
                connection.rollback();
                connection.close();
            }
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot close the stage event cursor: " + e.getMessage(), e);
        } finally {
            rows = null;
            statement = null;
            connection = null;
        }
    }
}

package io.leadscore.batch.retraining;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadRows;
import io.leadscore.batch.store.ReadCursor;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.labels.LeadHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Every lead created before a time, with its activities and deals, in lead id
 * order: three ordered {@link ReadCursor}s (leads, activities, deals) merged in one pass,
 * no query per lead. Only events before the time are read: training as of a
 * date sees only what had happened by then.
 */
final class LeadHistoryStream implements AutoCloseable {
    private static final String LEADS = "SELECT l.id, " + LeadRows.COLUMNS
            + " FROM lead l WHERE l.created_at < ? AND l.created_at >= ? ORDER BY l.id";
    private static final String ACTIVITIES = "SELECT a.lead_id, a.occurred_at, a.type FROM activity a"
            + " WHERE a.occurred_at < ? ORDER BY a.lead_id";
    private static final String DEALS = "SELECT d.lead_id, d.deal_key, d.created_at, d.status, d.closed_at, d.amount,"
            + " d.lost_reason FROM deal d WHERE d.created_at < ? ORDER BY d.lead_id";

    private final List<ReadCursor> cursors = new ArrayList<>(3);
    private final ResultSet leads;
    private final ResultSet activities;
    private final ResultSet deals;
    private boolean activityRow;
    private boolean dealRow;

    /**
     * @param createdFrom only leads created at or after this time (e.g. a validation window), or {@code null}
     */
    LeadHistoryStream(DataSource dataSource, Instant asOf, Instant createdFrom) throws SQLException {
        try {
            leads = query(dataSource, LEADS, asOf, createdFrom == null ? Instant.EPOCH.minusSeconds(86_400L * 365 * 200) : createdFrom);
            activities = query(dataSource, ACTIVITIES, asOf, null);
            deals = query(dataSource, DEALS, asOf, null);
            activityRow = activities.next();
            dealRow = deals.next();
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    private ResultSet query(DataSource dataSource, String sql, Instant asOf, Instant second) throws SQLException {
        ReadCursor cursor = ReadCursor.open(dataSource, sql, 2_000, ps -> {
            Instants.bind(ps, 1, asOf);
            if (second != null) {
                Instants.bind(ps, 2, second);
            }
        });
        cursors.add(cursor);
        return cursor.rows();
    }

    /** Hands every history to {@code sink}; returns how many there were. */
    long forEach(Consumer<LeadHistory> sink) throws SQLException {
        long count = 0;
        while (leads.next()) {
            long id = leads.getLong(1);
            Lead lead = LeadRows.read(leads, 2);
            List<Activity> acts = new ArrayList<>();
            while (activityRow && activities.getLong(1) <= id) {
                if (activities.getLong(1) == id) {
                    acts.add(new Activity(lead.leadId(), Instants.read(activities, 2),
                            ActivityType.ofOrdinal(activities.getInt(3)), null));
                }
                activityRow = activities.next();
            }
            List<Deal> ds = new ArrayList<>(1);
            while (dealRow && deals.getLong(1) <= id) {
                if (deals.getLong(1) == id) {
                    DealStatus status = DealStatus.valueOf(deals.getString(4));
                    ds.add(new Deal(deals.getString(2), lead.leadId(), Instants.read(deals, 3), status,
                            Instants.read(deals, 5), deals.getBigDecimal(6), deals.getString(7)));
                }
                dealRow = deals.next();
            }
            sink.accept(new LeadHistory(lead, acts, ds));
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        try {
            ReadCursor.closeAll(cursors.toArray(ReadCursor[]::new));
        } catch (SQLException e) {
            // closing read-only cursors: nothing was written that could be lost
        }
        cursors.clear();
    }

}

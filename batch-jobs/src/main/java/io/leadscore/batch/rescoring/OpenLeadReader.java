package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadRows;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the open leads of one id range in id order, each with its stored
 * engagement state, merged with one ordered pass over the activities that
 * arrived since the states were written — no query per lead. Two cursors on
 * connections of their own; restartable after the last lead of the last
 * committed chunk.
 *
 * <p>Which activities are new: every state records the highest activity id it
 * was offered (its watermark). The pass reads activities above the lowest
 * watermark of the range's current states; the writer offers each lead only
 * the ones above its own watermark (or still pending). Leads without a usable
 * state (new leads, or states built with other settings) get the rest of their
 * history from a set-based read per chunk in the writer, below
 * {@link #lowMark()}. When no lead of the range has a usable state (the first
 * run, or a model with another half-life), there is no pass at all and every
 * lead's history comes from those per-chunk reads.
 */
class OpenLeadReader implements ItemStreamReader<OpenLead> {
    private static final String LAST_LEAD = "last.lead";
    private static final String LOW_MARK = "low.mark";
    private static final String HIGH_MARK = "high.mark";
    private static final String HIGHEST_ACTIVITY = "SELECT COALESCE(MAX(id), 0) FROM activity";

    private static final String LEADS = "SELECT l.id, " + LeadRows.COLUMNS
            + ", l.stage, l.stage_changed_at, s.features, s.features_settings, s.activity_watermark, s.pending_from"
            + " FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id"
            + " WHERE l.id > ? AND l.id <= ? AND l.stage <> 'WON' AND l.stage <> 'LOST' ORDER BY l.id";
    /*
     * Only the arrival-order range: given the partition's lead range as well, H2 reads it through the
     * (lead, time) index — every activity of the range, the whole history — instead of the few new rows
     * above the watermark through the primary key. Rows of other partitions are passed over in the merge.
     */
    private static final String EVENTS = "SELECT lead_id, id, occurred_at, type FROM activity"
            + " WHERE id > ? ORDER BY lead_id, id";
    private static final String LOWEST_WATERMARK = "SELECT MIN(CASE WHEN s.pending_from IS NOT NULL"
            + " AND s.pending_from - 1 < s.activity_watermark THEN s.pending_from - 1 ELSE s.activity_watermark END)"
            + " FROM lead_score s JOIN lead l ON l.id = s.lead_id"
            + " WHERE s.lead_id > ? AND s.lead_id <= ? AND s.features_settings = ?"
            + " AND l.stage <> 'WON' AND l.stage <> 'LOST'";

    private final DataSource dataSource;
    private final long fromExclusive;
    private final long toInclusive;
    private final String settingsKey;

    private Connection leadConnection;
    private Connection eventConnection;
    private PreparedStatement leadStatement;
    private PreparedStatement eventStatement;
    private ResultSet leads;
    private ResultSet events;
    private boolean eventRow;
    private long lastLead;
    private long lowMark;
    private long highMark;

    /**
     * @param settingsKey the settings key of the champion's engagement states ({@link RescoreSettings#key})
     */
    OpenLeadReader(DataSource dataSource, long fromExclusive, long toInclusive, String settingsKey) {
        this.dataSource = dataSource;
        this.fromExclusive = fromExclusive;
        this.toInclusive = toInclusive;
        this.settingsKey = settingsKey;
    }

    /**
     * Activities with ids up to this one are not in the pass: a lead whose state is missing or unusable
     * gets them from the writer's per-chunk read. {@link Long#MAX_VALUE} when there is no pass.
     */
    long lowMark() {
        return lowMark;
    }

    /**
     * The highest activity id in the store when the run began: every activity at or below it reached this run
     * (in the pass or in the writer's history read), so it is each scored lead's watermark at least. A lead
     * with no activities at all thereby gets a recent watermark, not 0, and does not drag the next run's
     * pass back to the beginning of the activity table. Imports and rescoring never run together (the store's
     * job lock), so no activity below it can appear later.
     */
    long highMark() {
        return highMark;
    }

    @Override
    public void open(ExecutionContext context) {
        lastLead = context.getLong(LAST_LEAD, fromExclusive);
        try {
            if (context.containsKey(HIGH_MARK)) {
                highMark = context.getLong(HIGH_MARK);
            } else {
                highMark = highestActivity();
                context.putLong(HIGH_MARK, highMark);
            }
            if (context.containsKey(LOW_MARK)) {
                lowMark = context.getLong(LOW_MARK);
            } else {
                lowMark = lowestWatermark();
                context.putLong(LOW_MARK, lowMark);
            }
            leadConnection = cursorConnection();
            leadStatement = leadConnection.prepareStatement(LEADS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            leadStatement.setFetchSize(1_000);
            leadStatement.setLong(1, lastLead);
            leadStatement.setLong(2, toInclusive);
            leads = leadStatement.executeQuery();
            if (lowMark != Long.MAX_VALUE) {
                eventConnection = cursorConnection();
                eventStatement = eventConnection.prepareStatement(EVENTS, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                eventStatement.setFetchSize(1_000);
                eventStatement.setLong(1, lowMark);
                events = eventStatement.executeQuery();
                eventRow = events.next();
            }
        } catch (SQLException e) {
            close();
            throw new ItemStreamException("Cannot read open leads " + fromExclusive + "–" + toInclusive + ": " + e.getMessage(), e);
        }
    }

    private long highestActivity() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HIGHEST_ACTIVITY);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long lowestWatermark() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOWEST_WATERMARK)) {
            ps.setLong(1, fromExclusive);
            ps.setLong(2, toInclusive);
            ps.setString(3, settingsKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long mark = rs.getLong(1);
                return rs.wasNull() ? Long.MAX_VALUE : mark;
            }
        }
    }

    private Connection cursorConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        c.setReadOnly(true);
        return c;
    }

    @Override
    public OpenLead read() {
        try {
            if (leads == null || !leads.next()) {
                return null;
            }
            long id = leads.getLong(1);
            NewEvents newEvents = NewEvents.NONE;
            while (eventRow && events.getLong(1) <= id) {
                if (events.getLong(1) == id) {
                    if (newEvents == NewEvents.NONE) {
                        newEvents = new NewEvents();
                    }
                    newEvents.add(events.getLong(2), millis(events, 3), events.getInt(4));
                }
                eventRow = events.next();
            }
            lastLead = id;
            return toOpenLead(id, newEvents);
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot read open leads after lead " + lastLead + ": " + e.getMessage(), e);
        }
    }

    private OpenLead toOpenLead(long id, NewEvents newEvents) throws SQLException {
        ResultSet r = leads;
        Lead lead = LeadRows.read(r, 2);
        byte[] state = r.getBytes(18);
        long watermark = r.getLong(20);
        long pending = r.getLong(21);
        Long pendingFrom = r.wasNull() ? null : pending;
        return new OpenLead(id, lead, Stage.valueOf(r.getString(16)), Instants.read(r, 17), state, r.getString(19),
                watermark, pendingFrom, newEvents);
    }

    private static long millis(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value.toInstant().toEpochMilli();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(LAST_LEAD, lastLead);
    }

    @Override
    public void close() {
        closeQuietly(leads, leadStatement, leadConnection);
        closeQuietly(events, eventStatement, eventConnection);
        leads = null;
        events = null;
        leadStatement = null;
        eventStatement = null;
        leadConnection = null;
        eventConnection = null;
    }

    private static void closeQuietly(ResultSet rs, PreparedStatement ps, Connection c) {
        try {
            if (rs != null) {
                rs.close();
            }
            if (ps != null) {
                ps.close();
            }
            if (c != null) {
                c.rollback();
                c.close();
            }
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot close a rescoring cursor: " + e.getMessage(), e);
        }
    }
}

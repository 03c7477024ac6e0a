package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadCursorReader;
import io.leadscore.batch.store.LeadRows;
import io.leadscore.batch.store.LiveWrites;
import io.leadscore.batch.store.ReadCursor;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Streams the open leads of one id range in id order, each with its stored
 * engagement state, merged with one ordered pass over the activities that
 * arrived since the states were written — no query per lead. Two
 * {@link ReadCursor}s; restartable after the last lead of the last committed
 * chunk, kept under the same key as every lead reader's
 * ({@link LeadCursorReader#LAST_LEAD}), beside the run's two activity marks.
 *
 * <p>Which activities are new: every state records the highest activity id it
 * was offered (its watermark). The pass reads activities above the lowest
 * watermark of the range's current states (the low mark); the processor offers
 * each lead only the ones above its own watermark (or still pending). A lead
 * without a usable state (a new lead, a state built with other settings, or
 * one as of a later time than the run) needs the rest of its history too: the
 * reader reads ahead a block of leads and fetches those leads' activities at
 * or below the low mark in one set-based read per block. When no lead of the
 * range has a usable state (the first run, or a model with another
 * half-life), there is no pass at all and every lead's history comes from
 * those block reads.
 *
 * <p>Every lead also carries the run's high mark, the highest activity id in
 * the store when the run began: every activity at or below it reached this
 * run (in the pass or in a history read), so it is each scored lead's
 * watermark at least. A lead with no activities at all thereby gets a recent
 * watermark, not 0, and does not drag the next run's pass back to the
 * beginning of the activity table. Imports and rescoring never run together
 * (the store's job lock), and the high mark is read while no live request
 * writes ({@link LiveWrites}), so no activity below it can appear later.
 */
class OpenLeadReader implements ItemStreamReader<OpenLead> {
    private static final String LAST_LEAD = LeadCursorReader.LAST_LEAD;
    private static final int FETCH_SIZE = 1_000;
    private static final String LOW_MARK = "low.mark";
    private static final String HIGH_MARK = "high.mark";
    private static final String HIGHEST_ACTIVITY = "SELECT COALESCE(MAX(id), 0) FROM activity";

    /**
     * The leads scored, as a condition on the lead's stage: open and without a deal. The score claims a won deal
     * from a lead that has none yet, and training looks at each lead only before its first opportunity; a lead
     * with an open deal is sales' to close (its last score stays as it was), a won or lost one is done.
     */
    static String scored(String alias) {
        return (alias.isEmpty() ? "" : alias + ".") + "stage NOT IN ('OPPORTUNITY', 'WON', 'LOST')";
    }

    /** A lead, its stage and its stored state: what {@link #openLead} reads. */
    static final String LEAD_AND_STATE = "SELECT l.id, " + LeadRows.COLUMNS
            + ", l.stage, l.stage_changed_at, s.features, s.features_settings, s.activity_watermark, s.pending_from,"
            + " s.features_as_of"
            + " FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id";
    /** The open leads of a range that exist at the run's as-of time: a lead created later is not scored then. */
    private static final String LEADS = LEAD_AND_STATE
            + " WHERE l.id > ? AND l.id <= ? AND " + scored("l") + " AND l.created_at <= ?"
            + " ORDER BY l.id";
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
            + " AND " + scored("l");

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final long fromExclusive;
    private final long toInclusive;
    private final String settingsKey;
    private final Instant asOf;
    private final int blockSize;
    private final LiveWrites liveWrites;

    private ReadCursor leadCursor;
    private ReadCursor eventCursor;
    private ResultSet leads;
    private ResultSet events;
    private boolean eventRow;
    private long lastLead;
    private long lowMark;
    private long highMark;
    private final List<OpenLead> block = new ArrayList<>();
    private int next;

    /**
     * @param settingsKey the settings key of the champion's engagement states ({@link ChampionModel#settingsKey})
     * @param asOf        the run's as-of time: a state as of a later time cannot be rolled forward to it
     * @param blockSize   leads read ahead, and their history fetched, at a time
     */
    OpenLeadReader(DataSource dataSource, long fromExclusive, long toInclusive, String settingsKey, Instant asOf,
                   int blockSize, LiveWrites liveWrites) {
        this.liveWrites = liveWrites;
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.fromExclusive = fromExclusive;
        this.toInclusive = toInclusive;
        this.settingsKey = settingsKey;
        this.asOf = asOf;
        this.blockSize = blockSize;
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
            leadCursor = ReadCursor.open(dataSource, LEADS, FETCH_SIZE, statement -> {
                statement.setLong(1, lastLead);
                statement.setLong(2, toInclusive);
                Instants.bind(statement, 3, asOf);
            });
            leads = leadCursor.rows();
            if (lowMark != Long.MAX_VALUE) {
                eventCursor = ReadCursor.open(dataSource, EVENTS, FETCH_SIZE, statement -> statement.setLong(1, lowMark));
                events = eventCursor.rows();
                eventRow = events.next();
            }
        } catch (SQLException e) {
            close();
            throw new ItemStreamException("Cannot read open leads " + fromExclusive + "–" + toInclusive + ": " + e.getMessage(), e);
        }
    }

    /**
     * The highest activity id, read while no live request is writing ({@link LiveWrites}): every activity at or
     * below it is committed, so none can appear below it later and be passed over by the watermark.
     */
    private long highestActivity() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return liveWrites.quiet(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(HIGHEST_ACTIVITY); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
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

    /**
     * The next lead. Leads are read ahead a block at a time, so that the history of those that need it is read
     * in one query per block; what a restart resumes after is the last lead handed out, not the last read ahead.
     */
    @Override
    public OpenLead read() {
        if (next == block.size()) {
            readBlock();
        }
        if (next == block.size()) {
            return null;
        }
        OpenLead lead = block.get(next++);
        lastLead = lead.id();
        return lead;
    }

    private void readBlock() {
        block.clear();
        next = 0;
        try {
            while (block.size() < blockSize && leads != null && leads.next()) {
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
                block.add(openLead(leads, id, newEvents, settingsKey, asOf, highMark));
            }
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot read open leads after lead " + lastLead + ": " + e.getMessage(), e);
        }
        addHistory();
    }

    /** Activities at or below the low mark (not in the pass), for the block's leads whose state is rebuilt. */
    private void addHistory() {
        List<Long> rebuild = new ArrayList<>();
        for (OpenLead lead : block) {
            if (!lead.stateUsable()) {
                rebuild.add(lead.id());
            }
        }
        if (rebuild.isEmpty()) {
            return;
        }
        // the block's leads are consecutive in id order: one range read (a long IN list is re-checked row by row)
        Set<Long> wanted = new HashSet<>(rebuild);
        Map<Long, NewEvents> history = new HashMap<>();
        MapSqlParameterSource params = new MapSqlParameterSource("from", rebuild.get(0))
                .addValue("to", rebuild.get(rebuild.size() - 1)).addValue("mark", lowMark);
        // in time order, the same on every store: the state's decayed sums depend on the order they are added in
        jdbc.query("SELECT lead_id, id, occurred_at, type FROM activity WHERE lead_id BETWEEN :from AND :to AND id <= :mark"
                + " ORDER BY lead_id, occurred_at, id", params, rs -> {
                    long lead = rs.getLong(1);
                    if (wanted.contains(lead)) {
                        history.computeIfAbsent(lead, k -> new NewEvents())
                                .add(rs.getLong(2), Instants.read(rs, 3).toEpochMilli(), rs.getInt(4));
                    }
                });
        for (int i = 0; i < block.size(); i++) {
            NewEvents earlier = history.get(block.get(i).id());
            if (earlier != null) {
                block.set(i, block.get(i).withHistory(earlier));
            }
        }
    }

    /** The open lead of the current row of a {@link #LEAD_AND_STATE} query. */
    static OpenLead openLead(ResultSet r, long id, NewEvents newEvents, String settingsKey, Instant asOf,
                             long highMark) throws SQLException {
        Lead lead = LeadRows.read(r, 2);
        byte[] state = r.getBytes(18);
        String stateSettings = r.getString(19);
        long watermark = r.getLong(20);
        long pending = r.getLong(21);
        Long pendingFrom = r.wasNull() ? null : pending;
        Instant stateAsOf = Instants.read(r, 22);
        boolean usable = state != null && settingsKey.equals(stateSettings) && stateAsOf != null
                && !stateAsOf.isAfter(asOf);
        return new OpenLead(id, lead, Stage.valueOf(r.getString(16)), Instants.read(r, 17), state, stateSettings, usable,
                watermark, pendingFrom, newEvents, NewEvents.NONE, highMark);
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
        block.clear();
        next = 0;
        ReadCursor[] cursors = {leadCursor, eventCursor};
        leads = null;
        events = null;
        eventRow = false;
        leadCursor = null;
        eventCursor = null;
        try {
            ReadCursor.closeAll(cursors);
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot close a rescoring cursor: " + e.getMessage(), e);
        }
    }
}

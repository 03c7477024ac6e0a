package io.leadscore.batch.store;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.domain.Stage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Loads a generated lead history straight into an empty store, for load tests
 * ({@code leadscore bench rescore}): leads, then activities, committed every
 * {@value #BATCH} rows (JDBC batches; COPY on PostgreSQL), the activities'
 * unique event key built after the rows ({@link ActivityEventKey}: maintaining
 * it row by row would dominate the load). It skips
 * what the import does for a CRM export — validation, content hashes, the
 * audit trail — so it is not a way in for real data. Leads are referred to by
 * the number they were loaded as, from 0; in an empty store their ids follow
 * that order.
 */
public final class BulkLoad implements AutoCloseable {
    static final int BATCH = 10_000;
    private static final String LEAD = "INSERT INTO lead (lead_key, created_at, email, industry, employees, annual_revenue,"
            + " country, seniority, department, source, stage, stage_changed_at, imported_at, updated_at, content_hash)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ACTIVITY = "INSERT INTO activity (lead_id, occurred_at, type, detail_hash)"
            + " VALUES (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final Instant loadedAt;
    private final Connection connection;
    private final PreparedStatement leads;
    private final PreparedStatement activities;
    private final boolean copy;
    private final List<long[]> copied = new ArrayList<>();
    private final List<LeadAt> copiedLeads = new ArrayList<>();

    private record LeadAt(Lead lead, Stage stage) {
    }
    private int pendingLeads;
    private long pendingActivities;
    private long firstId = -1;
    private long activityCount;

    private BulkLoad(JdbcTemplate jdbc, DataSource dataSource, Instant loadedAt) throws SQLException {
        this.jdbc = jdbc;
        this.loadedAt = loadedAt;
        this.connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        this.copy = PostgresCopy.supports(connection);
        this.leads = connection.prepareStatement(LEAD);
        this.activities = connection.prepareStatement(ACTIVITY);
    }

    /**
     * Starts a load into the store, which must hold no leads.
     *
     * @param loadedAt the time recorded as the leads' import time
     * @throws IllegalStateException when the store holds leads
     */
    public static BulkLoad into(DataSource dataSource, Instant loadedAt) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Long existing = jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class);
        if (existing != null && existing > 0) {
            throw new IllegalStateException("the store already holds " + existing + " leads: a bulk load needs an empty store");
        }
        ActivityEventKey.drop(jdbc);
        try {
            return new BulkLoad(jdbc, dataSource, loadedAt);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot start the bulk load: " + e.getMessage(), e);
        }
    }

    /** Adds a lead at the given stage (entered at its creation). Every lead comes before any activity. */
    public void lead(Lead lead, Stage stage) {
        if (pendingActivities > 0 || activityCount > 0) {
            throw new IllegalStateException("Leads come before activities in a bulk load");
        }
        try {
            if (copy) {
                copiedLeads.add(new LeadAt(lead, stage));
            } else {
                bindLead(leads, lead, stage, loadedAt);
                leads.addBatch();
            }
            if (++pendingLeads == BATCH) {
                flushLeads();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load lead " + lead.leadId() + ": " + e.getMessage(), e);
        }
    }

    /** Adds an activity of the lead loaded as number {@code lead}. */
    public void activity(int lead, long occurredAtMillis, ActivityType type) {
        try {
            if (pendingLeads > 0 || firstId < 0) {
                flushLeads();
                firstId = firstLeadId();
            }
            long[] row = {firstId + lead, occurredAtMillis, type.ordinal()};
            if (copy) {
                copied.add(row);
            } else {
                bindActivity(activities, row);
                activities.addBatch();
            }
            activityCount++;
            if (++pendingActivities == BATCH) {
                flushActivities();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load an activity of lead number " + lead + ": " + e.getMessage(), e);
        }
    }

    /** Activities loaded so far. */
    public long activities() {
        return activityCount;
    }

    /** Writes what is pending and builds the activities' unique event key. */
    @Override
    public void close() {
        try (connection; leads; activities) {
            flushLeads();
            flushActivities();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot finish the bulk load: " + e.getMessage(), e);
        }
        ActivityEventKey.build(jdbc);
    }

    private void flushActivities() throws SQLException {
        if (copy) {
            PostgresCopy.copy(connection, "activity", List.of("lead_id", "occurred_at", "type", "detail_hash"), copied,
                    BulkLoad::bindActivity);
            copied.clear();
        } else {
            activities.executeBatch();
        }
        connection.commit();
        pendingActivities = 0;
    }

    private static void bindActivity(PreparedStatement ps, long[] row) throws SQLException {
        ps.setLong(1, row[0]);
        Instants.bind(ps, 2, Instant.ofEpochMilli(row[1]));
        ps.setShort(3, (short) row[2]);
        ps.setLong(4, 0);
    }

    private void flushLeads() throws SQLException {
        if (pendingLeads > 0) {
            if (copy) {
                PostgresCopy.staged(connection, LEAD, copiedLeads, (ps, l) -> bindLead(ps, l.lead(), l.stage(), loadedAt),
                        PostgresCopy.insertInOrder(null));
                copiedLeads.clear();
            } else {
                leads.executeBatch();
            }
            connection.commit();
            pendingLeads = 0;
        }
    }

    private long firstLeadId() throws SQLException {
        try (var st = connection.createStatement(); var rs = st.executeQuery("SELECT MIN(id) FROM lead")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A day of new data for a bulk-loaded store: collect its leads and activities, then {@link Day#write()}. */
    public static Day day(DataSource dataSource, Instant loadedAt) {
        return new Day(new JdbcTemplate(dataSource), loadedAt);
    }

    /**
     * New leads (numbered after the store's, in the order given) and activities on leads by number, written in
     * JDBC batches. Each activity gets its own event key ({@code detail_hash}), so two of one lead at the same time
     * and type stay two.
     */
    public static final class Day {
        private final JdbcTemplate jdbc;
        private final Instant loadedAt;
        private final List<Lead> leads = new ArrayList<>();
        private final List<Stage> stages = new ArrayList<>();
        private final List<long[]> activities = new ArrayList<>();

        private Day(JdbcTemplate jdbc, Instant loadedAt) {
            this.jdbc = jdbc;
            this.loadedAt = loadedAt;
        }

        public void lead(Lead lead, Stage stage) {
            leads.add(lead);
            stages.add(stage);
        }

        public void activity(int lead, long occurredAtMillis, ActivityType type) {
            activities.add(new long[] {lead, occurredAtMillis, type.ordinal()});
        }

        public void write() {
            Long minId = jdbc.queryForObject("SELECT MIN(id) FROM lead", Long.class);
            int[] i = {0};
            jdbc.batchUpdate(LEAD, leads, leads.size(), (ps, lead) -> bindLead(ps, lead, stages.get(i[0]++), loadedAt));
            List<Object[]> rows = new ArrayList<>(activities.size());
            long key = 1;
            for (long[] a : activities) {
                rows.add(new Object[] {minId + a[0], Instants.utc(Instant.ofEpochMilli(a[1])), (short) a[2], key++});
            }
            jdbc.batchUpdate(ACTIVITY, rows);
        }
    }

    private static void bindLead(PreparedStatement ps, Lead lead, Stage stage, Instant loadedAt) throws SQLException {
        ps.setString(1, lead.leadId());
        Instants.bind(ps, 2, lead.createdAt());
        ps.setString(3, lead.email());
        ps.setString(4, lead.industry());
        if (lead.employees() == null) {
            ps.setNull(5, Types.BIGINT);
        } else {
            ps.setLong(5, lead.employees());
        }
        if (lead.annualRevenue() == null) {
            ps.setNull(6, Types.DOUBLE);
        } else {
            ps.setDouble(6, lead.annualRevenue());
        }
        ps.setString(7, lead.country());
        ps.setString(8, lead.seniority() == null ? null : lead.seniority().wireName());
        ps.setString(9, lead.department());
        ps.setString(10, lead.source());
        ps.setString(11, stage.name());
        Instants.bind(ps, 12, lead.createdAt());
        Instants.bind(ps, 13, loadedAt);
        Instants.bind(ps, 14, loadedAt);
        ps.setLong(15, 0);
    }
}

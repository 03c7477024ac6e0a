package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.ActivityRow;
import io.leadscore.batch.store.ActivityEventKey;
import io.leadscore.batch.store.ActivityLeadKey;
import io.leadscore.batch.store.ContentHash;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.PostgresCopy;
import io.leadscore.batch.store.StoreDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts engagement events that the store does not hold yet. An event has no
 * id in the export; it is the same event when lead, time, type and detail are
 * the same, which the store's unique key enforces — so a re-imported file
 * inserts nothing, and an event listed twice is stored once.
 *
 * <p>How, by store: a chunk is first written as it is — with COPY on
 * PostgreSQL, a JDBC batch on H2 — and, when it holds a known event, rolled
 * back to a savepoint and written again if absent: on PostgreSQL with COPY to
 * a staging table and one insert-if-absent from it. A load into an empty
 * activity table defers the key instead ({@link ActivityEventKey}) and builds
 * it after the rows; on PostgreSQL it defers the foreign key to the leads as
 * well ({@link ActivityLeadKey}): every row's lead was checked by the
 * validator, and the server's own check per row costs as much as the row.
 * While the event key is missing, the live insert-if-absent still runs (its
 * conflict clause names no key) and the key's build removes what it repeated.
 */
class ActivityWriter implements ItemWriter<ActivityRow>, StepExecutionListener {
    private static final String INSERT = "INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
            + " VALUES (?, ?, ?, ?, ?)";

    private static final java.util.List<String> COLUMNS = java.util.List.of("lead_id", "occurred_at", "type", "detail",
            "detail_hash");
    private static final String ANY = "SELECT id FROM activity FETCH FIRST 1 ROWS ONLY";

    private final JdbcTemplate jdbc;
    private final StoreDialect dialect;
    private final boolean active;
    private final String sql;
    /** The event key is built after the rows ({@link ActivityEventKey}): a load into an empty table, or the key missing. */
    private boolean deferredKey;
    /** PostgreSQL: the foreign key to the leads is added after the rows ({@link ActivityLeadKey}), likewise. */
    private boolean deferredLeadKey;
    private ImportCounters counters;
    /** The last chunk held an event the store knew: the next one is likely to as well (a file imported again). */
    private boolean lastChunkKnown;

    ActivityWriter(JdbcTemplate jdbc, StoreDialect dialect) {
        this(jdbc, dialect, true);
    }

    /** @param active whether the step has a file to write (a step without one leaves the store's key alone) */
    ActivityWriter(JdbcTemplate jdbc, StoreDialect dialect, boolean active) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.active = active;
        this.sql = switch (dialect) {
            case POSTGRESQL -> "INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
            case H2 -> "MERGE INTO activity t USING (VALUES (CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE),"
                    + " CAST(? AS SMALLINT), CAST(? AS VARCHAR), CAST(? AS BIGINT))) s (lead_id, occurred_at, type, detail, detail_hash)"
                    + " ON t.lead_id = s.lead_id AND t.occurred_at = s.occurred_at AND t.type = s.type"
                    + " AND t.detail_hash = s.detail_hash"
                    + " WHEN NOT MATCHED THEN INSERT (lead_id, occurred_at, type, detail, detail_hash)"
                    + " VALUES (s.lead_id, s.occurred_at, s.type, s.detail, s.detail_hash)";
        };
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        counters = new ImportCounters(jdbc, stepExecution.getJobExecution().getJobInstance().getInstanceId(),
                ImportFileKind.ACTIVITIES);
        // a load into an empty table builds the keys after it; a load killed before it built them left them
        // missing, and this one goes on the same way and builds them
        if (!active) {
            return;
        }
        boolean empty = jdbc.queryForList(ANY, Long.class).isEmpty();
        if (empty || !ActivityEventKey.present(jdbc)) {
            ActivityEventKey.drop(jdbc);
            deferredKey = true;
        }
        if (dialect == StoreDialect.POSTGRESQL && (empty || !ActivityLeadKey.valid(jdbc))) {
            ActivityLeadKey.drop(jdbc);
            deferredLeadKey = true;
        }
    }

    /**
     * After a load without the event key (even a failed one: the store is not left without it), builds the key;
     * the events it finds twice are removed and count as unchanged, as the key would have counted them. Then adds
     * back and validates the foreign key to the leads, if the load went without it.
     */
    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        try {
            if (deferredKey) {
                deferredKey = false;
                long repeats = ActivityEventKey.build(jdbc);
                if (repeats > 0) {
                    counters.add(-repeats, 0, repeats, 0);
                }
            }
        } finally {
            if (deferredLeadKey) {
                deferredLeadKey = false;
                ActivityLeadKey.restore(jdbc);
            }
        }
        return null;
    }

    /**
     * Most chunks hold only events the store has not seen (a first import, a day's new export): they are
     * inserted as they are, the unique key checking each. A chunk with a known event is rolled back to the
     * savepoint taken before it and written again event by event if absent — so a re-import costs a failed
     * attempt per chunk and loses nothing. After a chunk with a known event, the next chunks are written event by
     * event if absent straight away, until one of them turns out to hold only new events.
     */
    @Override
    public void write(Chunk<? extends ActivityRow> chunk) {
        if (deferredKey) {
            if (dialect == StoreDialect.POSTGRESQL) {
                copy(DataSourceUtils.getConnection(jdbc.getDataSource()), chunk);
            } else {
                batch(INSERT, chunk);
            }
            counters.add(chunk.size(), 0, 0, 0);
            return;
        }
        if (lastChunkKnown) {
            lastChunkKnown = writeIfAbsent(chunk) > 0;
            return;
        }
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        Savepoint before;
        try {
            before = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set a savepoint: " + e.getMessage(), e);
        }
        try {
            if (dialect == StoreDialect.POSTGRESQL) {
                copy(connection, chunk);
            } else {
                batch(INSERT, chunk);
            }
            counters.add(chunk.size(), 0, 0, 0);
            return;
        } catch (DuplicateKeyException known) {
            try {
                connection.rollback(before);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot roll back to the savepoint: " + e.getMessage(), e);
            }
        }
        lastChunkKnown = writeIfAbsent(chunk) > 0;
    }

    /** PostgreSQL: the chunk's events as they are, with COPY straight into the table (the key checking each). */
    private void copy(Connection connection, Chunk<? extends ActivityRow> chunk) {
        try {
            PostgresCopy.copy(connection, "activity", COLUMNS, chunk.getItems(), ActivityWriter::bind);
        } catch (SQLException e) {
            throw PostgresCopy.translate(jdbc, "copying activities", e);
        }
    }

    /**
     * PostgreSQL: the chunk's events go in with COPY to a staging table, then one insert of those the store does
     * not hold yet, in file order (an event listed twice in the chunk is stored once, the first).
     *
     * @return how many the store held already
     */
    private long copyIfAbsent(Chunk<? extends ActivityRow> chunk) {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            int inserted = PostgresCopy.staged(connection, INSERT, chunk.getItems(), ActivityWriter::bind,
                    PostgresCopy.insertInOrder("ON CONFLICT DO NOTHING"));
            long present = chunk.size() - inserted;
            counters.add(inserted, 0, present, 0);
            return present;
        } catch (SQLException e) {
            throw PostgresCopy.translate(jdbc, "copying activities", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
        }
    }

    /**
     * Writes the events of a live request that the store does not hold yet, in the caller's transaction.
     *
     * @return for each event, whether it was inserted (false: the store held it)
     */
    boolean[] writeLive(java.util.List<ActivityRow> rows) {
        int[][] results = batch(sql, new Chunk<>(rows));
        boolean[] inserted = new boolean[rows.size()];
        int i = 0;
        for (int[] batch : results) {
            for (int count : batch) {
                inserted[i++] = count > 0 || count == Statement.SUCCESS_NO_INFO;
            }
        }
        return inserted;
    }

    /** Runs the insert or the insert-if-absent (both take the same five values) over the chunk's events. */
    private int[][] batch(String statement, Chunk<? extends ActivityRow> chunk) {
        return jdbc.batchUpdate(statement, chunk.getItems(), chunk.size(), ActivityWriter::bind);
    }

    private static void bind(PreparedStatement ps, ActivityRow row) throws SQLException {
        ps.setLong(1, row.leadId());
        Instants.bind(ps, 2, row.occurredAt());
        ps.setShort(3, (short) row.type().ordinal());
        ps.setString(4, row.detail());
        ps.setLong(5, ContentHash.of(row.detail()));
    }

    /** Writes each event of the chunk the store does not hold yet; returns how many it held already. */
    private long writeIfAbsent(Chunk<? extends ActivityRow> chunk) {
        if (dialect == StoreDialect.POSTGRESQL) {
            return copyIfAbsent(chunk);
        }
        int[][] results = batch(sql, chunk);
        long inserted = 0;
        long present = 0;
        for (int[] batch : results) {
            for (int count : batch) {
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    inserted++;
                } else {
                    present++;
                }
            }
        }
        counters.add(inserted, 0, present, 0);
        return present;
    }
}

package io.leadscore.batch.leadimport;

import io.leadscore.batch.store.PostgresCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes rows that have a key in the export: a new key is inserted, a known key
 * whose values changed is updated, and a known key with the same values is left
 * alone — which is what makes a second import of the same file change nothing.
 * The stored rows' content hashes are loaded once per step; what a chunk writes
 * joins them only after its transaction commits.
 *
 * @param <T> the validated row type
 */
abstract class UpsertWriter<T> implements ItemWriter<T>, ItemStream, StepExecutionListener {
    protected final JdbcTemplate jdbc;
    protected final Clock clock;
    private final ImportFileKind kind;
    private final boolean active;
    private Map<String, Long> hashByKey;
    private ImportCounters counters;
    protected long runId;

    UpsertWriter(JdbcTemplate jdbc, Clock clock, ImportFileKind kind, boolean active) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.kind = kind;
        this.active = active;
    }

    /** Passes the key (built as {@link #key} builds it) and content hash of every stored row. */
    protected abstract void loadStored(java.util.function.BiConsumer<String, Long> sink);

    /** Passes the key and content hash of the stored rows among those of the given rows (a live request's). */
    protected abstract void loadStored(List<T> rows, java.util.function.BiConsumer<String, Long> sink);

    protected abstract String key(T row);

    protected abstract long hash(T row);

    protected abstract String insertSql();

    protected abstract void bindInsert(PreparedStatement ps, T row, long hash, Instant now) throws SQLException;

    protected abstract String updateSql();

    protected abstract void bindUpdate(PreparedStatement ps, T row, long hash, Instant now) throws SQLException;

    /** Called before a chunk's rows are inserted. */
    protected void beforeInsert() {
    }

    /** Further writes for rows just inserted (e.g. a lead's first stage). */
    protected void afterInsert(List<T> inserted, Instant now) {
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    @Override
    public void open(ExecutionContext executionContext) {
        if (!active) {
            return;
        }
        counters = new ImportCounters(jdbc, runId, kind);
        hashByKey = new HashMap<>();
        loadStored(hashByKey::put);
    }

    @Override
    public void write(Chunk<? extends T> chunk) {
        Map<String, Long> written = new HashMap<>();
        long[] counts = upsert(chunk.getItems(), hashByKey, written, true);
        counters.add(counts[0], counts[1], counts[2], 0);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    hashByKey.putAll(written);
                }
            });
        } else {
            hashByKey.putAll(written);
        }
    }

    /** How many rows of the last {@link #writeLive} changed a stored row (the rest of the changed ones are new). */
    private int updated;

    int updated() {
        return updated;
    }

    /**
     * Writes the rows of a live request, outside any step, in the caller's transaction: the stored hashes of these
     * rows' keys are read first, so a row already stored with the same values changes nothing.
     *
     * @param run the run the rows are recorded under ({@link io.leadscore.batch.stages.StageTransitions#LIVE_RUN})
     * @return for each row, whether it was inserted or changed (false: stored already, unchanged)
     */
    boolean[] writeLive(List<T> rows, long run) {
        this.runId = run;
        updated = 0;
        Map<String, Long> stored = new HashMap<>();
        loadStored(rows, stored::put);
        boolean[] changed = new boolean[rows.size()];
        upsert(rows, stored, new HashMap<>(), false);
        Map<String, Long> seen = new HashMap<>(stored);
        for (int i = 0; i < rows.size(); i++) {
            String key = key(rows.get(i));
            long hash = hash(rows.get(i));
            Long previous = seen.get(key);
            changed[i] = previous == null || previous != hash;
            if (previous != null && previous != hash) {
                updated++;
            }
            seen.put(key, hash);
        }
        return changed;
    }

    /**
     * Inserts new keys, updates changed ones; returns the counts inserted, updated, unchanged.
     *
     * @param bulk a chunk of an import file: on PostgreSQL its new rows go in with COPY
     */
    private long[] upsert(List<? extends T> chunk, Map<String, Long> hashByKey, Map<String, Long> written,
                          boolean bulk) {
        List<T> inserts = new ArrayList<>();
        List<T> updates = new ArrayList<>();
        List<Long> insertHashes = new ArrayList<>();
        List<Long> updateHashes = new ArrayList<>();
        long unchanged = 0;
        for (T row : chunk) {
            String key = key(row);
            long hash = hash(row);
            Long stored = written.containsKey(key) ? written.get(key) : hashByKey.get(key);
            if (stored == null) {
                inserts.add(row);
                insertHashes.add(hash);
            } else if (stored != hash) {
                updates.add(row);
                updateHashes.add(hash);
            } else {
                unchanged++;
            }
            written.put(key, hash);
        }
        Instant now = clock.instant();
        if (!inserts.isEmpty()) {
            beforeInsert();
            if (bulk) {
                insert(inserts, insertHashes, now);
            } else {
                batch(insertSql(), inserts, insertHashes, now, true);
            }
            afterInsert(inserts, now);
        }
        if (!updates.isEmpty()) {
            batch(updateSql(), updates, updateHashes, now, false);
        }
        return new long[] {inserts.size(), updates.size(), unchanged};
    }

    /**
     * Inserts new rows: on PostgreSQL with COPY straight into the table, in the rows' order (ids follow the file as
     * they do with a batch; the new keys are known to be absent, so no conflict clause and no staging table are
     * needed), elsewhere in a JDBC batch. The binding is the same either way.
     */
    private void insert(List<T> rows, List<Long> hashes, Instant now) {
        Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            if (!PostgresCopy.supports(connection)) {
                batch(insertSql(), rows, hashes, now, true);
                return;
            }
            int[] at = {0};
            PostgresCopy.copyInsert(connection, insertSql(), rows,
                    (ps, row) -> bindInsert(ps, row, hashes.get(at[0]++), now));
        } catch (SQLException e) {
            throw PostgresCopy.translate(jdbc, "copying new " + kind.label(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
        }
    }

    private void batch(String sql, List<T> rows, List<Long> hashes, Instant now, boolean insert) {
        jdbc.batchUpdate(sql, new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                if (insert) {
                    bindInsert(ps, rows.get(i), hashes.get(i), now);
                } else {
                    bindUpdate(ps, rows.get(i), hashes.get(i), now);
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    /** Runs a query with an IN list of keys, a thousand at a time. */
    protected void inBatches(Collection<?> keys, String sqlWithInList, org.springframework.jdbc.core.RowCallbackHandler handler) {
        List<?> all = new ArrayList<>(keys);
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        for (int from = 0; from < all.size(); from += 1_000) {
            named.query(sqlWithInList, java.util.Map.of("keys", all.subList(from, Math.min(all.size(), from + 1_000))),
                    handler);
        }
    }

    @Override
    public void close() {
        hashByKey = null;
    }
}

package io.leadscore.batch.leadimport;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
        List<T> inserts = new ArrayList<>();
        List<T> updates = new ArrayList<>();
        List<Long> insertHashes = new ArrayList<>();
        List<Long> updateHashes = new ArrayList<>();
        Map<String, Long> written = new HashMap<>();
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
            batch(insertSql(), inserts, insertHashes, now, true);
            afterInsert(inserts, now);
        }
        if (!updates.isEmpty()) {
            batch(updateSql(), updates, updateHashes, now, false);
        }
        counters.add(inserts.size(), updates.size(), unchanged, 0);
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

    @Override
    public void close() {
        hashByKey = null;
    }
}

package io.leadscore.batch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one point where the nightly rescoring waits for live requests: a live
 * request holds a shared hold for its whole transaction; the rescoring reads
 * the highest activity id (its high mark) under an exclusive hold, taken when
 * no live request is between inserting an activity and committing it. So
 * every activity id at or below the high mark is committed and visible to the
 * run, and every activity a live request inserts afterwards has a higher id
 * and a later time than the run's as-of — its request's own rescoring then
 * writes the later state, which the run does not overwrite.
 *
 * <p>On PostgreSQL the hold is an advisory lock (shared per transaction,
 * exclusive per session for the one read), so it works across processes;
 * on the embedded H2 store, which one process serves, it is a read-write lock.
 */
public final class LiveWrites {
    /** The advisory lock's key: "leadsc" in ASCII, a number no other part of the product uses. */
    static final long ADVISORY_KEY = 0x6C6561647363L;

    private final JdbcTemplate jdbc;
    private final StoreDialect dialect;
    private final ReentrantReadWriteLock local = new ReentrantReadWriteLock();

    public LiveWrites(JdbcTemplate jdbc, StoreDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Takes the shared hold for the current transaction; it is released when the transaction ends. */
    public void holdForTransaction() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("A live write needs a transaction");
        }
        if (dialect == StoreDialect.POSTGRESQL) {
            jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rs -> {
            }, ADVISORY_KEY);
            return;
        }
        local.readLock().lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                local.readLock().unlock();
            }
        });
    }

    /** A read that must see no live request in flight. */
    public interface QuietRead<T> {
        T read() throws SQLException;
    }

    /** Runs the read on the connection while no live request holds its transaction open. */
    public <T> T quiet(Connection connection, QuietRead<T> read) throws SQLException {
        if (dialect == StoreDialect.POSTGRESQL) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, ADVISORY_KEY);
                lock.execute();
            }
            try {
                return read.read();
            } finally {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, ADVISORY_KEY);
                    unlock.execute();
                }
            }
        }
        local.writeLock().lock();
        try {
            return read.read();
        } finally {
            local.writeLock().unlock();
        }
    }
}

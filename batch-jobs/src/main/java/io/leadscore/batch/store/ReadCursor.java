package io.leadscore.batch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One forward-only query on a read-only connection of its own, fetched a block
 * of rows at a time: what every job's reader streams its rows through. The
 * connection is its own so that the step's writes can commit chunk by chunk on
 * another while the rows stream on (a commit on the cursor's connection would
 * close the cursor on some stores); it stays in one transaction, so the rows
 * are read as of one moment where the store gives that (PostgreSQL), and is
 * rolled back and returned to the pool on {@link #close}.
 */
public final class ReadCursor implements AutoCloseable {
    /** Sets the query's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;

    private ReadCursor(Connection connection, PreparedStatement statement, ResultSet rows) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    /**
     * Runs {@code sql} on a connection of its own. On failure nothing stays open.
     *
     * @param fetchSize rows fetched from the store at a time
     */
    public static ReadCursor open(DataSource dataSource, String sql, int fetchSize, Binder binder) throws SQLException {
        Connection connection = dataSource.getConnection();
        PreparedStatement statement = null;
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            binder.bind(statement);
            return new ReadCursor(connection, statement, statement.executeQuery());
        } catch (SQLException | RuntimeException e) {
            release(connection, statement, null, e);
            throw e;
        }
    }

    /** The query's rows, before the first until {@link ResultSet#next()} is called. */
    public ResultSet rows() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        release(connection, statement, rows, null);
    }

    /** Closes every cursor given (nulls are passed over), each even when another fails; the first failure is thrown. */
    public static void closeAll(ReadCursor... cursors) throws SQLException {
        SQLException failure = null;
        for (ReadCursor cursor : cursors) {
            try {
                if (cursor != null) {
                    cursor.close();
                }
            } catch (SQLException e) {
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes what is open, every part even when one fails; the first failure is thrown or added to {@code cause}. */
    private static void release(Connection connection, PreparedStatement statement, ResultSet rows, Exception cause)
            throws SQLException {
        SQLException failure = null;
        for (AutoCloseable part : new AutoCloseable[] {rows, statement}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                failure = first(failure, e);
            }
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure = first(failure, e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            if (cause != null) {
                cause.addSuppressed(failure);
            } else {
                throw failure;
            }
        }
    }

    private static SQLException first(SQLException failure, Exception e) {
        if (failure != null) {
            failure.addSuppressed(e);
            return failure;
        }
        return e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
    }
}

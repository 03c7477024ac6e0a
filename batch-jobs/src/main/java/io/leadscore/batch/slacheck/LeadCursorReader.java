package io.leadscore.batch.slacheck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams one row per lead, in lead id order, from one query on a connection
 * of its own (the step's writes commit chunk by chunk on another). Restartable:
 * it keeps the last lead handed out in the step's context, and a restart
 * queries again from the lead after it.
 *
 * @param <T> the item a row becomes
 */
abstract class LeadCursorReader<T> implements ItemStreamReader<T> {
    private static final String LAST_LEAD = "last.lead";
    private static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final String what;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private long lastLead;

    LeadCursorReader(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    /** The query; its rows come in ascending lead id order, one per lead, and only after {@link #bind}'s lead. */
    protected abstract String sql();

    protected abstract void bind(PreparedStatement statement, long afterLead) throws SQLException;

    protected abstract T map(ResultSet row) throws SQLException;

    protected abstract long leadId(T item);

    @Override
    public void open(ExecutionContext context) {
        lastLead = context.getLong(LAST_LEAD, 0L);
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            statement = connection.prepareStatement(sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            bind(statement, lastLead);
            rows = statement.executeQuery();
        } catch (SQLException e) {
            close();
            throw new ItemStreamException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T read() {
        try {
            if (rows == null || !rows.next()) {
                return null;
            }
            T item = map(rows);
            lastLead = leadId(item);
            return item;
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot read " + what + " after lead " + lastLead + ": " + e.getMessage(), e);
        }
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
            throw new ItemStreamException("Cannot close the cursor over " + what + ": " + e.getMessage(), e);
        } finally {
            rows = null;
            statement = null;
            connection = null;
        }
    }
}

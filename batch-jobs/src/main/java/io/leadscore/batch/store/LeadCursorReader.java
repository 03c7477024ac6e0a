package io.leadscore.batch.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The jobs' readers of leads in id order: one {@link ReadCursor} (a
 * forward-only query on a read-only connection of its own, the step's writes
 * committing chunk by chunk on another), fetched a thousand rows at a time. Restartable by key, not by
 * count: the last lead handed out is kept in the step's execution context
 * ({@value #LAST_LEAD}), and a restart queries again from the lead after it,
 * so rows the first attempt wrote cannot shift what is read.
 *
 * <p>An item is one row ({@link #map}) or, for a reader that overrides
 * {@link #readItem}, the consecutive rows of one lead.
 *
 * @param <T> the item a lead becomes
 */
public abstract class LeadCursorReader<T> implements ItemStreamReader<T> {
    /** The execution-context key of the last lead handed out. */
    public static final String LAST_LEAD = "last.lead";
    private static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final String what;
    private ReadCursor cursor;
    private ResultSet rows;
    private boolean onRow;
    private long lastLead;

    /** @param what the rows, as an error message names them ("the MQLs to check") */
    protected LeadCursorReader(DataSource dataSource, String what) {
        this.dataSource = dataSource;
        this.what = what;
    }

    /** The query; its rows come in ascending lead id order, only after {@link #bind}'s lead. */
    protected abstract String sql();

    protected abstract void bind(PreparedStatement statement, long afterLead) throws SQLException;

    /** The item of the current row (readers of one row per lead). */
    protected abstract T map(ResultSet row) throws SQLException;

    protected abstract long leadId(T item);

    /**
     * The next item, read from the current row on; leaves the cursor on the first row of the next item
     * ({@link #advance()}). One row per item unless overridden.
     */
    protected T readItem(ResultSet row) throws SQLException {
        T item = map(row);
        advance();
        return item;
    }

    /** Moves to the next row; false at the end. */
    protected final boolean advance() throws SQLException {
        onRow = rows.next();
        return onRow;
    }

    /** Whether the cursor is on a row (not past the last). */
    protected final boolean onRow() {
        return onRow;
    }

    @Override
    public void open(ExecutionContext context) {
        lastLead = context.getLong(LAST_LEAD, 0L);
        try {
            cursor = ReadCursor.open(dataSource, sql(), FETCH_SIZE, statement -> bind(statement, lastLead));
            rows = cursor.rows();
            advance();
        } catch (SQLException e) {
            close();
            throw new ItemStreamException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T read() {
        if (rows == null || !onRow) {
            return null;
        }
        try {
            T item = readItem(rows);
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
            if (cursor != null) {
                cursor.close();
            }
        } catch (SQLException e) {
            throw new ItemStreamException("Cannot close the cursor over " + what + ": " + e.getMessage(), e);
        } finally {
            rows = null;
            cursor = null;
            onRow = false;
        }
    }
}

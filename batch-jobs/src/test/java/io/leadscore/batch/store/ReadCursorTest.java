package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The cursor every reader streams through: its own read-only connection in a
 * transaction, rows fetched in blocks, and the connection rolled back and
 * given back on close — also when the query cannot even start.
 */
class ReadCursorTest {
    private JdbcDataSource store;
    /** What was done to each connection handed out, in order. */
    private final List<List<String>> calls = new ArrayList<>();
    private DataSource tracked;
    /** The connection (by order handed out) whose rollback fails, or -1. */
    private int failingRollback = -1;

    @BeforeEach
    void table() {
        store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:readcursor" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        new JdbcTemplate(store).execute("CREATE TABLE t (id BIGINT); INSERT INTO t VALUES (1), (2), (3)");
        tracked = new DelegatingDataSource(store) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                List<String> log = new ArrayList<>();
                boolean failing = calls.size() == failingRollback;
                calls.add(log);
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (!method.getName().startsWith("prepare")) {
                                log.add(method.getName() + (args == null ? "" : "(" + args[0] + ")"));
                            }
                            if (failing && method.getName().equals("rollback")) {
                                throw new SQLException("connection reset during rollback");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    @Test
    void streamsTheRowsOnAReadOnlyTransactionAndGivesTheConnectionBack() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ReadCursor cursor = ReadCursor.open(tracked, "SELECT id FROM t WHERE id > ? ORDER BY id", 2,
                statement -> statement.setLong(1, 1))) {
            ResultSet rows = cursor.rows();
            assertThat(rows.getStatement().getFetchSize()).isEqualTo(2);
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }

        assertThat(ids).containsExactly(2L, 3L);
        assertThat(calls).containsExactly(List.of("setAutoCommit(false)", "setReadOnly(true)", "rollback", "close"));
    }

    @Test
    void aQueryThatCannotStartLeavesNoConnectionOpen() {
        assertThatThrownBy(() -> ReadCursor.open(tracked, "SELECT id FROM missing", 10, statement -> { }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("MISSING");
        assertThatThrownBy(() -> ReadCursor.open(tracked, "SELECT id FROM t WHERE id > ?", 10, statement -> {
            throw new IllegalStateException("no parameter to bind");
        })).isInstanceOf(IllegalStateException.class).hasMessage("no parameter to bind");

        assertThat(calls).hasSize(2).allSatisfy(log -> assertThat(log).endsWith("rollback", "close"));
    }

    @Test
    void closingSeveralClosesEveryOneAndThrowsTheFirstFailure() throws SQLException {
        failingRollback = 0;
        ReadCursor first = ReadCursor.open(tracked, "SELECT id FROM t", 10, statement -> { });
        ReadCursor second = ReadCursor.open(tracked, "SELECT id FROM t", 10, statement -> { });

        assertThatThrownBy(() -> ReadCursor.closeAll(first, null, second))
                .isInstanceOf(SQLException.class).hasMessage("connection reset during rollback");

        // the first connection's rollback failed, and still it and the second were given back
        assertThat(calls).containsExactly(List.of("setAutoCommit(false)", "setReadOnly(true)", "rollback", "close"),
                List.of("setAutoCommit(false)", "setReadOnly(true)", "rollback", "close"));
    }
}

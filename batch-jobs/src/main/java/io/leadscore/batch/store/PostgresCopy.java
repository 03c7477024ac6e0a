package io.leadscore.batch.store;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a PostgreSQL table with {@code COPY ... FROM STDIN}
 * (PgJDBC's CopyManager), on the caller's connection and so inside its
 * transaction: a rolled-back chunk takes its copied rows with it. COPY skips
 * the per-row protocol round of a prepared statement, which is most of what a
 * batch insert costs PostgreSQL's client side.
 *
 * <p>Rows are given as the values a prepared statement would be bound with
 * ({@link #values}), so a writer's binding code serves both ways in. Values
 * are sent in COPY's text format: {@code \N} for null, instants in ISO-8601
 * UTC, numbers as Java prints them (PostgreSQL reads the same values),
 * byte arrays in bytea's hex form.
 *
 * <p>A staged copy ({@link #staged}) copies into a temporary table shaped like
 * the target's columns and then runs one set-based statement from it (an
 * {@code INSERT ... SELECT} with whatever conflict clause the writer needs);
 * the staging table empties at each commit.
 */
public final class PostgresCopy {
    /** Bytes gathered before they are handed to the server. */
    private static final int BUFFER = 1 << 16;
    private static final Pattern INSERT = Pattern.compile(
            "INSERT INTO (\\w+) \\(([^)]*)\\) VALUES", Pattern.CASE_INSENSITIVE);

    private PostgresCopy() {
    }

    /** Binds one row's parameters, as for a prepared statement. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    /** Whether the connection is PostgreSQL's (through a pool's wrapper). */
    public static boolean supports(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Copies rows into a table.
     *
     * @param columns the table's columns, in the order the binder binds them (parameter 1 first)
     * @return the rows the server took
     */
    public static <T> long copy(Connection connection, String table, List<String> columns, List<? extends T> rows,
                                Binder<? super T> binder) throws SQLException {
        return copy(connection, table, columns, rows, binder, false);
    }

    private static <T> long copy(Connection connection, String table, List<String> columns, List<? extends T> rows,
                                 Binder<? super T> binder, boolean ordinal) throws SQLException {
        String sql = "COPY " + table + " (" + (ordinal ? "ord, " : "") + String.join(", ", columns)
                + ") FROM STDIN";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            Object[] values = new Object[columns.size()];
            PreparedStatement capture = capture(values);
            StringBuilder text = new StringBuilder(BUFFER + 4_096);
            int n = 0;
            for (T row : rows) {
                java.util.Arrays.fill(values, null);
                binder.bind(capture, row);
                if (ordinal) {
                    text.append(n).append('\t');
                }
                for (int i = 0; i < values.length; i++) {
                    if (i > 0) {
                        text.append('\t');
                    }
                    append(text, values[i]);
                }
                text.append('\n');
                n++;
                if (text.length() >= BUFFER) {
                    send(copy, text);
                }
            }
            send(copy, text);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Copies rows straight into the table a writer's insert names, in the order given: an identity column numbers
     * them in that order, as a batch of the insert would, and the table's keys and constraints check each row (a
     * duplicate key fails the copy, as it would fail the batch). For rows that need no conflict clause; a staged
     * copy ({@link #staged}) costs the server a second pass over them.
     *
     * @param insertSql the writer's own {@code INSERT INTO target (columns) VALUES (...)}, naming target and
     *                  columns in the binder's order
     * @return the rows the server took
     */
    public static <T> long copyInsert(Connection connection, String insertSql, List<? extends T> rows,
                                      Binder<? super T> binder) throws SQLException {
        Matcher m = insertInto(insertSql);
        return copy(connection, m.group(1), columns(m), rows, binder, false);
    }

    private static Matcher insertInto(String insertSql) {
        Matcher m = INSERT.matcher(insertSql);
        if (!m.find()) {
            throw new IllegalArgumentException("Not an INSERT INTO table (columns) VALUES statement: " + insertSql);
        }
        return m;
    }

    private static List<String> columns(Matcher insert) {
        List<String> columns = new ArrayList<>();
        for (String c : insert.group(2).split(",")) {
            columns.add(c.strip());
        }
        return columns;
    }

    /**
     * Copies rows into a staging table for {@code target} (made on first use in the session, emptied at every
     * commit), in the order given, then runs {@code setBased} — a statement that reads {@code staging} (the
     * staging table's name; column {@code ord} holds each row's place from 0) — and returns its update count.
     *
     * @param insertSql the writer's own {@code INSERT INTO target (columns) VALUES (...)}, naming target and
     *                  columns in the binder's order
     * @param setBased  builds the statement from the staging table's name and the column list
     */
    public static <T> int staged(Connection connection, String insertSql, List<? extends T> rows,
                                 Binder<? super T> binder, SetBased setBased) throws SQLException {
        Matcher m = insertInto(insertSql);
        String target = m.group(1);
        List<String> columns = columns(m);
        String list = String.join(", ", columns);
        // one staging table per shape: two writers staging different columns of one target in a session never meet
        String staging = target + "_staging_" + Integer.toUnsignedString(list.hashCode(), 36);
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + staging + " ON COMMIT DELETE ROWS AS SELECT"
                    + " CAST(0 AS INTEGER) AS ord, " + list + " FROM " + target + " WITH NO DATA");
            // rows an earlier staged copy of this transaction left
            statement.execute("DELETE FROM " + staging);
        }
        copy(connection, staging, columns, rows, binder, true);
        try (var statement = connection.createStatement()) {
            return statement.executeUpdate(setBased.sql(staging, target, list));
        }
    }

    /** The set-based statement of a staged copy. */
    @FunctionalInterface
    public interface SetBased {
        /**
         * @param staging the staging table
         * @param target  the table the writer's insert names
         * @param columns the copied columns, comma-separated, as the target names them
         */
        String sql(String staging, String target, String columns);
    }

    /** The usual set-based statement: insert every staged row into the target, in the order given. */
    public static SetBased insertInOrder(String conflictClause) {
        return (staging, target, columns) -> "INSERT INTO " + target + " (" + columns + ") SELECT " + columns + " FROM "
                + staging + " ORDER BY ord" + (conflictClause == null ? "" : " " + conflictClause);
    }

    /** A failed copy as Spring's data-access exception, as a failed JDBC batch would be (a duplicate key...). */
    public static RuntimeException translate(org.springframework.jdbc.core.JdbcTemplate jdbc, String task,
                                             SQLException e) {
        RuntimeException translated = jdbc.getExceptionTranslator().translate(task, null, e);
        return translated != null ? translated : new IllegalStateException(task + ": " + e.getMessage(), e);
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        if (text.length() > 0) {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }
    }

    static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String s) {
            escape(out, s);
        } else if (value instanceof OffsetDateTime t) {
            out.append(DateTimeFormatter.ISO_INSTANT.format(t.toInstant()));
        } else if (value instanceof Instant t) {
            out.append(DateTimeFormatter.ISO_INSTANT.format(t));
        } else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        } else if (value instanceof byte[] bytes) {
            out.append("\\\\x");
            for (byte b : bytes) {
                out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        } else if (value instanceof Boolean b) {
            out.append(b ? 't' : 'f');
        } else if (value instanceof Number n) {
            out.append(n);
        } else {
            throw new IllegalArgumentException("No COPY text form for a " + value.getClass().getName());
        }
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /**
     * A prepared statement that only records the values bound to it (the setters writers use), so that the code
     * binding a row for an INSERT also gives its values for COPY.
     */
    private static PreparedStatement capture(Object[] values) {
        return (PreparedStatement) Proxy.newProxyInstance(PostgresCopy.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("setNull")) {
                        values[(Integer) args[0] - 1] = null;
                        return null;
                    }
                    if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer i) {
                        values[i - 1] = args[1];
                        return null;
                    }
                    throw new UnsupportedOperationException("A COPY row takes bound values only, not " + name);
                });
    }
}

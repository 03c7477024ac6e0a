package io.leadscore.batch.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into a PostgreSQL table with {@code COPY ... FROM STDIN (FORMAT binary)}: each value goes in the
 * form the server keeps it — a timestamp as its microseconds, a number as its bytes — so neither side prints or
 * parses text for it. For a table written chunk after chunk (an import's events) that is the server's parsing of
 * every timestamp and number, and the importer's printing of them.
 *
 * <p>Binary COPY needs each value in exactly its column's type, so a copy is prepared for a table's columns
 * ({@link #of}), which reads their types from the catalogue once; rows are then given as for
 * {@link PostgresCopy} (the values a prepared statement would be bound with) and converted by column type.
 * A column of a type without a binary form here ({@code numeric}, arrays...) makes {@link #of} return empty, and
 * the caller copies in text.
 */
public final class BinaryCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Bytes gathered before they are handed to the server. */
    private static final int BUFFER = 1 << 16;
    /** PostgreSQL's epoch for timestamps and dates: 2000-01-01 UTC. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    /** The column types with a binary form here, by the catalogue's type name. */
    enum Type {
        INT2, INT4, INT8, FLOAT4, FLOAT8, BOOL, TEXT, JSONB, TIMESTAMPTZ, TIMESTAMP, DATE, BYTEA, UUID;

        static Optional<Type> of(String typeName) {
            return Optional.ofNullable(switch (typeName) {
                case "int2" -> INT2;
                case "int4" -> INT4;
                case "int8" -> INT8;
                case "float4" -> FLOAT4;
                case "float8" -> FLOAT8;
                case "bool" -> BOOL;
                case "text", "varchar", "bpchar", "json" -> TEXT;
                case "jsonb" -> JSONB;
                case "timestamptz" -> TIMESTAMPTZ;
                case "timestamp" -> TIMESTAMP;
                case "date" -> DATE;
                case "bytea" -> BYTEA;
                case "uuid" -> UUID;
                default -> null;
            });
        }
    }

    private final String sql;
    private final List<String> columns;
    private final Type[] types;

    BinaryCopy(String table, List<String> columns, Type[] types) {
        if (columns.size() != types.length) {
            throw new IllegalArgumentException("Columns " + columns + " and types " + Arrays.toString(types)
                    + " differ in number");
        }
        this.columns = List.copyOf(columns);
        this.types = types.clone();
        this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN (FORMAT binary)";
    }

    /**
     * A binary copy into the table's columns, in the order the binder binds them; empty when a column's type has no
     * binary form here (copy those rows in text).
     *
     * @throws IllegalArgumentException when the table lacks one of the columns
     */
    public static Optional<BinaryCopy> of(Connection connection, String table, List<String> columns)
            throws SQLException {
        Map<String, String> typeNames = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT a.attname, t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                        + " WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped")) {
            statement.setString(1, table);
            try (var rs = statement.executeQuery()) {
                while (rs.next()) {
                    typeNames.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        Type[] types = new Type[columns.size()];
        for (int i = 0; i < types.length; i++) {
            String typeName = typeNames.get(columns.get(i));
            if (typeName == null) {
                throw new IllegalArgumentException("Table " + table + " has no column " + columns.get(i));
            }
            Optional<Type> type = Type.of(typeName);
            if (type.isEmpty()) {
                return Optional.empty();
            }
            types[i] = type.get();
        }
        return Optional.of(new BinaryCopy(table, columns, types));
    }

    /**
     * Copies rows, on the caller's connection and so inside its transaction.
     *
     * @return the rows the server took
     */
    public <T> long copy(Connection connection, List<? extends T> rows, PostgresCopy.Binder<? super T> binder)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            Object[] values = new Object[columns.size()];
            PreparedStatement capture = PostgresCopy.capture(values);
            Out out = new Out(BUFFER + 4_096);
            out.bytes(SIGNATURE);
            out.int32(0); // flags
            out.int32(0); // header extension
            for (T row : rows) {
                Arrays.fill(values, null);
                binder.bind(capture, row);
                encodeRow(out, values);
                if (out.length >= BUFFER) {
                    out.sendTo(copy);
                }
            }
            out.int16(-1); // trailer
            out.sendTo(copy);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** One row's tuple: the field count, then each value's length and bytes (length -1 for null). */
    void encodeRow(Out out, Object[] values) {
        out.int16(values.length);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                out.int32(-1);
            } else {
                encode(out, types[i], value, i);
            }
        }
    }

    private void encode(Out out, Type type, Object value, int column) {
        switch (type) {
            case INT2 -> {
                out.int32(2);
                out.int16((int) integral(value, Short.MIN_VALUE, Short.MAX_VALUE, column));
            }
            case INT4 -> {
                out.int32(4);
                out.int32((int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, column));
            }
            case INT8 -> {
                out.int32(8);
                out.int64(integral(value, Long.MIN_VALUE, Long.MAX_VALUE, column));
            }
            case FLOAT4 -> {
                out.int32(4);
                out.int32(Float.floatToIntBits(number(value, column).floatValue()));
            }
            case FLOAT8 -> {
                out.int32(8);
                out.int64(Double.doubleToLongBits(number(value, column).doubleValue()));
            }
            case BOOL -> {
                if (!(value instanceof Boolean b)) {
                    throw refused(value, column);
                }
                out.int32(1);
                out.byte1(b ? 1 : 0);
            }
            case TEXT -> out.text(text(value, column), false);
            case JSONB -> out.text(text(value, column), true);
            case TIMESTAMPTZ, TIMESTAMP -> {
                out.int32(8);
                out.int64(micros(value, column));
            }
            case DATE -> {
                if (!(value instanceof LocalDate d)) {
                    throw refused(value, column);
                }
                out.int32(4);
                out.int32(Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAY));
            }
            case BYTEA -> {
                if (!(value instanceof byte[] bytes)) {
                    throw refused(value, column);
                }
                out.int32(bytes.length);
                out.bytes(bytes);
            }
            case UUID -> {
                if (!(value instanceof UUID u)) {
                    throw refused(value, column);
                }
                out.int32(16);
                out.int64(u.getMostSignificantBits());
                out.int64(u.getLeastSignificantBits());
            }
        }
    }

    private long integral(Object value, long min, long max, int column) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            throw refused(value, column);
        }
        long v = ((Number) value).longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("Column " + columns.get(column) + " (" + types[column].name()
                    .toLowerCase(java.util.Locale.ROOT) + ") cannot hold " + v);
        }
        return v;
    }

    private Number number(Object value, int column) {
        if (value instanceof Number n && !(value instanceof java.math.BigDecimal)
                && !(value instanceof java.math.BigInteger)) {
            return n;
        }
        throw refused(value, column);
    }

    private String text(Object value, int column) {
        if (value instanceof String s) {
            return s;
        }
        throw refused(value, column);
    }

    /** A timestamp as PostgreSQL keeps it: microseconds since 2000-01-01, rounded as the server rounds text. */
    private long micros(Object value, int column) {
        Instant instant;
        if (types[column] == Type.TIMESTAMP && value instanceof Timestamp t) {
            // a zoneless column takes the wall time JDBC would have sent
            instant = t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        } else if (value instanceof OffsetDateTime t) {
            instant = t.toInstant();
        } else if (value instanceof Instant t) {
            instant = t;
        } else if (value instanceof Timestamp t) {
            instant = t.toInstant();
        } else if (value instanceof LocalDateTime t) {
            instant = t.toInstant(ZoneOffset.UTC);
        } else {
            throw refused(value, column);
        }
        long seconds = instant.getEpochSecond() - PG_EPOCH_SECONDS;
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), (instant.getNano() + 500) / 1_000);
    }

    private IllegalArgumentException refused(Object value, int column) {
        return new IllegalArgumentException("No binary COPY form of a " + value.getClass().getName() + " for column "
                + columns.get(column) + " (" + types[column].name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    @Override
    public String toString() {
        return sql;
    }

    /** A growable big-endian byte buffer. */
    static final class Out {
        byte[] buffer;
        int length;

        Out(int capacity) {
            buffer = new byte[capacity];
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        void byte1(int v) {
            ensure(1);
            buffer[length++] = (byte) v;
        }

        void int16(int v) {
            ensure(2);
            buffer[length++] = (byte) (v >>> 8);
            buffer[length++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            buffer[length++] = (byte) (v >>> 24);
            buffer[length++] = (byte) (v >>> 16);
            buffer[length++] = (byte) (v >>> 8);
            buffer[length++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void bytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        /** A length-prefixed UTF-8 string; jsonb's binary form is a version byte (1) and the text. */
        void text(String s, boolean jsonb) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            int prefix = jsonb ? 1 : 0;
            int32(bytes.length + prefix);
            if (jsonb) {
                byte1(1);
            }
            bytes(bytes);
        }

        void sendTo(CopyIn copy) throws SQLException {
            if (length > 0) {
                copy.writeToCopy(buffer, 0, length);
                length = 0;
            }
        }
    }
}

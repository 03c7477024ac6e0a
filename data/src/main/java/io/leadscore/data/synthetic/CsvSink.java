package io.leadscore.data.synthetic;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An RFC 4180 CSV writer that formats numbers and timestamps itself into one
 * reused character buffer: no {@code String.format}, no locale, and no
 * allocation per row, which is what keeps a million activity rows cheap.
 * A field is quoted when it holds a comma, a quote or a line break, or starts
 * or ends with a space (some readers trim unquoted fields).
 */
final class CsvSink implements Closeable {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000,
        10_000_000, 100_000_000, 1_000_000_000L};

    private final Writer out;
    private final String lineEnd;
    private final char[] buffer = new char[1 << 16];
    private int length;
    private int fieldsInRow;
    private long rows;

    /**
     * @param byteOrderMark whether to start the file with U+FEFF, as spreadsheet tools save UTF-8
     * @param lineEnd       {@code "\r\n"} (RFC 4180) or {@code "\n"}
     */
    CsvSink(Path file, boolean byteOrderMark, String lineEnd, String... header) {
        try {
            this.out = new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        this.lineEnd = lineEnd;
        if (byteOrderMark) {
            buffer[length++] = '\uFEFF';
        }
        for (String column : header) {
            text(column);
        }
        endLine();
    }

    /** Data rows written so far (the header is not counted). */
    long rows() {
        return rows;
    }

    CsvSink text(CharSequence value) {
        separator();
        if (value == null) {
            return this;
        }
        int n = value.length();
        if (needsQuotes(value, n)) {
            ensure(2 * n + 2);
            buffer[length++] = '"';
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    buffer[length++] = '"';
                }
                buffer[length++] = c;
            }
            buffer[length++] = '"';
        } else {
            ensure(n);
            for (int i = 0; i < n; i++) {
                buffer[length++] = value.charAt(i);
            }
        }
        return this;
    }

    /** An absent value: an empty field. */
    CsvSink empty() {
        separator();
        return this;
    }

    CsvSink integer(long value) {
        separator();
        appendLong(value);
        return this;
    }

    /** {@code value} rounded half away from zero to {@code decimals} places, e.g. {@code 0.012346}. */
    CsvSink fixed(double value, int decimals) {
        return text(decimal(value, decimals));
    }

    /** {@code value} rounded half away from zero to {@code decimals} places, locale-free: {@code 0.012346}. */
    static String decimal(double value, int decimals) {
        if (!Double.isFinite(value) || decimals < 0 || decimals >= POWERS_OF_TEN.length) {
            throw new IllegalArgumentException("Cannot write " + value + " with " + decimals + " decimals");
        }
        long scale = POWERS_OF_TEN[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        StringBuilder b = new StringBuilder(24);
        if (value < 0 && scaled != 0) {
            b.append('-');
        }
        b.append(scaled / scale);
        if (decimals > 0) {
            b.append('.');
            String fraction = Long.toString(scaled % scale);
            for (int i = fraction.length(); i < decimals; i++) {
                b.append('0');
            }
            b.append(fraction);
        }
        return b.toString();
    }

    CsvSink bool(boolean value) {
        return text(value ? "true" : "false");
    }

    /**
     * A timestamp of {@code epochMillis} in {@code style}; {@code offsetMinutes}
     * is used by {@link TimeStyle#OFFSET} only. {@link TimeStyle#DATE} writes
     * the UTC day, truncating the time of day.
     */
    CsvSink time(long epochMillis, TimeStyle style, int offsetMinutes) {
        separator();
        long local = style == TimeStyle.OFFSET ? epochMillis + offsetMinutes * 60_000L : epochMillis;
        long day = Math.floorDiv(local, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(local, MILLIS_PER_DAY);
        appendDate(day);
        if (style == TimeStyle.DATE) {
            return this;
        }
        long secondOfDay = millisOfDay / 1000;
        put('T');
        appendPadded(secondOfDay / 3600, 2);
        put(':');
        appendPadded(secondOfDay / 60 % 60, 2);
        put(':');
        appendPadded(secondOfDay % 60, 2);
        switch (style) {
            case UTC -> put('Z');
            case UTC_MILLIS -> {
                put('.');
                appendPadded(millisOfDay % 1000, 3);
                put('Z');
            }
            case OFFSET -> {
                int abs = Math.abs(offsetMinutes);
                put(offsetMinutes < 0 ? '-' : '+');
                appendPadded(abs / 60, 2);
                put(':');
                appendPadded(abs % 60, 2);
            }
            default -> {
                // NO_OFFSET: the bare local date-time, read as UTC.
            }
        }
        return this;
    }

    void endRow() {
        endLine();
        rows++;
    }

    @Override
    public void close() {
        try {
            flushBuffer();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void endLine() {
        ensure(2);
        for (int i = 0; i < lineEnd.length(); i++) {
            buffer[length++] = lineEnd.charAt(i);
        }
        fieldsInRow = 0;
        if (length > buffer.length - 4096) {
            flushBuffer();
        }
    }

    private static boolean needsQuotes(CharSequence value, int n) {
        if (n == 0) {
            return false;
        }
        if (value.charAt(0) == ' ' || value.charAt(n - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void separator() {
        if (fieldsInRow++ > 0) {
            put(',');
        }
    }

    private void put(char c) {
        ensure(1);
        buffer[length++] = c;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            flushBuffer();
            if (extra > buffer.length) {
                throw new IllegalArgumentException("Field of " + extra + " characters is longer than the write buffer");
            }
        }
    }

    private void flushBuffer() {
        try {
            out.write(buffer, 0, length);
            length = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void appendLong(long value) {
        if (value < 0) {
            put('-');
            if (value == Long.MIN_VALUE) {
                throw new IllegalArgumentException("Cannot write " + value);
            }
            value = -value;
        }
        ensure(20);
        int start = length;
        do {
            buffer[length++] = (char) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        reverse(start, length - 1);
    }

    private void appendPadded(long value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buffer[length + i] = (char) ('0' + value % 10);
            value /= 10;
        }
        length += width;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            char c = buffer[from];
            buffer[from++] = buffer[to];
            buffer[to--] = c;
        }
    }

    /** Proleptic Gregorian civil date of an epoch day (Hinnant, "chrono-Compatible Low-Level Date Algorithms"). */
    private void appendDate(long epochDay) {
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthPart = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthPart + 2) / 5 + 1;
        long month = monthPart < 10 ? monthPart + 3 : monthPart - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        appendPadded(year, 4);
        put('-');
        appendPadded(month, 2);
        put('-');
        appendPadded(day, 2);
    }
}

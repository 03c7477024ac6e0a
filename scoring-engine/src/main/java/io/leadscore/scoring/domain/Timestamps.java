package io.leadscore.scoring.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The contract's timestamps: a date ({@code 2026-03-14}, taken as 00:00 UTC),
 * or a date-time with an offset or {@code Z}; a date-time without an offset is
 * taken as UTC. Impossible dates such as {@code 2026-02-30} are refused, not
 * rolled over, and so is any time outside 1970-01-01 to 2199-12-31 (UTC): a CRM
 * has no lead from before the Unix epoch or from the 23rd century, and a value
 * such as {@code +999999999-12-31T23:59:59Z} parses but overflows the
 * arithmetic every later step does with it (ages, decays, day numbers). A
 * fraction of a second is kept to the microsecond, as the store keeps it.
 */
public final class Timestamps {
    /** The earliest time accepted: 1970-01-01T00:00:00Z. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The first time no longer accepted: 2200-01-01T00:00:00Z. */
    public static final Instant END = Instant.parse("2200-01-01T00:00:00Z");
    /** The accepted range in words, for messages. */
    public static final String RANGE = "1970-01-01 to 2199-12-31";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /**
     * Parses a contract timestamp.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Missing timestamp");
        }
        String value = text.trim();
        Instant fast = fast(value);
        if (fast != null) {
            return inRange(value, fast);
        }
        try {
            if (value.length() == 10) {
                return inRange(value, LocalDate.parse(value, DATE).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            char last = value.charAt(value.length() - 1);
            boolean hasOffset = last == 'Z' || last == 'z' || hasNumericOffset(value);
            if (hasOffset) {
                return inRange(value,
                        OffsetDateTime.parse(value.replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
            return inRange(value, LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(describe(value, e));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid timestamp " + Quoted.value(value) + ": " + e.getMessage());
        }
    }

    /** Whether a time lies in the accepted range, {@link #EARLIEST} included, {@link #END} not. */
    public static boolean inRange(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(END);
    }

    /**
     * The time in range, to the microsecond: the store keeps microseconds, so a time given to the nanosecond is cut
     * there once, here, and a follow-up (whose key is its time) sent again finds itself stored rather than a row
     * the store rounded to another time.
     */
    private static Instant inRange(String value, Instant t) {
        if (!inRange(t)) {
            throw new IllegalArgumentException("Timestamp " + Quoted.value(value)
                    + " is out of range: expected a time from " + RANGE + " (UTC)");
        }
        return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /**
     * The common forms read without a formatter: {@code 2026-03-14}, {@code 2026-03-14T09:30:00},
     * with an optional fraction of a second and {@code Z} or {@code ±HH:MM}. Anything else, and any value out
     * of range, returns {@code null} for the strict formatter to accept or explain.
     */
    static Instant fast(String v) {
        int n = v.length();
        if (n < 10 || !digits(v, 0, 4) || v.charAt(4) != '-' || !digits(v, 5, 7) || v.charAt(7) != '-' || !digits(v, 8, 10)) {
            return null;
        }
        int year = number(v, 0, 4);
        int month = number(v, 5, 7);
        int day = number(v, 8, 10);
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        if (n == 10) {
            return Instant.ofEpochSecond(epochDay * 86_400);
        }
        if (n < 19 || v.charAt(10) != 'T' || !digits(v, 11, 13) || v.charAt(13) != ':' || !digits(v, 14, 16)
                || v.charAt(16) != ':' || !digits(v, 17, 19)) {
            return null;
        }
        int hour = number(v, 11, 13);
        int minute = number(v, 14, 16);
        int second = number(v, 17, 19);
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                i++;
            }
            int digits = i - start;
            if (digits < 1 || digits > 9) {
                return null;
            }
            nanos = number(v, start, i);
            for (int k = digits; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset = 0;
        if (i < n) {
            char c = v.charAt(i);
            if ((c == 'Z' || c == 'z') && i + 1 == n) {
                offset = 0;
            } else if ((c == '+' || c == '-') && i + 6 == n && digits(v, i + 1, i + 3) && v.charAt(i + 3) == ':'
                    && digits(v, i + 4, i + 6)) {
                int oh = number(v, i + 1, i + 3);
                int om = number(v, i + 4, i + 6);
                if (oh > 18 || om > 59) {
                    return null;
                }
                offset = (c == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return null;
            }
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (v.charAt(i) - '0');
        }
        return value;
    }

    /** Formats an instant as the contract's UTC date-time, e.g. {@code 2026-03-14T09:30:00Z}. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static boolean hasNumericOffset(String value) {
        int t = value.indexOf('T');
        if (t < 0) {
            t = value.indexOf(' ');
        }
        if (t < 0) {
            return false;
        }
        String time = value.substring(t + 1);
        return time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    private static String describe(String value, RuntimeException e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        String cause = root.getMessage();
        if (cause != null && (cause.contains("Invalid date") || cause.contains("Invalid value"))) {
            return "Impossible date " + Quoted.value(value) + ": " + cause;
        }
        return "Invalid timestamp " + Quoted.value(value)
                + ", expected a date (2026-03-14) or a date-time (2026-03-14T09:30:00Z)";
    }
}

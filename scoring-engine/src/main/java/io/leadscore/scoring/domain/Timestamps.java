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
 * rolled over.
 */
public final class Timestamps {
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
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value, DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            char last = value.charAt(value.length() - 1);
            boolean hasOffset = last == 'Z' || last == 'z' || hasNumericOffset(value);
            if (hasOffset) {
                return OffsetDateTime.parse(value.replace('z', 'Z'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            return LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(describe(value, e));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid timestamp '" + value + "': " + e.getMessage());
        }
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
            return "Impossible date '" + value + "': " + cause;
        }
        return "Invalid timestamp '" + value + "', expected a date (2026-03-14) or a date-time (2026-03-14T09:30:00Z)";
    }
}

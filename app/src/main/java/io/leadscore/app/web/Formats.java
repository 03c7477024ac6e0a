package io.leadscore.app.web;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Number and time formats of the console pages, as {@code ${@fmt.percent(x)}} in templates. Times are UTC. */
@Component("fmt")
public class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** 0.1234 → "12.3%"; blank for none. */
    public String percent(Number share) {
        if (share == null || !Double.isFinite(share.doubleValue())) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100 * share.doubleValue());
    }

    /** 1234567.8 → "1,234,568". */
    public String amount(Number value) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return "–";
        }
        return value instanceof BigDecimal b ? String.format(Locale.ROOT, "%,.0f", b)
                : String.format(Locale.ROOT, "%,.0f", value.doubleValue());
    }

    /** A count: whole numbers with separators, others with one decimal. */
    public String count(Number value) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return "–";
        }
        double v = value.doubleValue();
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    public String decimal(Number value, int digits) {
        if (value == null || !Double.isFinite(value.doubleValue())) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", value.doubleValue());
    }

    public String time(Instant instant) {
        return instant == null ? "–" : TIME.format(instant) + " UTC";
    }

    /** A time in a table cell: no zone (the column says UTC). */
    public String stamp(Instant instant) {
        return instant == null ? "–" : TIME.format(instant);
    }

    /** An ISO-8601 instant as text (a job parameter), as {@link #stamp}; other text as it is. */
    public String stamp(String iso) {
        if (iso == null || iso.isBlank()) {
            return "–";
        }
        try {
            return stamp(Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** Text cut to a length, with an ellipsis. */
    public String cut(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        return text.substring(0, Math.max(1, length - 1)) + "…";
    }

    public String day(Instant instant) {
        return instant == null ? "–" : DAY.format(instant);
    }

    /** 75.4 s → "1 min 15 s". */
    public String duration(Duration d) {
        if (d == null) {
            return "–";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}

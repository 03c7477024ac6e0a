package io.leadscore.scoring.labels;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The ages at which a training set looks at each lead: the spine of (lead, as-of) snapshots. The listed ages
 * first, then one every {@code every} after the last of them, for as long as the lead stays open.
 *
 * <p>The default (0 h, 1, 3, 7, 14, 30, 60, 90, 180 and 365 days, then every 91 days) is dense where a lead's
 * picture changes fastest, its first weeks, and still reaches the ages of the oldest open leads the nightly job
 * scores. A snapshot at age 0 h is the lead as it arrives: its fields, and no engagement yet (only events
 * strictly before a snapshot count).
 *
 * @param ages  strictly increasing ages, the first at least 0
 * @param every the step after the last listed age, at least one day
 */
public record SnapshotSchedule(List<Duration> ages, Duration every) {

    private static final long DAY_MILLIS = 86_400_000L;

    public SnapshotSchedule {
        Objects.requireNonNull(ages, "ages");
        Objects.requireNonNull(every, "every");
        ages = List.copyOf(ages);
        if (ages.isEmpty()) {
            throw new IllegalArgumentException("Invalid snapshot schedule: no ages, expected at least one (e.g. 0h)");
        }
        Duration previous = null;
        for (Duration age : ages) {
            if (age.isNegative()) {
                throw new IllegalArgumentException("Invalid snapshot age: " + format(age) + ", expected 0 or more");
            }
            if (previous != null && age.compareTo(previous) <= 0) {
                throw new IllegalArgumentException("Invalid snapshot schedule: " + format(age) + " after " + format(previous)
                        + ", expected strictly increasing ages");
            }
            previous = age;
        }
        if (every.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("Invalid snapshot step: " + format(every) + ", expected at least 1d");
        }
    }

    /** 0 h, 1, 3, 7, 14, 30, 60, 90, 180, 365 days, then every quarter (91 days). */
    public static SnapshotSchedule defaults() {
        return parse("0h,1d,3d,7d,14d,30d,60d,90d,180d,365d", "91d");
    }

    /**
     * Reads ages written as a number and a unit, {@code h} (hours) or {@code d} (days): {@code "0h,1d,3d,7d"}.
     *
     * @throws IllegalArgumentException naming the piece that is not an age
     */
    public static SnapshotSchedule parse(String ages, String every) {
        List<Duration> list = new ArrayList<>();
        for (String piece : Objects.requireNonNull(ages, "ages").split(",")) {
            if (!piece.isBlank()) {
                list.add(age(piece));
            }
        }
        return new SnapshotSchedule(list, age(Objects.requireNonNull(every, "every")));
    }

    /** One age: a whole number followed by {@code h} or {@code d}. */
    public static Duration age(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.length() >= 2 && (t.endsWith("h") || t.endsWith("d"))) {
            String digits = t.substring(0, t.length() - 1).strip();
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() <= 6) {
                long n = Long.parseLong(digits);
                return t.endsWith("h") ? Duration.ofHours(n) : Duration.ofDays(n);
            }
        }
        throw new IllegalArgumentException("Invalid snapshot age: '" + text.strip() + "', expected a whole number of hours"
                + " or days such as 0h, 12h or 30d");
    }

    /** The k-th age (0-based) in milliseconds: a listed one, or a step after the last. */
    public long ageMillis(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("Invalid snapshot index: " + k);
        }
        if (k < ages.size()) {
            return ages.get(k).toMillis();
        }
        return ages.get(ages.size() - 1).toMillis() + (long) (k - ages.size() + 1) * every.toMillis();
    }

    /** The ages and the step as the settings write them, e.g. {@code 0h,1d,3d, then every 91d}. */
    public String describe() {
        return listed() + ", then every " + format(every);
    }

    /** The listed ages as the settings write them, e.g. {@code 0h,1d,3d}. */
    public String listed() {
        StringBuilder b = new StringBuilder();
        for (Duration age : ages) {
            b.append(b.length() == 0 ? "" : ",").append(format(age));
        }
        return b.toString();
    }

    public static String format(Duration age) {
        long millis = age.toMillis();
        if (millis != 0 && millis % DAY_MILLIS == 0) {
            return millis / DAY_MILLIS + "d";
        }
        return age.toHours() + "h";
    }
}

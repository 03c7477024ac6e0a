package io.leadscore.simulator.text;

import java.util.Locale;

/** Number formatting for tables: the same output on every machine (Locale.ROOT), comma-grouped. */
public final class Numbers {

    private Numbers() {
    }

    /** A money amount, whole units, grouped: 1,234,567. */
    public static String amount(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /**
     * An expected count as people read it: whole from 100 on (1,125), one decimal below (52.3, 0.4), where the
     * decimal still says something.
     */
    public static String count(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%,.1f", unsigned(v, 0.05));
    }

    /** A count rounded to a whole number, grouped: 1,125. */
    public static String whole(double v) {
        return String.format(Locale.ROOT, "%,.0f", unsigned(v, 0.5));
    }

    /** A share as a percentage with one decimal: 63.2%. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", unsigned(100 * share, 0.05));
    }

    /** A value that rounds to zero as plain zero: never "-0.0" for a sum that came out a hair below it. */
    private static double unsigned(double v, double half) {
        return Math.abs(v) < half ? 0 : v;
    }

    /** A plain number with the given decimals, no grouping. */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /**
     * A score threshold with the decimals it has, two to four: 0.10, 0.015, 0.0225 (two thresholds of a sweep never
     * print alike when they differ in the first four decimals).
     */
    public static String threshold(double t) {
        for (int decimals = 2; decimals < 4; decimals++) {
            double scale = Math.pow(10, decimals);
            if (Math.abs(t * scale - Math.rint(t * scale)) < 1e-6) {
                return fixed(t, decimals);
            }
        }
        return fixed(t, 4);
    }

    /** Hours to three significant digits without trailing zeros: 42, 6.21, 0.5. */
    public static String hours(double h) {
        if (!Double.isFinite(h)) {
            return String.valueOf(h);
        }
        if (h == 0) {
            return "0";
        }
        return new java.math.BigDecimal(h).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** A number in a compact form for narrow columns: 950, 12.3k, 4.56M, 1.2B. */
    public static String compact(double v) {
        double a = Math.abs(v);
        if (a < 1_000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a < 1_000_000) {
            return String.format(Locale.ROOT, a < 10_000 ? "%.2fk" : a < 100_000 ? "%.1fk" : "%.0fk", v / 1_000);
        }
        if (a < 1_000_000_000) {
            return String.format(Locale.ROOT, a < 10_000_000 ? "%.2fM" : a < 100_000_000 ? "%.1fM" : "%.0fM", v / 1_000_000);
        }
        return String.format(Locale.ROOT, "%.2fB", v / 1_000_000_000);
    }
}

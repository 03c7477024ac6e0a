package io.leadscore.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The accepted range of every number a what-if takes from outside — the
 * command line's scenario flags and the API's query parameters, which share
 * their names — defined once so both refuse the same values with the same
 * words. The bounds are wider than any real scenario and narrow enough that
 * no accepted value exhausts memory or overflows arithmetic: a million reps
 * would allocate their queue per trial, a period of centuries would draw
 * arrivals for every day of it.
 */
public final class ScenarioRanges {

    /**
     * One parameter's range.
     *
     * @param name         the flag's and the parameter's name, e.g. {@code period-days}
     * @param min          the lower bound
     * @param max          the upper bound
     * @param minExclusive whether {@code min} itself is outside
     * @param maxExclusive whether {@code max} itself is outside
     * @param whole        whether only whole numbers are meant
     */
    public record Range(String name, double min, double max, boolean minExclusive, boolean maxExclusive, boolean whole) {

        public boolean contains(double value) {
            return Double.isFinite(value) && (minExclusive ? value > min : value >= min)
                    && (maxExclusive ? value < max : value <= max) && (!whole || value == Math.rint(value));
        }

        /** The range in words, e.g. {@code 1 to 3,660} or {@code more than 0 and less than 1}. */
        public String describe() {
            String low = (minExclusive ? "more than " : "") + number(min);
            String high = number(max);
            if (!minExclusive && !maxExclusive) {
                return low + " to " + high;
            }
            return low + (maxExclusive ? " and less than " : ", at most ") + high;
        }

        /**
         * @param label how the caller names the parameter, e.g. {@code --period-days} or {@code period-days}
         * @throws IllegalArgumentException naming the parameter, the value and the range
         */
        public void check(String label, Number value) {
            if (value != null && !contains(value.doubleValue())) {
                throw new IllegalArgumentException(label + " " + number(value.doubleValue()) + ": expected "
                        + describe());
            }
        }
    }

    public static final Range QUOTA = new Range("quota", 0, 1e12, false, false, false);
    public static final Range PERIOD_DAYS = new Range("period-days", 1, 3660, false, false, true);
    public static final Range THRESHOLD = new Range("threshold", 0, 1, true, true, false);
    public static final Range SLA_HOURS = new Range("sla-hours", 0, 8760, true, false, false);
    public static final Range LEADS_PER_WEEK = new Range("leads-per-week", 0, Scenario.MAX_LEADS_PER_WEEK, false, false, false);
    public static final Range REPS = new Range("reps", 0, 10_000, false, false, true);
    public static final Range TOUCHES_PER_REP_PER_DAY = new Range("touches-per-rep-per-day", 0, 1_000, true, false, false);
    public static final Range TRIALS = new Range("trials", 1, 10_000_000, false, false, true);
    public static final Range THREADS = new Range("threads", 1, 256, false, false, true);
    public static final Range CONFIDENCE = new Range("confidence", 0, 1, true, true, false);
    /** Thresholds, and as many SLA values, in one plan's sweep. */
    public static final Range SWEEP_SIZE = new Range("sweep size", 1, 50, false, false, true);

    /** Every range, for documentation and tests. */
    public static final List<Range> ALL = List.of(QUOTA, PERIOD_DAYS, THRESHOLD, SLA_HOURS, LEADS_PER_WEEK, REPS,
            TOUCHES_PER_REP_PER_DAY, TRIALS, THREADS, CONFIDENCE, SWEEP_SIZE);

    private ScenarioRanges() {
    }

    /** A bound or value as people write it: {@code 3,660}, {@code 0.5}, {@code 1,000,000,000,000}. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}

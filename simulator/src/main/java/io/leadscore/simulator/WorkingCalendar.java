package io.leadscore.simulator;

import java.time.DayOfWeek;

/**
 * Working time over the period, in hours from the start of day 0: which days
 * are working days, and the first working instant at or after any time.
 */
final class WorkingCalendar {

    static final double CLOSE_TOLERANCE_HOURS = 1e-9;
    private static final double ONE_DAY = 1.0 / 24;

    private final int days;
    private final boolean always;
    private final double open;
    private final double close;
    private final boolean[] working;
    /** nextOpen[d]: the first opening at or after the start of day d; +Infinity past the period. */
    private final double[] nextOpen;
    private final int workingDays;

    /**
     * @param days          length of the period
     * @param firstWeekday  the day of the week of day 0
     */
    WorkingCalendar(int days, DayOfWeek firstWeekday, WorkWeek week) {
        this.days = days;
        this.always = week.isAlways();
        this.open = week.openHour();
        this.close = week.closeHour();
        this.working = new boolean[days];
        int count = 0;
        for (int d = 0; d < days; d++) {
            working[d] = week.days().contains(firstWeekday.plus(d));
            if (working[d]) {
                count++;
            }
        }
        this.workingDays = count;
        this.nextOpen = new double[days + 1];
        nextOpen[days] = Double.POSITIVE_INFINITY;
        for (int d = days - 1; d >= 0; d--) {
            nextOpen[d] = working[d] ? 24.0 * d + open : nextOpen[d + 1];
        }
    }

    /** The first working instant at or after {@code t} (hours); +Infinity when there is none in the period. */
    double nextWorking(double t) {
        if (always) {
            return t;
        }
        if (t < 0) {
            return nextOpen[0];
        }
        int d = (int) (t * ONE_DAY);
        if (d >= days) {
            return Double.POSITIVE_INFINITY;
        }
        if (working[d]) {
            double h = t - 24.0 * d;
            if (h < open) {
                return 24.0 * d + open;
            }
            // A touch scheduled at the close by accumulated service times (9 + 5 x 1.6 h) may land a
            // hair before it in floating point; it belongs to the next day, or a rep would gain a touch.
            if (h < close - CLOSE_TOLERANCE_HOURS) {
                return t;
            }
        }
        return working[d] ? nextOpen[d + 1] : nextOpen[d];
    }

    int workingDays() {
        return workingDays;
    }

    boolean isWorkingDay(int day) {
        return working[day];
    }
}

package io.leadscore.simulator;

import io.leadscore.simulator.calibration.LogNormalDays;

/**
 * Decides whether a lognormal duration drawn by inversion, 24 · Q(u) hours,
 * is shorter than a given number of hours, mostly without computing Q(u).
 *
 * <p>The quantile is tabulated at u = j / 1024. Because 1024 is a power of two,
 * j = ⌊1024·u⌋ is exact and j/1024 &le; u &lt; (j+1)/1024, so Q(j/1024) &le;
 * Q(u) &le; Q((j+1)/1024) (Q is increasing): when the whole bracket lies on
 * one side of the bound the answer is known; otherwise Q(u) is computed. The
 * answer is the same as comparing 24 · Q(u) directly. Most of a run's
 * opportunities need only this decision (did the deal open, or close, inside
 * the period), not the duration itself.
 */
final class DurationGrid {

    private static final int SIZE = 1024;

    private final LogNormalDays days;
    /** hours[j] = 24 · Q(j / SIZE), j = 0..SIZE; hours[SIZE] = +Infinity. */
    private final double[] hours = new double[SIZE + 1];

    DurationGrid(LogNormalDays days) {
        this.days = days;
        hours[0] = 0;
        for (int j = 1; j < SIZE; j++) {
            hours[j] = 24 * days.quantile((double) j / SIZE);
        }
        hours[SIZE] = Double.POSITIVE_INFINITY;
    }

    /** The duration in hours for a uniform u in [0, 1): 24 · Q(u). */
    double hours(double u) {
        return 24 * days.quantile(u);
    }

    /** Whether 24 · Q(u) &lt; bound, for a uniform u in [0, 1). */
    boolean shorterThan(double u, double bound) {
        int j = (int) (u * SIZE);
        if (hours[j + 1] < bound) {
            return true;
        }
        if (hours[j] >= bound) {
            return false;
        }
        return hours(u) < bound;
    }
}

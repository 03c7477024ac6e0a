package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * How often one event happens to a lead at each week of its age, from a
 * censored history: an actuarial life table. Per week of age, the events of
 * that age over the leads at risk at its start (leads of that age that had
 * not yet had the event, nor a competing one; half for those that entered or
 * were censored during the week): the chance of the event within the week.
 * Leads still young at the calibration time count only for the ages they
 * have lived, so the table is not biased by leads whose deals are still to
 * come, as a share of all leads would be.
 *
 * <p>Smoothing: a week's rate is taken over the narrowest window of weeks
 * around it (w − k … w + k) that holds at least {@value #MIN_EXPOSURE}
 * lead-weeks at risk, so a thin week borrows from its neighbours and ages
 * beyond the history take the rate of the nearest ages it has, rather than
 * none. The window grows on exposure alone, not until it holds some number
 * of events: at old ages, where the event has become rare, a window grown
 * to find events would reach back to the young ages where it is common and
 * overstate it.
 *
 * <p>The last week is a <b>tail</b>: it holds every age from week {@value #WEEKS} − 1 on (the events and the
 * lead-weeks at risk of all those ages), and its rate, per week, holds for every later age. A CRM keeps its old
 * leads, and some of them open deals years on (a prospect back in the market, a referral); a table that ended at
 * two years would forecast none of their deals, however many the history shows.
 */
public final class LifeTable {

    /** Weeks of age: two years, the last of them the tail of every later age. */
    public static final int WEEKS = 104;
    /** A week's rate is pooled over neighbouring weeks until the window holds this many leads at risk. */
    public static final double MIN_EXPOSURE = 100;

    private final double[] events;
    private final double[] exposure;
    private final double[] hazard;

    /**
     * @param events   per week of age, events ({@link #WEEKS} weeks, the last one those of every later age too)
     * @param exposure per week of age, leads at risk at its start (the actuarial denominator), &ge; 0; the last
     *                 week, the lead-weeks at risk of every later age too
     */
    public LifeTable(double[] events, double[] exposure) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(exposure, "exposure");
        if (events.length != WEEKS || exposure.length != WEEKS) {
            throw new IllegalArgumentException("Invalid life table: " + events.length + " event and " + exposure.length
                    + " exposure weeks, expected " + WEEKS + " of each");
        }
        this.events = events.clone();
        this.exposure = exposure.clone();
        this.hazard = new double[WEEKS];
        for (int w = 0; w < WEEKS; w++) {
            if (!(events[w] >= 0 && exposure[w] >= 0) || Double.isInfinite(events[w]) || Double.isInfinite(exposure[w])) {
                throw new IllegalArgumentException("Invalid life table week " + w + ": " + events[w] + " events over "
                        + exposure[w] + " lead-weeks, expected finite numbers >= 0");
            }
        }
        for (int w = 0; w < WEEKS; w++) {
            double e = events[w];
            double x = exposure[w];
            for (int k = 1; k < WEEKS && x < MIN_EXPOSURE; k++) {
                if (w - k >= 0) {
                    e += events[w - k];
                    x += exposure[w - k];
                }
                if (w + k < WEEKS) {
                    e += events[w + k];
                    x += exposure[w + k];
                }
            }
            hazard[w] = x > 0 ? Math.min(1, e / x) : 0;
        }
    }

    /** A table in which the event never happens. */
    public static LifeTable none() {
        return new LifeTable(new double[WEEKS], new double[WEEKS]);
    }

    /**
     * The chance that the event happens in week {@code week} of a lead's age to a lead at risk at its start; ages
     * past the table take the tail's rate.
     */
    public double hazard(int week) {
        return week < 0 ? 0 : hazard[Math.min(week, WEEKS - 1)];
    }

    /**
     * The chance per day, constant over a week, that compounds over its seven days to the week's chance
     * {@code weekly}: 1 − (1 − weekly)<sup>1/7</sup>. A week's chance divided by seven falls short of it when the
     * chance is large (a week that closes 60% of the deals open at its start would close only 47% of them).
     */
    public static double daily(double weekly) {
        if (!(weekly > 0)) {
            return 0;
        }
        return weekly >= 1 ? 1 : -Math.expm1(Math.log1p(-weekly) / 7);
    }

    /** Events counted over all ages. */
    public double events() {
        double sum = 0;
        for (double e : events) {
            sum += e;
        }
        return sum;
    }

    /** Lead-weeks at risk over all ages. */
    public double exposure() {
        double sum = 0;
        for (double e : exposure) {
            sum += e;
        }
        return sum;
    }

    public double events(int week) {
        return events[week];
    }

    public double exposure(int week) {
        return exposure[week];
    }
}

package io.leadscore.simulator.calibration;

import io.leadscore.simulator.text.Numbers;
import java.util.Objects;

/**
 * How far a period's wins stray from the level the history before it shows, beyond what chance alone gives: the
 * deal level error. Stage rates, life tables and deal courses are averages over a year; a quarter whose deals
 * run hot (a good season for buyers, a strong team) or cold wins more or fewer than any average says, and a
 * simulator that draws only around the averages is too sure of itself. Each trial therefore carries one factor
 * on every win chance of the period, lognormal with this log standard deviation and a median of one (the misses
 * are measured, and centred, in log).
 *
 * <p>Measured on the store's own weekly wins ({@link #measure}): at every week with {@value #LOOKBACK_WEEKS}
 * weeks of wins before it and {@value #HORIZON_WEEKS} after, the log of the next weeks' wins over the last
 * weeks' level; the root mean square of those misses, less what Poisson counts alone give (the variance of the
 * log of a count is about one over the count), is the level error. Where that chance part alone exceeds the
 * default, the wins are too few to tell a smaller error from none, and a measured error below the default is
 * replaced by it (a thin history's misses are chance's, not proof of a steady level). The history's first {@value #RAMP_WEEKS}
 * weeks are never part of a level: there wins still grow from nothing as the first leads' deals mature, a ramp
 * no real period repeats.
 *
 * @param sd       the log standard deviation of a trial's factor (0: none)
 * @param measured whether it was measured on the store's wins (else a default)
 * @param note     where it came from, for the assumptions table
 */
public record WinLevel(double sd, boolean measured, String note) {
    /** Weeks of wins whose mean is the level a period is compared with. */
    public static final int LOOKBACK_WEEKS = 26;
    /** Weeks of wins after each origin: a quarter. */
    public static final int HORIZON_WEEKS = 13;
    /** The history's first weeks, in no level: its wins ramp up as the first leads' deals mature. */
    public static final int RAMP_WEEKS = 26;
    /** Origins needed to measure the error; with fewer the default is used. */
    public static final int MIN_ORIGINS = 8;
    /** The error assumed where the history is too short to measure it. */
    public static final double DEFAULT_SD = 0.15;

    public WinLevel {
        if (!(sd >= 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("Invalid deal level error: " + sd + ", expected a finite value >= 0");
        }
        Objects.requireNonNull(note, "note");
    }

    /** No factor: a simulation without a store's history. */
    public static WinLevel none() {
        return new WinLevel(0, false, "none: no lead history given");
    }

    /**
     * The level error of a history's weekly wins (oldest first, by the week each deal was won), or the default
     * with fewer than {@value #MIN_ORIGINS} origins.
     */
    public static WinLevel measure(long[] weeklyWins) {
        Objects.requireNonNull(weeklyWins, "weeklyWins");
        int n = weeklyWins.length;
        double sum = 0;
        double poisson = 0;
        int origins = 0;
        for (int t = RAMP_WEEKS + LOOKBACK_WEEKS; t + HORIZON_WEEKS <= n; t++) {
            long before = total(weeklyWins, t - LOOKBACK_WEEKS, t);
            long after = total(weeklyWins, t, t + HORIZON_WEEKS);
            if (before == 0 || after == 0) {
                continue;
            }
            double forecast = (double) before * HORIZON_WEEKS / LOOKBACK_WEEKS;
            double e = Math.log(after / forecast);
            sum += e * e;
            poisson += 1.0 / after + 1.0 / before;
            origins++;
        }
        if (origins < MIN_ORIGINS) {
            return new WinLevel(DEFAULT_SD, false, "default " + Numbers.percent(DEFAULT_SD) + ": fewer than "
                    + (RAMP_WEEKS + LOOKBACK_WEEKS + HORIZON_WEEKS + MIN_ORIGINS - 1) + " weeks of wins to measure how far a quarter's"
                    + " wins stray from the level before it");
        }
        double sd = Math.sqrt(Math.max(0, (sum - poisson) / origins));
        double chance = Math.sqrt(poisson / origins);
        if (chance > DEFAULT_SD && sd < DEFAULT_SD) {
            // wins too few for their own chance to leave an error of the default's size visible: a measured error
            // below it (often zero, chance taking all of the misses) says nothing of the level's wander
            return new WinLevel(DEFAULT_SD, false, "default " + Numbers.percent(DEFAULT_SD) + ": measured "
                    + Numbers.percent(sd) + " at " + origins + " weeks of " + n + ", but chance alone moves so few"
                    + " wins by " + Numbers.percent(chance) + ", too much to tell a smaller error from none");
        }
        return new WinLevel(sd, true, Numbers.percent(sd) + ": how far " + HORIZON_WEEKS + " weeks' wins strayed from the"
                + " mean of the " + LOOKBACK_WEEKS + " weeks before them, beyond chance, at " + origins + " weeks of "
                + n + " (one factor per trial on every win chance)");
    }

    private static long total(long[] counts, int from, int to) {
        long sum = 0;
        for (int w = from; w < to; w++) {
            sum += counts[w];
        }
        return sum;
    }
}

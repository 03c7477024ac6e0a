package io.leadscore.simulator.calibration;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The shape of lead arrivals; the volume itself (leads per week) is a scenario
 * input. Daily counts are Poisson with a mean from the weekly volume, a
 * day-of-week weight and an optional monthly seasonality; within a day, leads
 * arrive by an hour-of-day profile (uniform inside each hour). When weekly counts
 * are over-dispersed each week's mean is multiplied by a Gamma(r, 1/r) factor
 * (mean 1), which makes weekly counts negative binomial with variance
 * μ + μ²/r while daily counts inside a week stay Poisson given that factor.
 */
public final class ArrivalPattern {

    /** Fewer weeks than this are not tested for over-dispersion. */
    public static final int MIN_WEEKS = 8;
    /** Over-dispersion is adopted when the dispersion test's p-value is below this. */
    public static final double DISPERSION_TEST_LEVEL = 0.05;
    /** Weekday or hour-of-day profiles from fewer leads than this are not used. */
    public static final int MIN_PROFILE_LEADS = 500;

    private final double dispersion;
    private final double[] weekdayWeights;
    private final double[] hourWeights;
    private final double[] monthlySeasonality;
    private final double observedLeadsPerWeek;
    private final Provenance provenance;
    private double levelSd;
    private String levelNote = "";

    /** Weeks of history before an origin whose mean forecasts the volume after it (as the store's scenario does). */
    public static final int LEVEL_LOOKBACK_WEEKS = 26;
    /** Weeks after an origin whose volume is forecast: a quarter. */
    public static final int LEVEL_HORIZON_WEEKS = 13;
    /** Forecast origins needed to measure the volume's level error. */
    public static final int MIN_LEVEL_ORIGINS = 8;

    /**
     * @param dispersion           negative-binomial shape r &gt; 0, or {@code +Infinity} for Poisson weeks
     * @param weekdayWeights       7 weights &ge; 0, Monday first, not all 0; rescaled to mean 1
     * @param hourWeights          24 weights &ge; 0 for the hours of the day from midnight, not all 0; rescaled to sum 1
     * @param monthlySeasonality   12 multipliers &gt; 0 (January first) on the weekly volume, or {@code null} for none
     * @param observedLeadsPerWeek the mean weekly volume in the history, NaN when unknown
     */
    public ArrivalPattern(double dispersion, double[] weekdayWeights, double[] hourWeights,
                          double[] monthlySeasonality, double observedLeadsPerWeek, Provenance provenance) {
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(weekdayWeights, "weekdayWeights");
        Objects.requireNonNull(hourWeights, "hourWeights");
        if (!(dispersion > 0)) {
            throw new IllegalArgumentException("Invalid dispersion: " + dispersion + ", expected r > 0 or +Infinity for Poisson");
        }
        if (weekdayWeights.length != 7) {
            throw new IllegalArgumentException("Invalid weekday weights: " + weekdayWeights.length + " values, expected 7 (Monday first)");
        }
        double sum = 0;
        for (double w : weekdayWeights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Invalid weekday weight: " + w + ", expected a finite number >= 0");
            }
            sum += w;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("Invalid weekday weights: all 0, expected leads on at least one day");
        }
        if (hourWeights.length != 24) {
            throw new IllegalArgumentException("Invalid hour weights: " + hourWeights.length + " values, expected 24 (from midnight)");
        }
        double hourSum = 0;
        for (double w : hourWeights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Invalid hour weight: " + w + ", expected a finite number >= 0");
            }
            hourSum += w;
        }
        if (hourSum == 0) {
            throw new IllegalArgumentException("Invalid hour weights: all 0, expected leads in at least one hour");
        }
        if (monthlySeasonality != null) {
            if (monthlySeasonality.length != 12) {
                throw new IllegalArgumentException("Invalid monthly seasonality: " + monthlySeasonality.length
                        + " values, expected 12 (January first)");
            }
            for (double s : monthlySeasonality) {
                if (!(s > 0) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException("Invalid monthly seasonality multiplier: " + s + ", expected a positive number");
                }
            }
        }
        if (!(Double.isNaN(observedLeadsPerWeek) || observedLeadsPerWeek >= 0 && Double.isFinite(observedLeadsPerWeek))) {
            throw new IllegalArgumentException("Invalid observed leads per week: " + observedLeadsPerWeek + ", expected >= 0 or NaN");
        }
        this.dispersion = dispersion;
        this.weekdayWeights = new double[7];
        for (int i = 0; i < 7; i++) {
            this.weekdayWeights[i] = weekdayWeights[i] * 7 / sum;
        }
        this.hourWeights = new double[24];
        for (int h = 0; h < 24; h++) {
            this.hourWeights[h] = hourWeights[h] / hourSum;
        }
        this.monthlySeasonality = monthlySeasonality == null ? null : monthlySeasonality.clone();
        this.observedLeadsPerWeek = observedLeadsPerWeek;
    }

    /** Poisson arrivals spread evenly over the seven days and the 24 hours, no seasonality. */
    public static ArrivalPattern poisson(Provenance provenance) {
        double[] week = new double[7];
        Arrays.fill(week, 1);
        double[] day = new double[24];
        Arrays.fill(day, 1);
        return new ArrivalPattern(Double.POSITIVE_INFINITY, week, day, null, Double.NaN, provenance);
    }

    /**
     * Poisson or negative binomial from the history's weekly lead counts.
     * Tests for over-dispersion with the dispersion index (n − 1)·s²/x̄, which
     * is χ² with n − 1 degrees of freedom for Poisson counts; when it is
     * significant at {@value #DISPERSION_TEST_LEVEL}, r = x̄² / (s² − x̄) by
     * the method of moments. Other parts of {@code base} (weekday and hour
     * weights, seasonality) are kept.
     */
    public static ArrivalPattern fitWeeklyCounts(int[] weeklyCounts, ArrivalPattern base) {
        Objects.requireNonNull(weeklyCounts, "weeklyCounts");
        Objects.requireNonNull(base, "base");
        int n = weeklyCounts.length;
        for (int c : weeklyCounts) {
            if (c < 0) {
                throw new IllegalArgumentException("Invalid weekly lead count: " + c + ", expected >= 0");
            }
        }
        if (n == 0) {
            return base;
        }
        double mean = 0;
        for (int c : weeklyCounts) {
            mean += c;
        }
        mean /= n;
        if (n < MIN_WEEKS || mean == 0) {
            String why = mean == 0 ? "no leads in " + n + " weeks" : "only " + n + " weeks, at least " + MIN_WEEKS
                    + " needed to test for over-dispersion";
            return new ArrivalPattern(Double.POSITIVE_INFINITY, base.weekdayWeights, base.hourWeights, base.monthlySeasonality, mean,
                    Provenance.fromStore(n, String.format(java.util.Locale.ROOT,
                            "%.1f leads per week over %d weeks; Poisson assumed (%s)", mean, n, why)));
        }
        double ss = 0;
        for (int c : weeklyCounts) {
            ss += (c - mean) * (c - mean);
        }
        double variance = ss / (n - 1);
        double index = (n - 1) * variance / mean;
        double pValue = 1 - new ChiSquaredDistribution(null, n - 1).cumulativeProbability(index);
        if (pValue < DISPERSION_TEST_LEVEL && variance > mean) {
            double r = mean * mean / (variance - mean);
            return new ArrivalPattern(r, base.weekdayWeights, base.hourWeights, base.monthlySeasonality, mean,
                    Provenance.fromStore(n, String.format(java.util.Locale.ROOT,
                            "negative binomial: %d weeks, mean %.1f, variance %.1f, dispersion test p = %.2g, r = %.3g",
                            n, mean, variance, pValue, r)));
        }
        return new ArrivalPattern(Double.POSITIVE_INFINITY, base.weekdayWeights, base.hourWeights, base.monthlySeasonality, mean,
                Provenance.fromStore(n, String.format(java.util.Locale.ROOT,
                        "Poisson: %d weeks, mean %.1f, variance %.1f, dispersion test p = %.2g", n, mean, variance, pValue)));
    }

    /**
     * This pattern with the day-of-week and hour-of-day profile of the leads
     * in the store: counts of lead creation per weekday (Monday first) and
     * per hour (from midnight, in the team's time zone). Each profile is used
     * when it counts at least {@value #MIN_PROFILE_LEADS} leads and kept
     * otherwise; the provenance note says which.
     */
    public ArrivalPattern withProfileCounts(long[] weekdayCounts, long[] hourCounts) {
        double[] week = weekdayWeights;
        double[] day = hourWeights;
        StringBuilder note = new StringBuilder(provenance.note());
        long used = provenance.count();
        boolean fromStore = provenance.source() == Source.STORE;
        if (weekdayCounts != null) {
            long total = total(weekdayCounts, 7, "weekday");
            if (total >= MIN_PROFILE_LEADS) {
                week = asDoubles(weekdayCounts);
                note.append("; weekday profile of ").append(total).append(" leads");
                fromStore = true;
                used = Math.max(used, total);
            } else {
                note.append("; weekday profile kept (only ").append(total).append(" leads)");
            }
        }
        if (hourCounts != null) {
            long total = total(hourCounts, 24, "hour");
            if (total >= MIN_PROFILE_LEADS) {
                day = asDoubles(hourCounts);
                note.append("; hour-of-day profile of ").append(total).append(" leads");
                fromStore = true;
                used = Math.max(used, total);
            } else {
                note.append("; hour-of-day profile kept (only ").append(total).append(" leads)");
            }
        }
        Provenance p = fromStore ? Provenance.fromStore(used, note.toString()) : Provenance.byDefault(note.toString());
        return new ArrivalPattern(dispersion, week, day, monthlySeasonality, observedLeadsPerWeek, p);
    }

    public ArrivalPattern withWeekdayWeights(double[] weights) {
        return new ArrivalPattern(dispersion, weights, hourWeights, monthlySeasonality, observedLeadsPerWeek, provenance)
                .withLevelError(levelSd, levelNote);
    }

    public ArrivalPattern withHourWeights(double[] weights) {
        return new ArrivalPattern(dispersion, weekdayWeights, weights, monthlySeasonality, observedLeadsPerWeek, provenance)
                .withLevelError(levelSd, levelNote);
    }

    public ArrivalPattern withMonthlySeasonality(double[] multipliers) {
        return new ArrivalPattern(dispersion, weekdayWeights, hourWeights, multipliers, observedLeadsPerWeek, provenance)
                .withLevelError(levelSd, levelNote);
    }

    /**
     * This pattern with a level error: each trial's volume is the scenario's times a lognormal factor of mean 1
     * and log standard deviation {@code sd} (0: none), the error with which a volume forecast has missed.
     */
    public ArrivalPattern withLevelError(double sd, String note) {
        if (!(sd >= 0) || Double.isInfinite(sd)) {
            throw new IllegalArgumentException("Invalid level error: " + sd + ", expected a finite number >= 0");
        }
        ArrivalPattern p = new ArrivalPattern(dispersion, weekdayWeights, hourWeights, monthlySeasonality,
                observedLeadsPerWeek, provenance);
        p.levelSd = sd;
        p.levelNote = Objects.requireNonNull(note, "note");
        return p;
    }

    /** The log standard deviation of a period's volume around the scenario's (0: the volume is taken as given). */
    public double levelSd() {
        return levelSd;
    }

    /** How the level error was measured, or empty. */
    public String levelNote() {
        return levelNote;
    }

    /** Weeks in a year, for the seasonal forecast. */
    public static final int SEASON_WEEKS = 52;
    /** Weeks whose volume, now and a year earlier, measure the growth the seasonal forecast carries forward. */
    public static final int GROWTH_WEEKS = 13;

    /**
     * The mean weekly volume forecast for the {@code horizon} weeks from week {@code origin} on, from the weeks
     * before it ({@code weeklyCounts[0..origin)}, oldest first) — the one forecast the store's scenario, the
     * back-tests and the level error use. With a year and a quarter of weeks before the origin it is seasonal:
     * the same weeks a year earlier, times the growth since (the last {@value #GROWTH_WEEKS} weeks over the same
     * weeks a year before them), so a summer lull or a quarter-end push seen last year is expected again.
     * With less, or where those weeks hold no leads, it is the mean of the last {@value #LEVEL_LOOKBACK_WEEKS}
     * weeks (or of all of them, if fewer). NaN without any lead before the origin.
     */
    public static double volumeForecast(long[] weeklyCounts, int origin, int horizon) {
        if (origin < 0 || origin > weeklyCounts.length) {
            throw new IllegalArgumentException("Invalid forecast origin: week " + origin + " of " + weeklyCounts.length);
        }
        if (horizon < 1 || horizon > SEASON_WEEKS) {
            throw new IllegalArgumentException("Invalid forecast horizon: " + horizon + " weeks, expected 1 to " + SEASON_WEEKS);
        }
        if (origin >= SEASON_WEEKS + GROWTH_WEEKS) {
            double yearAgoAhead = mean(weeklyCounts, origin - SEASON_WEEKS, origin - SEASON_WEEKS + horizon);
            double yearAgoRecent = mean(weeklyCounts, origin - SEASON_WEEKS - GROWTH_WEEKS, origin - SEASON_WEEKS);
            double recent = mean(weeklyCounts, origin - GROWTH_WEEKS, origin);
            if (yearAgoAhead > 0 && yearAgoRecent > 0 && recent > 0) {
                return yearAgoAhead * recent / yearAgoRecent;
            }
        }
        int from = Math.max(0, origin - LEVEL_LOOKBACK_WEEKS);
        double level = mean(weeklyCounts, from, origin);
        return level > 0 ? level : Double.NaN;
    }

    /** Whether {@link #volumeForecast} is seasonal at this origin. */
    public static boolean seasonalAt(int origin) {
        return origin >= SEASON_WEEKS + GROWTH_WEEKS;
    }

    private static double mean(long[] counts, int from, int to) {
        if (to <= from) {
            return 0;
        }
        double sum = 0;
        for (int w = from; w < to; w++) {
            sum += counts[w];
        }
        return sum / (to - from);
    }

    /**
     * How far the history's own volume forecasts missed: at every week with {@value #LEVEL_LOOKBACK_WEEKS} weeks
     * before it and {@value #LEVEL_HORIZON_WEEKS} after, the log of the next weeks' mean over their
     * {@link #volumeForecast} (the forecast a store's scenario makes, seasonal where a year and a quarter lie
     * before the week); their root mean square, less what Poisson counts alone would give, is the level error.
     * When the forecast after the last week is seasonal, only the seasonal forecasts' misses count (if there are
     * {@value #MIN_LEVEL_ORIGINS} of them). NaN with fewer than {@value #MIN_LEVEL_ORIGINS} origins.
     *
     * @param weeklyCounts new leads per week, oldest first
     */
    public static double levelError(long[] weeklyCounts) {
        int n = weeklyCounts.length;
        // the misses of the forecast made now: seasonal ones when the forecast now is seasonal and enough were made
        int seasonalOrigins = Math.max(0, n - LEVEL_HORIZON_WEEKS - (SEASON_WEEKS + GROWTH_WEEKS) + 1);
        boolean onlySeasonal = seasonalAt(n) && seasonalOrigins >= MIN_LEVEL_ORIGINS;
        double sum = 0;
        double poisson = 0;
        int origins = 0;
        for (int t = LEVEL_LOOKBACK_WEEKS; t + LEVEL_HORIZON_WEEKS <= n; t++) {
            if (onlySeasonal && !seasonalAt(t)) {
                continue;
            }
            double after = mean(weeklyCounts, t, t + LEVEL_HORIZON_WEEKS) * LEVEL_HORIZON_WEEKS;
            double forecast = volumeForecast(weeklyCounts, t, LEVEL_HORIZON_WEEKS);
            if (!(forecast > 0) || after <= 0) {
                continue;
            }
            double e = Math.log((after / LEVEL_HORIZON_WEEKS) / forecast);
            sum += e * e;
            poisson += 1 / after + forecastNoise(weeklyCounts, t, LEVEL_HORIZON_WEEKS);
            origins++;
        }
        if (origins < MIN_LEVEL_ORIGINS) {
            return Double.NaN;
        }
        return Math.sqrt(Math.max(0, (sum - poisson) / origins));
    }

    /** The variance of the log of {@link #volumeForecast} that Poisson counts alone give: 1 / count per count. */
    private static double forecastNoise(long[] weeklyCounts, int origin, int horizon) {
        int lookback = Math.min(origin, LEVEL_LOOKBACK_WEEKS);
        double level = mean(weeklyCounts, origin - lookback, origin) * lookback;
        if (seasonalAt(origin)) {
            double yearAgoAhead = mean(weeklyCounts, origin - SEASON_WEEKS, origin - SEASON_WEEKS + horizon) * horizon;
            double yearAgoRecent = mean(weeklyCounts, origin - SEASON_WEEKS - GROWTH_WEEKS, origin - SEASON_WEEKS)
                    * GROWTH_WEEKS;
            double recent = mean(weeklyCounts, origin - GROWTH_WEEKS, origin) * GROWTH_WEEKS;
            if (yearAgoAhead > 0 && yearAgoRecent > 0 && recent > 0) {
                return 1 / yearAgoAhead + 1 / yearAgoRecent + 1 / recent;
            }
        }
        return 1 / level;
    }

    private static long total(long[] counts, int expected, String what) {
        if (counts.length != expected) {
            throw new IllegalArgumentException("Invalid " + what + " counts: " + counts.length + " values, expected " + expected);
        }
        long sum = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("Invalid " + what + " count: " + c + ", expected >= 0");
            }
            sum += c;
        }
        return sum;
    }

    private static double[] asDoubles(long[] counts) {
        double[] d = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            d[i] = counts[i];
        }
        return d;
    }

    public boolean isPoisson() {
        return dispersion == Double.POSITIVE_INFINITY;
    }

    /** The negative-binomial shape r; +Infinity for Poisson. */
    public double dispersion() {
        return dispersion;
    }

    /** The weight of a day of the week (index 0 = Monday), mean 1 over the week. */
    public double weekdayWeight(int mondayBasedIndex) {
        return weekdayWeights[mondayBasedIndex];
    }

    public double[] weekdayWeights() {
        return weekdayWeights.clone();
    }

    /** Share of a day's leads arriving in hour h (0 = midnight to 1 am); the 24 shares sum to 1. */
    public double hourWeight(int hour) {
        return hourWeights[hour];
    }

    public double[] hourWeights() {
        return hourWeights.clone();
    }

    public boolean hasSeasonality() {
        return monthlySeasonality != null;
    }

    /** The multiplier of a month (1 = January); 1 when there is no seasonality. */
    public double seasonality(int month) {
        return monthlySeasonality == null ? 1 : monthlySeasonality[month - 1];
    }

    public double[] monthlySeasonality() {
        return monthlySeasonality == null ? null : monthlySeasonality.clone();
    }

    public double observedLeadsPerWeek() {
        return observedLeadsPerWeek;
    }

    public Provenance provenance() {
        return provenance;
    }
}

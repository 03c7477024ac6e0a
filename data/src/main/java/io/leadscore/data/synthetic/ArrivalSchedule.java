package io.leadscore.data.synthetic;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * When leads arrive and from which company, in creation order. Arrivals
 * follow a growing trend (the company's marketing scales up), the world's
 * season ({@link SalesPaths#monthFactors()}), the working week and the lead's local
 * business hours.
 */
final class ArrivalSchedule {
    static final long MILLIS_PER_DAY = 86_400_000L;
    static final long MILLIS_PER_HOUR = 3_600_000L;

    /** Monday first: inquiries cluster on Tuesday to Thursday and all but stop at weekends. */
    private static final double[] WEEKDAY_FACTOR = {1.15, 1.20, 1.15, 1.10, 0.90, 0.25, 0.20};
    /** Volume at the end of the history relative to its start. */
    private static final double GROWTH = 1.6;
    private static final int COMPANY_BITS = 30;

    private final long[] createdAt;
    private final int[] company;

    /** @param monthFactor relative lead volume by calendar month, January first (the world's season) */
    ArrivalSchedule(int leads, long startEpochDay, int days, double[] monthFactor, CompanyPool companies, Rng rng) {
        if (companies.size() >= 1 << COMPANY_BITS) {
            throw new IllegalArgumentException("Too many companies: " + companies.size());
        }
        double[] dayCumulative = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            long epochDay = startEpochDay + d;
            double trend = 1 + (GROWTH - 1) * d / Math.max(1, days - 1);
            sum += trend * monthFactor[monthIndex(epochDay)] * WEEKDAY_FACTOR[(int) Math.floorMod(epochDay + 3, 7L)];
            dayCumulative[d] = sum;
        }
        long startMillis = startEpochDay * MILLIS_PER_DAY;
        long endMillis = startMillis + days * MILLIS_PER_DAY;
        // Pack (seconds since start, company) into one long so a primitive sort orders leads by arrival.
        long[] keys = new long[leads];
        for (int i = 0; i < leads; i++) {
            int c = companies.pickForLead(rng);
            int day = rng.pick(dayCumulative);
            long local = (startEpochDay + day) * MILLIS_PER_DAY + localTimeOfDay(rng);
            long utc = local - companies.offsetMinutes[c] * 60_000L;
            utc = Math.max(startMillis, Math.min(endMillis - 1_000, utc));
            long seconds = (utc - startMillis) / 1000;
            keys[i] = seconds << COMPANY_BITS | c;
        }
        Arrays.sort(keys);
        createdAt = new long[leads];
        company = new int[leads];
        for (int i = 0; i < leads; i++) {
            createdAt[i] = startMillis + (keys[i] >>> COMPANY_BITS) * 1000;
            company[i] = (int) (keys[i] & ((1L << COMPANY_BITS) - 1));
        }
    }

    long createdAt(int lead) {
        return createdAt[lead];
    }

    int company(int lead) {
        return company[lead];
    }

    /** Milliseconds into the local day: mostly office hours with late-morning and mid-afternoon peaks, some evenings. */
    static long localTimeOfDay(Rng rng) {
        double hour;
        if (rng.chance(0.84)) {
            hour = rng.chance(0.55) ? rng.gaussian(10.5, 1.4) : rng.gaussian(14.8, 1.6);
            hour = Math.max(7, Math.min(19.5, hour));
        } else {
            hour = rng.uniform(0, 24);
        }
        return (long) (hour * MILLIS_PER_HOUR) / 1000 * 1000;
    }

    private static int monthIndex(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).getMonthValue() - 1;
    }
}

package io.leadscore.data.synthetic;

import java.util.Arrays;

/** Counts the funnel of mature leads as the generator decides it, and turns the counts into {@link RealizedRates}. */
final class FunnelTally {
    private long mature;
    private long matureWonInHorizon;
    private double sumP;
    private long mql;
    private long mqlWorked;
    private long mqlSal;
    private long sal;
    private long sql;
    private long opportunities;
    private long won;
    private long[] oracleKeys = new long[1024];
    private double[] responseHours = new double[256];
    private int responses;
    private long withinHour;
    private long withinHourSql;
    private long afterDay;
    private long afterDaySql;

    /**
     * @param stage          furthest stage decided: -1 not worked, 0 worked, 1 SAL, 2 SQL, 3 lost opportunity, 4 won
     * @param responseHours  hours from MQL hand-off to first follow-up, NaN when not an MQL or not worked
     */
    void addMatureLead(double pConvert, boolean label, boolean isMql, int stage, double responseHours) {
        if (mature == oracleKeys.length) {
            oracleKeys = Arrays.copyOf(oracleKeys, oracleKeys.length * 2);
        }
        // p is rounded to 1e-9 by the generator, so the key orders leads by p exactly; the low bit is the label.
        oracleKeys[(int) mature] = Math.round(pConvert * 1e9) << 1 | (label ? 1 : 0);
        mature++;
        sumP += pConvert;
        if (label) {
            matureWonInHorizon++;
        }
        if (isMql) {
            mql++;
            if (stage >= 0) {
                mqlWorked++;
            }
            if (stage >= 1) {
                mqlSal++;
            }
        }
        if (stage >= 1) {
            sal++;
        }
        if (stage >= 2) {
            sql++;
        }
        if (stage >= 3) {
            opportunities++;
        }
        if (stage >= 4) {
            won++;
        }
        if (!Double.isNaN(responseHours)) {
            if (responses == this.responseHours.length) {
                this.responseHours = Arrays.copyOf(this.responseHours, responses * 2);
            }
            this.responseHours[responses++] = responseHours;
            if (responseHours < 1) {
                withinHour++;
                withinHourSql += stage >= 2 ? 1 : 0;
            } else if (responseHours >= 24) {
                afterDay++;
                afterDaySql += stage >= 2 ? 1 : 0;
            }
        }
    }

    RealizedRates rates(long activityRows, long leads) {
        double[] sortedHours = Arrays.copyOf(responseHours, responses);
        Arrays.sort(sortedHours);
        double median = responses == 0 ? Double.NaN
                : responses % 2 == 1 ? sortedHours[responses / 2]
                : (sortedHours[responses / 2 - 1] + sortedHours[responses / 2]) / 2;
        return new RealizedRates(
                mature,
                ratio(matureWonInHorizon, mature),
                mature == 0 ? Double.NaN : sumP / mature,
                auc(),
                ratio(mql, mature),
                ratio(mqlWorked, mql),
                ratio(mqlSal, mql),
                ratio(sql, sal),
                ratio(opportunities, sql),
                ratio(won, opportunities),
                median,
                ratio(withinHour, responses),
                ratio(withinHourSql, withinHour),
                ratio(afterDaySql, afterDay),
                ratio(activityRows, leads));
    }

    /** Mann–Whitney AUC with ties counted half. */
    private double auc() {
        long[] keys = Arrays.copyOf(oracleKeys, (int) mature);
        Arrays.sort(keys);
        long negativesBelow = 0;
        double concordant = 0;
        long positives = 0;
        int i = 0;
        while (i < keys.length) {
            long p = keys[i] >>> 1;
            long groupPositives = 0;
            long groupNegatives = 0;
            while (i < keys.length && keys[i] >>> 1 == p) {
                if ((keys[i] & 1) == 1) {
                    groupPositives++;
                } else {
                    groupNegatives++;
                }
                i++;
            }
            concordant += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            positives += groupPositives;
        }
        long negatives = keys.length - positives;
        return positives == 0 || negatives == 0 ? Double.NaN : concordant / ((double) positives * negatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}

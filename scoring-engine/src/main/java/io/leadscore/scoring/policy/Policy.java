package io.leadscore.scoring.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * The shared definition of an MQL and of the SLA.
 *
 * @param mqlThreshold            calibrated score at or above which a lead becomes an MQL, in (0, 1)
 * @param slaHours                longest time from MQL to first follow-up before it is a breach, &gt; 0
 * @param recycleAfterDays        days after which an MQL still not followed up is recycled to nurture;
 *                                at least the SLA
 * @param labelHorizonDays        a lead converted when it won a deal within this many days of its creation
 * @param engagementHalfLifeDays  half-life of the decay applied to engagement counts, &gt; 0
 */
public record Policy(
        double mqlThreshold,
        double slaHours,
        int recycleAfterDays,
        int labelHorizonDays,
        double engagementHalfLifeDays) {

    public static final double DEFAULT_MQL_THRESHOLD = 0.10;
    public static final double DEFAULT_SLA_HOURS = 24;
    public static final int DEFAULT_RECYCLE_AFTER_DAYS = 14;
    public static final int DEFAULT_LABEL_HORIZON_DAYS = 180;
    public static final double DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS = 14;
    private static final double NANOS_PER_HOUR = 3_600e9;

    public Policy {
        if (!(mqlThreshold > 0 && mqlThreshold < 1)) {
            throw new IllegalArgumentException("Invalid MQL threshold: " + mqlThreshold + ", expected a score strictly between 0 and 1");
        }
        if (!(slaHours > 0) || Double.isInfinite(slaHours)) {
            throw new IllegalArgumentException("Invalid SLA hours: " + slaHours + ", expected a positive number of hours");
        }
        if (recycleAfterDays < 1) {
            throw new IllegalArgumentException("Invalid recycle-after days: " + recycleAfterDays + ", expected at least 1");
        }
        if (recycleAfterDays * 24.0 < slaHours) {
            throw new IllegalArgumentException("Invalid recycle-after days: " + recycleAfterDays
                    + " days is shorter than the SLA of " + slaHours + " hours; an MQL must breach before it is recycled");
        }
        if (labelHorizonDays < 1 || labelHorizonDays > 3660) {
            throw new IllegalArgumentException("Invalid label horizon days: " + labelHorizonDays + ", expected 1 to 3660");
        }
        if (!(engagementHalfLifeDays > 0) || Double.isInfinite(engagementHalfLifeDays)) {
            throw new IllegalArgumentException("Invalid engagement half-life days: " + engagementHalfLifeDays + ", expected a positive number of days");
        }
    }

    /** The latest time a first follow-up of an MQL still meets the SLA: a follow-up exactly at it does. */
    public Instant slaDueAt(Instant mqlAt) {
        return slaDueAt(mqlAt, slaHours);
    }

    /** {@link #slaDueAt(Instant)} for an SLA of {@code slaHours}: the one rule every report of the SLA uses. */
    public static Instant slaDueAt(Instant mqlAt, double slaHours) {
        return mqlAt.plus(Duration.ofNanos(Math.round(slaHours * NANOS_PER_HOUR)));
    }

    /** From this time on an MQL never followed up is recycled to nurture. */
    public Instant recycleAt(Instant mqlAt) {
        return recycleAt(mqlAt, recycleAfterDays);
    }

    /** {@link #recycleAt(Instant)} after {@code recycleAfterDays}: the one rule the stage engine and the SLA check use. */
    public static Instant recycleAt(Instant mqlAt, int recycleAfterDays) {
        return mqlAt.plus(Duration.ofDays(recycleAfterDays));
    }

    /** The built-in policy: threshold 0.10, a 24-hour SLA, recycling after 14 days, a 180-day horizon, a 14-day half-life. */
    public static Policy defaults() {
        return new Policy(DEFAULT_MQL_THRESHOLD, DEFAULT_SLA_HOURS, DEFAULT_RECYCLE_AFTER_DAYS,
                DEFAULT_LABEL_HORIZON_DAYS, DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS);
    }

    public Policy withMqlThreshold(double threshold) {
        return new Policy(threshold, slaHours, recycleAfterDays, labelHorizonDays, engagementHalfLifeDays);
    }

    public Policy withSlaHours(double hours) {
        return new Policy(mqlThreshold, hours, recycleAfterDays, labelHorizonDays, engagementHalfLifeDays);
    }

    public Policy withRecycleAfterDays(int days) {
        return new Policy(mqlThreshold, slaHours, days, labelHorizonDays, engagementHalfLifeDays);
    }

    public Policy withLabelHorizonDays(int days) {
        return new Policy(mqlThreshold, slaHours, recycleAfterDays, days, engagementHalfLifeDays);
    }

    public Policy withEngagementHalfLifeDays(double days) {
        return new Policy(mqlThreshold, slaHours, recycleAfterDays, labelHorizonDays, days);
    }
}

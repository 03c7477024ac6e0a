package io.leadscore.simulator;

import io.leadscore.scoring.policy.Policy;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One what-if: the quota and period, the MQL policy (threshold, SLA, recycling),
 * the lead volume and the team. Build with {@link #builder()}; the defaults are
 * named constants.
 *
 * @param quota          revenue to reach from deals won inside the period, &ge; 0
 * @param periodDays     length of the period in days, 1 to 3660
 * @param start          the period's first day, or {@code null}: then day 0 is a Monday and
 *                       monthly seasonality cannot be used
 * @param policy         the MQL threshold, SLA hours and recycle-after days
 * @param leadsPerWeek   expected new leads per week (in a month with seasonality 1), 0 to 1,000,000
 * @param capacity       the inbound team's first-touch capacity
 * @param workWeek       when reps make first touches
 * @param responseSpread how reps use the SLA when they have time: a free rep touches an MQL at a
 *                       uniformly random point of the first {@code responseSpread × SLA} hours
 *                       (0: immediately; 1: anywhere inside the SLA), 0..1
 */
public record Scenario(double quota, int periodDays, LocalDate start, Policy policy, double leadsPerWeek,
                       RepCapacity capacity, WorkWeek workWeek, double responseSpread) {

    /**
     * An illustrative quarterly quota: a round figure just below the default
     * scenario's expected revenue under the default calibration (mean about
     * 538,000 and median about 498,000 from deals won inside the 90 days,
     * with no open pipeline), so a default run shows a chance of reaching it
     * near one half, as for a quota set at the expected outcome. Set the real
     * quota.
     */
    public static final double DEFAULT_QUOTA = 500_000;
    public static final int DEFAULT_PERIOD_DAYS = 90;
    public static final double DEFAULT_LEADS_PER_WEEK = 500;
    /** Default team: an assumption, set the team's own. */
    public static final int DEFAULT_REPS = 3;
    /** First touches (first real conversations) one inbound rep makes per working day: an assumption. */
    public static final double DEFAULT_FIRST_TOUCHES_PER_REP_PER_DAY = 12;
    /** Free reps touch a new MQL somewhere in the first half of its SLA window: an assumption. */
    public static final double DEFAULT_RESPONSE_SPREAD = 0.5;
    public static final double MAX_LEADS_PER_WEEK = 1_000_000;

    public Scenario {
        if (!(quota >= 0) || Double.isInfinite(quota)) {
            throw new IllegalArgumentException("Invalid quota: " + quota + ", expected a finite amount >= 0");
        }
        if (periodDays < 1 || periodDays > 3660) {
            throw new IllegalArgumentException("Invalid period: " + periodDays + " days, expected 1 to 3660");
        }
        Objects.requireNonNull(policy, "policy");
        if (!(leadsPerWeek >= 0 && leadsPerWeek <= MAX_LEADS_PER_WEEK)) {
            throw new IllegalArgumentException("Invalid leads per week: " + leadsPerWeek + ", expected 0 to "
                    + (long) MAX_LEADS_PER_WEEK);
        }
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(workWeek, "workWeek");
        if (!(responseSpread >= 0 && responseSpread <= 1)) {
            throw new IllegalArgumentException("Invalid response spread: " + responseSpread + ", expected 0..1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The quota a store suggests when none is given: the revenue won in the last period of the same length plus
     * 10% growth, rounded to three significant digits; empty when that period won nothing.
     */
    public static java.util.Optional<Double> growthQuota(double lastPeriodRevenue) {
        if (!(lastPeriodRevenue > 0) || Double.isInfinite(lastPeriodRevenue)) {
            return java.util.Optional.empty();
        }
        double target = lastPeriodRevenue * 1.1;
        double scale = Math.pow(10, Math.floor(Math.log10(target)) - 2);
        return java.util.Optional.of(Math.round(target / scale) * scale);
    }

    /** The default scenario: {@link Policy#defaults()} and the named defaults of this class. */
    public static Scenario defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public Scenario withLeadsPerWeek(double v) {
        return toBuilder().leadsPerWeek(v).build();
    }

    public Scenario withPolicy(Policy p) {
        return toBuilder().policy(p).build();
    }

    public Scenario withCapacity(RepCapacity c) {
        return toBuilder().capacity(c).build();
    }

    public double threshold() {
        return policy.mqlThreshold();
    }

    public double slaHours() {
        return policy.slaHours();
    }

    /** Builds a scenario from named defaults. */
    public static final class Builder {
        private double quota = DEFAULT_QUOTA;
        private int periodDays = DEFAULT_PERIOD_DAYS;
        private LocalDate start;
        private Policy policy = Policy.defaults();
        private double leadsPerWeek = DEFAULT_LEADS_PER_WEEK;
        private RepCapacity capacity = RepCapacity.of(DEFAULT_REPS, DEFAULT_FIRST_TOUCHES_PER_REP_PER_DAY);
        private WorkWeek workWeek = WorkWeek.officeHours();
        private double responseSpread = DEFAULT_RESPONSE_SPREAD;

        private Builder() {
        }

        private Builder(Scenario s) {
            quota = s.quota;
            periodDays = s.periodDays;
            start = s.start;
            policy = s.policy;
            leadsPerWeek = s.leadsPerWeek;
            capacity = s.capacity;
            workWeek = s.workWeek;
            responseSpread = s.responseSpread;
        }

        public Builder quota(double v) {
            quota = v;
            return this;
        }

        public Builder periodDays(int v) {
            periodDays = v;
            return this;
        }

        /** The first day of the period; enables monthly seasonality and fixes the days of the week. */
        public Builder start(LocalDate v) {
            start = v;
            return this;
        }

        /** The period {@code from} to {@code to}, both days included. */
        public Builder period(LocalDate from, LocalDate to) {
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            if (days < 1 || days > 3660) {
                throw new IllegalArgumentException("Invalid period: " + from + " to " + to + ", expected 1 to 3660 days");
            }
            start = from;
            periodDays = (int) days;
            return this;
        }

        public Builder policy(Policy v) {
            policy = Objects.requireNonNull(v, "policy");
            return this;
        }

        public Builder threshold(double v) {
            policy = policy.withMqlThreshold(v);
            return this;
        }

        public Builder slaHours(double v) {
            policy = policy.withSlaHours(v);
            return this;
        }

        public Builder recycleAfterDays(int v) {
            policy = policy.withRecycleAfterDays(v);
            return this;
        }

        public Builder leadsPerWeek(double v) {
            leadsPerWeek = v;
            return this;
        }

        public Builder capacity(RepCapacity v) {
            capacity = v;
            return this;
        }

        /** {@code n} reps at the current first touches per rep per day. */
        public Builder reps(int n) {
            capacity = RepCapacity.of(n, capacity.firstTouchesPerRepPerDay());
            return this;
        }

        public Builder firstTouchesPerRepPerDay(double v) {
            capacity = new RepCapacity(capacity.reps(), v, capacity.unlimited());
            return this;
        }

        public Builder unlimitedCapacity() {
            capacity = RepCapacity.unbounded();
            return this;
        }

        public Builder workWeek(WorkWeek v) {
            workWeek = v;
            return this;
        }

        public Builder responseSpread(double v) {
            responseSpread = v;
            return this;
        }

        public Scenario build() {
            return new Scenario(quota, periodDays, start, policy, leadsPerWeek, capacity, workWeek, responseSpread);
        }
    }
}

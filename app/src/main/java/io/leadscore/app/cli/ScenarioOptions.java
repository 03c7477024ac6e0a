package io.leadscore.app.cli;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.ScenarioRanges;
import io.leadscore.simulator.SimulationOptions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** The scenario flags shared by {@code simulate} and {@code plan} (docs/cli.md). */
final class ScenarioOptions {
    @Option(names = "--quota", paramLabel = "AMOUNT", description = "revenue to reach in the period, 0 to 1,000,000,000,000")
    Double quota;

    @Option(names = "--period-days", paramLabel = "N", description = "length of the period in days, 1 to 3,660 (default 90)")
    Integer periodDays;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the period (with --to)")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "day after the period (with --from)")
    String to;

    @Option(names = "--threshold", paramLabel = "T", description = "MQL score threshold, more than 0 and less than 1 (default: the policy's)")
    Double threshold;

    @Option(names = "--sla-hours", paramLabel = "H", description = "hours from MQL to first follow-up, more than 0, at most 8,760 (default: the policy's)")
    Double slaHours;

    @Option(names = "--leads-per-week", paramLabel = "N", description = "inbound leads per week, 0 to 1,000,000")
    Double leadsPerWeek;

    @Option(names = "--reps", paramLabel = "N", description = "sales reps taking first conversations, 0 to 10,000")
    Integer reps;

    @Option(names = "--touches-per-rep-per-day", paramLabel = "N", description = "first conversations one rep holds a working day, more than 0, at most 1,000 (default 12)")
    Double touchesPerRep;

    @Option(names = "--trials", paramLabel = "N", description = "Monte Carlo trials, 1 to 10,000,000")
    Integer trials;

    @Option(names = "--seed", paramLabel = "S", description = "random seed, any whole number (default 42): the same seed gives the same numbers")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "threads for the trials, 1 to 256 (default: the number of cores); results do not depend on it")
    Integer threads;

    @Option(names = "--calibrate-from-store", description = "take rates, scores, deal sizes, cycle times and lead volume from the store and its champion")
    boolean calibrateFromStore;

    /** The scenario: the flags over a base (defaults, or the store's policy and volume). */
    Scenario scenario(Scenario base, Policy storePolicy) {
        checkRanges();
        Scenario.Builder b = base.toBuilder();
        if (storePolicy != null) {
            b.policy(storePolicy);
        }
        try {
            if (quota != null) {
                b.quota(quota);
            }
            if (from != null || to != null) {
                if (from == null || to == null) {
                    throw new UsageException("--from and --to go together (or use --period-days)");
                }
                if (periodDays != null) {
                    throw new UsageException("give either --period-days or --from and --to, not both");
                }
                b.period(date("--from", from), date("--to", to));
            } else if (periodDays != null) {
                b.periodDays(periodDays);
            }
            if (threshold != null) {
                b.threshold(threshold);
            }
            if (slaHours != null) {
                b.slaHours(slaHours);
            }
            if (leadsPerWeek != null) {
                b.leadsPerWeek(leadsPerWeek);
            }
            if (reps != null) {
                b.reps(reps);
            }
            if (touchesPerRep != null) {
                b.firstTouchesPerRepPerDay(touchesPerRep);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    SimulationOptions options(int defaultTrials) {
        checkRanges();
        try {
            SimulationOptions o = SimulationOptions.defaults().withTrials(trials == null ? defaultTrials : trials);
            if (seed != null) {
                o = o.withSeed(seed);
            }
            if (threads != null) {
                o = o.withThreads(threads);
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Every number given against its range ({@link ScenarioRanges}), before anything is built from it. */
    void checkRanges() {
        try {
            ScenarioRanges.QUOTA.check("--quota", quota);
            ScenarioRanges.PERIOD_DAYS.check("--period-days", periodDays);
            ScenarioRanges.THRESHOLD.check("--threshold", threshold);
            ScenarioRanges.SLA_HOURS.check("--sla-hours", slaHours);
            ScenarioRanges.LEADS_PER_WEEK.check("--leads-per-week", leadsPerWeek);
            ScenarioRanges.REPS.check("--reps", reps);
            ScenarioRanges.TOUCHES_PER_REP_PER_DAY.check("--touches-per-rep-per-day", touchesPerRep);
            ScenarioRanges.TRIALS.check("--trials", trials);
            ScenarioRanges.THREADS.check("--threads", threads);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The period's length in days as the flags give it (90 by default). */
    int periodLength() {
        if (from != null && to != null) {
            return (int) java.time.temporal.ChronoUnit.DAYS.between(date("--from", from), date("--to", to));
        }
        return periodDays != null ? periodDays : Scenario.DEFAULT_PERIOD_DAYS;
    }

    /**
     * The base scenario with what the store says — its lead volume, its team (reps who followed up leads in
     * the last period) and a quota from its revenue — unless flags give them.
     */
    Scenario storeBase(Scenario base, StoreScenario store) {
        Scenario.Builder b = base.toBuilder();
        if (leadsPerWeek == null && store.leadsPerWeek.isPresent()) {
            b.leadsPerWeek(store.leadsPerWeek.get());
        }
        if (reps == null && store.reps.isPresent()) {
            b.reps(store.reps.get());
        }
        if (quota == null && store.defaultQuota().isPresent()) {
            b.quota(store.defaultQuota().get());
        }
        return b.build();
    }

    static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " " + text + ": expected a date such as 2026-01-01");
        }
    }
}

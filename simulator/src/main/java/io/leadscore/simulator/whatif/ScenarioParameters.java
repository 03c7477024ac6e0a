package io.leadscore.simulator.whatif;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.ScenarioRanges;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A what-if as a person asks it, through the command line's scenario flags or
 * the API's query parameters of the same names: every value {@code null} when
 * left out. {@link #prefix} is how the front door spells a name in its errors
 * ({@code --} for a flag, nothing for a query parameter), so both refuse the
 * same values with the same words.
 *
 * @param prefix              {@code "--"} on the command line, {@code ""} in the API
 * @param quota               revenue to reach in the period
 * @param periodDays          length of the period in days
 * @param from                first day of the period (with {@code to}), as typed
 * @param to                  day after the period (with {@code from}), as typed
 * @param threshold           MQL score threshold
 * @param slaHours            hours from MQL to first follow-up
 * @param leadsPerWeek        inbound leads per week
 * @param reps                sales reps taking first conversations
 * @param touchesPerRepPerDay first conversations one rep holds a working day
 * @param trials              Monte Carlo trials
 * @param seed                random seed
 * @param threads             threads for the trials (the results do not depend on it)
 * @param calibrateFromStore  whether the store's calibration, policy, volume, team and revenue are the base
 */
public record ScenarioParameters(String prefix, Double quota, Integer periodDays, String from, String to,
                                 Double threshold, Double slaHours, Double leadsPerWeek, Integer reps,
                                 Double touchesPerRepPerDay, Integer trials, Long seed, Integer threads,
                                 boolean calibrateFromStore) {

    public ScenarioParameters {
        if (prefix == null) {
            throw new IllegalArgumentException("Invalid prefix: null, expected \"--\" or \"\"");
        }
    }

    /** Nothing given: the built-in defaults. */
    public static ScenarioParameters none(String prefix) {
        return new ScenarioParameters(prefix, null, null, null, null, null, null, null, null, null, null, null, null,
                false);
    }

    /** These parameters over the store's base ({@code calibrate-from-store}). */
    public ScenarioParameters fromStore() {
        return new ScenarioParameters(prefix, quota, periodDays, from, to, threshold, slaHours, leadsPerWeek, reps,
                touchesPerRepPerDay, trials, seed, threads, true);
    }

    /** The name as the front door spells it, e.g. {@code --period-days} or {@code period-days}. */
    public String name(String parameter) {
        return prefix + parameter;
    }

    /**
     * Every number given against its range ({@link ScenarioRanges}), before anything is built from it.
     *
     * @throws InvalidInputException naming the parameter, the value and the range
     */
    public void checkRanges() {
        check(ScenarioRanges.QUOTA, quota);
        check(ScenarioRanges.PERIOD_DAYS, periodDays);
        check(ScenarioRanges.THRESHOLD, threshold);
        check(ScenarioRanges.SLA_HOURS, slaHours);
        check(ScenarioRanges.LEADS_PER_WEEK, leadsPerWeek);
        check(ScenarioRanges.REPS, reps);
        check(ScenarioRanges.TOUCHES_PER_REP_PER_DAY, touchesPerRepPerDay);
        check(ScenarioRanges.TRIALS, trials);
        check(ScenarioRanges.THREADS, threads);
    }

    /** @throws InvalidInputException naming the value, as this front door spells it, and the range */
    public void check(ScenarioRanges.Range range, Number value) {
        check(range.name(), range, value);
    }

    /** @throws InvalidInputException naming the parameter, as this front door spells it, the value and the range */
    public void check(String parameter, ScenarioRanges.Range range, Number value) {
        try {
            range.check(name(parameter), value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    /**
     * The period's length in days as the parameters give it ({@value Scenario#DEFAULT_PERIOD_DAYS} by default):
     * the scenario's own count, so the store's last period is read for the length that is simulated.
     *
     * @throws InvalidInputException as {@link #over} does
     */
    public int periodLength() {
        return over(Scenario.defaults()).periodDays();
    }

    /**
     * The parameters over a base scenario: what is given replaces the base's value.
     *
     * @throws InvalidInputException when a value is out of its range or the values do not go together
     */
    Scenario over(Scenario base) {
        return over(base, true);
    }

    /**
     * @param recyclingKnown whether the base holds the policy the scenario will run under (not the defaults a
     *                       store's policy will replace): only then is the SLA held to its recycling time here
     */
    Scenario over(Scenario base, boolean recyclingKnown) {
        checkRanges();
        Scenario.Builder b = base.toBuilder();
        try {
            if (quota != null) {
                b.quota(quota);
            }
            if (from != null || to != null) {
                if (from == null || to == null) {
                    throw new InvalidInputException(name("from") + " and " + name("to") + " go together (or use "
                            + name("period-days") + ")");
                }
                if (periodDays != null) {
                    throw new InvalidInputException("give either " + name("period-days") + " or " + name("from")
                            + " and " + name("to") + ", not both");
                }
                LocalDate first = date("from", from);
                LocalDate last = date("to", to);
                if (last.isBefore(first) || java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1 > 3_660) {
                    throw new InvalidInputException(name("from") + " " + first + " " + name("to") + " " + last
                            + ": expected a period of 1 to 3,660 days, both counted in");
                }
                b.period(first, last);
            } else if (periodDays != null) {
                b.periodDays(periodDays);
            }
            if (threshold != null) {
                b.threshold(threshold);
            }
            if (slaHours != null) {
                if (recyclingKnown) {
                    requireBeforeRecycling("sla-hours", slaHours, base.policy().recycleAfterDays());
                }
                b.slaHours(slaHours);
            }
            if (leadsPerWeek != null) {
                b.leadsPerWeek(leadsPerWeek);
            }
            if (reps != null) {
                b.reps(reps);
            }
            if (touchesPerRepPerDay != null) {
                b.firstTouchesPerRepPerDay(touchesPerRepPerDay);
            }
            return b.build();
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // what the scenario refuses of values each in its range (a period longer than the simulator allows)
            throw new InvalidInputException(e.getMessage());
        }
    }

    /**
     * An SLA must run out no later than its MQL is recycled: an MQL breaches, then (or at that moment) goes back to
     * nurture. The policy's own rule ({@code Policy}), so that a scenario takes every SLA a policy may hold.
     *
     * @throws InvalidInputException naming the parameter, the value and the recycling time
     */
    public void requireBeforeRecycling(String parameter, double hours, int recycleAfterDays) {
        if (hours > recycleAfterDays * 24.0) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s %s: an SLA may not be longer than the"
                            + " recycling time of the policy, %d days (%d hours): an MQL breaches its SLA before it is"
                            + " recycled", name(parameter), io.leadscore.simulator.text.Numbers.hours(hours),
                    recycleAfterDays, recycleAfterDays * 24));
        }
    }

    /**
     * A date as typed.
     *
     * @throws InvalidInputException naming the parameter when the text is not a date
     */
    public LocalDate date(String parameter, String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name(parameter) + " " + text + ": expected a date such as 2026-01-01");
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new InvalidInputException(name(parameter) + " " + text + ": expected 1970-01-01 to 2199-12-31");
        }
        return date;
    }

    /** The dates a period may take: the times of the import contract. */
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
}

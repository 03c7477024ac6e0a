package io.leadscore.app.web.whatif;

import io.leadscore.simulator.whatif.ScenarioParameters;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The scenario parameters of {@code simulate} and {@code plan}, named as the
 * command line's flags (docs/cli.md); any left out takes the base
 * scenario's value (the built-in defaults, or the store's policy and volume).
 *
 * @param quota               revenue to reach in the period
 * @param periodDays          length of the period in days (default 90)
 * @param from                first day of the period (with {@code to})
 * @param to                  day after the period (with {@code from})
 * @param threshold           MQL score threshold, 0..1
 * @param slaHours            hours from MQL to first follow-up
 * @param leadsPerWeek        inbound leads per week
 * @param reps                sales reps taking first conversations
 * @param touchesPerRepPerDay first conversations one rep holds a working day
 * @param trials              Monte Carlo trials
 * @param seed                random seed (the same seed gives the same numbers)
 * @param calibrateFromStore  take rates, scores, deal sizes, cycle times and volume from the store and its champion
 */
public record ScenarioRequest(
        @Parameter(description = "revenue to reach in the period, 0 to 1,000,000,000,000") Double quota,
        @BindParam("period-days") @Parameter(name = "period-days", description = "length of the period in days, 1 to 3,660 (default 90)")
        Integer periodDays,
        @Parameter(description = "first day of the period, e.g. 2027-01-01 (with to)") String from,
        @Parameter(description = "last day of the period, counted in (with from)") String to,
        @Parameter(description = "MQL score threshold, more than 0 and less than 1 (default: the policy's)")
        Double threshold,
        @BindParam("sla-hours") @Parameter(name = "sla-hours", description = "hours from MQL to first follow-up, more than 0, at most 8,760")
        Double slaHours,
        @BindParam("leads-per-week") @Parameter(name = "leads-per-week", description = "inbound leads per week, 0 to 1,000,000")
        Double leadsPerWeek,
        @Parameter(description = "sales reps taking first conversations, 0 to 10,000") Integer reps,
        @BindParam("touches-per-rep-per-day")
        @Parameter(name = "touches-per-rep-per-day", description = "first conversations one rep holds a working day, more than 0, at most 1,000 (default 12)")
        Double touchesPerRepPerDay,
        @Parameter(description = "Monte Carlo trials, 1 to 100,000 (plan: 20,000 per point), within the cost budget")
        Integer trials,
        @Parameter(description = "random seed, any whole number (default 42): the same seed gives the same numbers")
        Long seed,
        @BindParam("calibrate-from-store")
        @Parameter(name = "calibrate-from-store", description = "true: take rates, scores, deal sizes, cycle times and"
                + " lead volume from the store and its champion, and the store's policy")
        Boolean calibrateFromStore) {

    /** Whether to calibrate from the store (absent: no, as the command line without the flag). */
    public boolean calibrate() {
        return Boolean.TRUE.equals(calibrateFromStore);
    }

    /** The parameters as the scenario service takes them, named as query parameters; {@code threads} the server's. */
    ScenarioParameters parameters(int threads) {
        return new ScenarioParameters("", quota, periodDays, from, to, threshold, slaHours, leadsPerWeek, reps,
                touchesPerRepPerDay, trials, seed, threads, calibrate());
    }
}

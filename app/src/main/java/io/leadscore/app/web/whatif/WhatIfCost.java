package io.leadscore.app.web.whatif;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.simulator.Scenario;
import java.util.Locale;

/**
 * What a what-if costs, in trial-days: trials × days of the period × the
 * simulations it runs × a lead-volume factor. A simulation's time grows with
 * each (every trial simulates every day of the period, and every MQL that
 * arrives in it); at the default volume a two-core server works through about
 * a million trial-days a second. A plan runs each of its threshold × SLA
 * points as a search of about {@value #PLAN_RUNS_PER_POINT} simulations, the
 * levers {@value #LEVER_RUNS} (the base and six single changes).
 */
final class WhatIfCost {
    /** Simulations a plan's search runs per point, about (it widens and narrows a bracket of lead volumes). */
    static final int PLAN_RUNS_PER_POINT = 12;
    /** The levers' base run and its six single changes. */
    static final int LEVER_RUNS = 7;

    private WhatIfCost() {
    }

    /** The cost of {@code runs} simulations of {@code trials} trials of the scenario. */
    static long of(int trials, Scenario scenario, long runs) {
        double volume = Math.max(1, scenario.leadsPerWeek() / Scenario.DEFAULT_LEADS_PER_WEEK);
        double cost = (double) trials * scenario.periodDays() * runs * volume;
        return cost >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(cost);
    }

    /** @throws InvalidInputException when the cost is over the limit, saying what to ask for instead */
    static long check(long cost, long limit) {
        if (cost > limit) {
            throw new InvalidInputException(String.format(Locale.ROOT, "This what-if would cost %,d trial-days"
                    + " (trials × days × simulations × lead volume / 500 a week); one request may cost at most %,d here:"
                    + " ask for fewer trials, a shorter period or fewer sweep points", cost, limit));
        }
        return cost;
    }
}

package io.leadscore.app.web.whatif;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import java.util.Locale;

/**
 * What a what-if costs, in trial-days: trials × days of the period × the
 * simulations it runs × a volume factor (leads, or MQLs a day when a low
 * threshold makes more of them). A simulation's time grows with
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

    /** MQLs a day of the default scenario on the default calibration: the volume the figure of a million a second holds for. */
    private static final double DEFAULT_MQLS_PER_DAY = Simulator.expectedMqls(Scenario.defaults(), Calibration.defaults())
            / Scenario.defaults().periodDays();
    /**
     * How much faster than the MQLs a day a trial's time grows past the knee: a trial holds every MQL of its
     * period, and past a few hundred a day they no longer fit the caches (measured on two cores: a trial of 60 days
     * with 8.6 million MQLs, some 11,000 times the default's MQLs a day, takes 9 to 14 s; counted with this
     * exponent it costs 12 million trial-days, about as many seconds at a million trial-days a second).
     */
    static final double MQL_EXPONENT = 1.45;

    /**
     * The cost of {@code runs} simulations of {@code trials} trials of the scenario: trial-days, times the larger of
     * the lead volume and the MQLs a day over the default's ({@link #mqlFactor}), so a low threshold that makes
     * every lead an MQL costs what it takes.
     */
    static long of(int trials, Scenario scenario, Calibration calibration, long runs) {
        double volume = Math.max(1, scenario.leadsPerWeek() / Scenario.DEFAULT_LEADS_PER_WEEK);
        double mqlsPerDay = Simulator.expectedMqls(scenario, calibration) / Math.max(1, scenario.periodDays());
        // to six places: a factor a rounding error above 1 would make the documented largest request cost one more
        double factor = Math.round(Math.max(volume, mqlFactor(mqlsPerDay)) * 1e6) / 1e6;
        double cost = (double) trials * scenario.periodDays() * runs * factor;
        return cost >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(cost);
    }

    /** Up to this many times the default's MQLs a day, a trial's time grows with them; beyond, faster. */
    static final double KNEE = 20;

    /**
     * The cost factor of {@code mqlsPerDay} MQLs a day: their ratio to the default's, and past {@value #KNEE}
     * times it that ratio to the power {@value #MQL_EXPONENT}, continuing from the knee.
     */
    static double mqlFactor(double mqlsPerDay) {
        double ratio = Math.max(1, mqlsPerDay / DEFAULT_MQLS_PER_DAY);
        return ratio <= KNEE ? ratio : KNEE * Math.pow(ratio / KNEE, MQL_EXPONENT);
    }

    /**
     * What the what-if page needs to keep its requests within the budget as the server counts it: for each
     * threshold on its slider's grid (0.00 to 1.00 by 0.01), the MQLs a day one lead a week brings under the
     * calibration, beside the default's MQLs a day, the knee and the exponent.
     */
    static java.util.Map<String, Object> forPage(Scenario scenario, Calibration calibration) {
        // the leads a day one lead a week brings do not depend on the threshold: read once, times each MQL share
        double leadsPerDay = Simulator.expectedLeads(scenario.toBuilder().leadsPerWeek(1).build(), calibration)
                / Math.max(1, scenario.periodDays());
        java.util.List<Double> perLeadAWeek = new java.util.ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            perLeadAWeek.add(leadsPerDay * calibration.mqlShare(Math.max(0.0001, Math.min(0.9999, i / 100.0))));
        }
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("mqls_per_day_per_lead_a_week", perLeadAWeek);
        out.put("default_mqls_per_day", DEFAULT_MQLS_PER_DAY);
        out.put("knee", KNEE);
        out.put("exponent", MQL_EXPONENT);
        return out;
    }

    /** @throws InvalidInputException when the cost is over the limit, saying what to ask for instead */
    static long check(long cost, long limit) {
        if (cost > limit) {
            throw new InvalidInputException(String.format(Locale.ROOT, "This what-if would cost %,d trial-days"
                    + " (trials × days × simulations × the lead or MQL volume over the default's); one request may cost at most %,d here:"
                    + " ask for fewer trials, a shorter period or fewer sweep points", cost, limit));
        }
        return cost;
    }
}

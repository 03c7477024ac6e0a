package io.leadscore.simulator.planning;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.RepCapacity;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which single change raises the chance of reaching quota most: threshold
 * up or down a step, SLA shorter or longer, one more rep, more leads. Every
 * variant runs with the base's seed, so a lever's effect is measured on the
 * same simulated quarters (paired), with the standard error of the paired
 * difference.
 */
public final class Levers {

    private Levers() {
    }

    public static LeverReport evaluate(Scenario base, Calibration calibration, SimulationOptions options, LeverSteps steps) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(steps, "steps");
        SimulationResult baseResult = Simulator.run(base, calibration, options);
        List<LeverOutcome> outcomes = new ArrayList<>();

        double t = base.threshold();
        double up = round(t + steps.thresholdStep());
        double down = round(t - steps.thresholdStep());
        outcomes.add(up < 1
                ? run("threshold_up", "threshold " + Numbers.threshold(t) + " -> " + Numbers.threshold(up),
                        base.withPolicy(base.policy().withMqlThreshold(up)), calibration, options, baseResult)
                : notApplicable("threshold_up", "threshold " + t + " + " + steps.thresholdStep(), "the threshold must stay below 1"));
        outcomes.add(down > 0
                ? run("threshold_down", "threshold " + Numbers.threshold(t) + " -> " + Numbers.threshold(down),
                        base.withPolicy(base.policy().withMqlThreshold(down)), calibration, options, baseResult)
                : notApplicable("threshold_down", "threshold " + t + " - " + steps.thresholdStep(), "the threshold must stay above 0"));

        double sla = base.slaHours();
        Policy policy = base.policy();
        outcomes.add(run("sla_shorter", String.format(Locale.ROOT, "SLA %s h -> %s h", hours(sla), hours(sla / steps.slaFactor())),
                base.withPolicy(policy.withSlaHours(sla / steps.slaFactor())), calibration, options, baseResult));
        double longer = sla * steps.slaFactor();
        outcomes.add(longer <= 24.0 * policy.recycleAfterDays()
                ? run("sla_longer", String.format(Locale.ROOT, "SLA %s h -> %s h", hours(sla), hours(longer)),
                        base.withPolicy(policy.withSlaHours(longer)), calibration, options, baseResult)
                : notApplicable("sla_longer", String.format(Locale.ROOT, "SLA %s h -> %s h", hours(sla), hours(longer)),
                        "longer than recycle-after (" + policy.recycleAfterDays() + " days)"));

        RepCapacity capacity = base.capacity();
        outcomes.add(capacity.unlimited()
                ? notApplicable("one_more_rep", "+" + steps.extraReps() + " rep", "rep capacity is unlimited in this scenario")
                : run("one_more_rep", String.format(Locale.ROOT, "reps %d -> %d", capacity.reps(), capacity.reps() + steps.extraReps()),
                        base.withCapacity(capacity.withReps(capacity.reps() + steps.extraReps())), calibration, options, baseResult));

        double leads = base.leadsPerWeek();
        double more = Math.min(Scenario.MAX_LEADS_PER_WEEK, leads * (1 + steps.leadIncrease()));
        outcomes.add(leads > 0
                ? run("more_leads", String.format(Locale.ROOT, "leads/week %.0f -> %.0f (+%.0f%%)", leads, more, 100 * steps.leadIncrease()),
                        base.withLeadsPerWeek(more), calibration, options, baseResult)
                : notApplicable("more_leads", "+" + Math.round(100 * steps.leadIncrease()) + "% leads", "no leads to increase"));

        // Applicable levers by gain, largest first (ties keep the order above); the others last.
        List<LeverOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparing((LeverOutcome o) -> !o.applicable())
                .thenComparing(o -> o.applicable() ? -o.delta() : 0.0));
        return new LeverReport(baseResult.pAttain(), baseResult.revenue().mean(), options.trials(), options.seed(), sorted);
    }

    private static LeverOutcome run(String lever, String change, Scenario scenario, Calibration calibration,
                                    SimulationOptions options, SimulationResult base) {
        SimulationResult r = Simulator.run(scenario, calibration, options);
        int n = r.trials();
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            int d = (r.reachedQuota(i) ? 1 : 0) - (base.reachedQuota(i) ? 1 : 0);
            sum += d;
            sumSq += d * d;
        }
        double mean = sum / n;
        double se = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)) / n) : Double.NaN;
        return new LeverOutcome(lever, change, true, r.pAttain(), r.pAttain() - base.pAttain(), se, r.revenue().mean(), "");
    }

    private static LeverOutcome notApplicable(String lever, String change, String why) {
        return new LeverOutcome(lever, change, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    private static double round(double threshold) {
        return Math.round(threshold * 1e6) / 1e6;
    }

    private static String hours(double h) {
        return h == Math.rint(h) ? String.format(Locale.ROOT, "%.0f", h) : String.format(Locale.ROOT, "%.2g", h);
    }
}

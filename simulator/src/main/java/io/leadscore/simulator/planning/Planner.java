package io.leadscore.simulator.planning;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Finds, for each threshold × SLA, the smallest weekly lead volume at which
 * the chance of reaching quota is at least the requested confidence: bracket
 * (starting from the reverse-funnel estimate, doubling), then narrow the
 * bracket by safeguarded interpolation (regula falsi, Illinois variant),
 * which keeps the bisection's guarantee of a shrinking bracket.
 *
 * <h2>What "monotone" rests on</h2>
 * Every evaluation uses the same seed, so the same trials see the same random
 * numbers. Daily lead and MQL counts are drawn by inverting one uniform each,
 * which makes them non-decreasing in volume, and every MQL keeps its own
 * draws (score, timing, conversion, deal size) addressed by day and index, so
 * more volume only adds MQLs. When rep capacity does not bind, an added MQL
 * changes nobody else's outcome, each trial's revenue is non-decreasing in
 * volume, and so is the share of trials reaching quota: the search is exact
 * on the simulated trials. When capacity binds, added MQLs lengthen the queue
 * and can lower revenue; the search then still returns a volume that meets
 * the confidence (its own evaluation shows it) but not necessarily the
 * smallest. When the chance falls as volume doubles, the cell is past a peak:
 * the search looks for the peak between the last volumes (golden-section
 * search) and, if the peak reaches the confidence, bisects on its rising
 * side; otherwise the cell is reported unreachable with the best chance
 * found: more leads cannot help, capacity must.
 *
 * <p>Trials: every point of the search is a full simulation, so a plan costs
 * (cells × about five to ten points) simulations; {@link #DEFAULT_TRIALS}
 * per point keeps a 5 × 5 sweep within seconds, with a standard error of about
 * 1.3 points on a chance of 0.8.
 */
public final class Planner {

    /** Trials per simulated point of a plan. */
    public static final int DEFAULT_TRIALS = 1_000;

    private Planner() {
    }

    /**
     * Runs the sweep. Each cell starts its search from the neighbouring
     * cell's answer, which is usually close; the answers do not depend on
     * where a search starts except through the tolerance.
     *
     * @param base    the scenario whose threshold and SLA are swept (its lead volume is the first guess)
     * @param options trials, seed and threads for every simulation
     */
    public static PlanResult plan(Scenario base, Calibration calibration, SimulationOptions options, PlanRequest request) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(request, "request");
        List<PlanRow> rows = new ArrayList<>();
        double rowStart = base.leadsPerWeek();
        for (double threshold : request.thresholds()) {
            double cellStart = rowStart;
            boolean firstOfRow = true;
            for (double sla : request.slaHours()) {
                Scenario scenario = base.toBuilder().threshold(threshold).slaHours(sla).build();
                PlanRow row = requiredVolume(scenario, calibration, options, request.confidence(),
                        request.relativeTolerance(), request.maxVolumeFactor(), cellStart);
                rows.add(row);
                if (row.reachable() && row.requiredLeadsPerWeek() > 0) {
                    cellStart = row.requiredLeadsPerWeek();
                    if (firstOfRow) {
                        rowStart = cellStart;
                    }
                }
                firstOfRow = false;
            }
        }
        return new PlanResult(request.confidence(), options.trials(), options.seed(), rows);
    }

    /**
     * The smallest weekly volume (within the tolerance) at which the scenario
     * reaches quota with probability at least {@code confidence}.
     *
     * @param startVolume the first volume to try (leads per week); the scenario's own when &le; 0
     */
    public static PlanRow requiredVolume(Scenario scenario, Calibration calibration, SimulationOptions options,
                                         double confidence, double relativeTolerance, double maxVolumeFactor,
                                         double startVolume) {
        Search search = new Search(scenario, calibration, options, confidence);
        double v0 = startVolume > 0 ? startVolume : scenario.leadsPerWeek() > 0 ? scenario.leadsPerWeek() : 100;
        double vMax = Math.min(Scenario.MAX_LEADS_PER_WEEK, Math.max(v0, scenario.leadsPerWeek()) * maxVolumeFactor);
        SimulationResult first = search.at(v0);
        double lo;
        double hi;
        if (first.pAttain() >= confidence) {
            SimulationResult zero = search.at(0);
            if (zero.pAttain() >= confidence) {
                return search.row(0, zero, "reached without new leads (open pipeline or a zero quota)");
            }
            lo = 0;
            hi = v0;
        } else {
            double pipeline = first.revenue().fromOpenPipeline();
            double fromLeads = first.revenue().mean() - pipeline;
            double needed = Math.max(0, scenario.quota() - pipeline);
            // The reverse-funnel guess: revenue scales with volume while capacity holds; aim a little high
            // because the quota must be reached in most trials, not on average.
            double guess = fromLeads > 0 ? v0 * needed / fromLeads * 1.25 : v0 * 2;
            double below = v0;
            double v = Math.min(vMax, Math.max(v0 * 1.25, guess));
            while (true) {
                SimulationResult r = search.at(v);
                if (r.pAttain() >= confidence) {
                    lo = below;
                    hi = v;
                    break;
                }
                if (r.pAttain() < search.result(below).pAttain()) {
                    // Past a peak: more MQLs than the reps can touch in time. Look for the peak between the
                    // volume before `below` and v; if it reaches the confidence, bisect on its rising side.
                    double peak = search.peak(search.before(below), v);
                    if (search.result(peak).pAttain() < confidence) {
                        return search.unreachable(String.format(Locale.ROOT,
                                "at most %.3f, near %.0f leads/week; more volume lowers it because rep capacity binds: "
                                        + "add reps or raise the threshold", search.result(peak).pAttain(), peak));
                    }
                    lo = search.lastBelow(peak);
                    hi = peak;
                    break;
                }
                if (v >= vMax) {
                    return search.unreachable(String.format(Locale.ROOT,
                            "not reached at %.0f leads/week (%.0fx the starting volume); best chance %.3f",
                            v, vMax / v0, search.bestP));
                }
                below = v;
                v = Math.min(vMax, v * 2);
            }
        }
        // Safeguarded regula falsi (the Illinois variant) on p(v) - confidence over the bracket [lo, hi]: the chance
        // rises roughly linearly with volume near the crossing, so interpolation needs fewer simulations than
        // halving; a step is kept at least a tenth of the bracket from either end, and halving the retained
        // end's value after two moves on the same side stops one end from sticking.
        double gLo = search.at(lo).pAttain() - confidence;
        double gHi = search.at(hi).pAttain() - confidence;
        int side = 0;
        while (hi - lo > Math.max(relativeTolerance * hi, 0.5)) {
            double t = gHi - gLo > 0 ? -gLo / (gHi - gLo) : 0.5;
            t = Math.max(0.1, Math.min(0.9, t));
            double mid = lo + t * (hi - lo);
            double g = search.at(mid).pAttain() - confidence;
            if (g >= 0) {
                hi = mid;
                gHi = g;
                if (side == 1) {
                    gLo /= 2;
                }
                side = 1;
            } else {
                lo = mid;
                gLo = g;
                if (side == -1) {
                    gHi /= 2;
                }
                side = -1;
            }
        }
        return search.row(hi, search.result(hi), String.format(Locale.ROOT, "bracketed to [%.1f, %.1f] leads/week", lo, hi));
    }

    /** Runs the evaluations of one cell, keeps them by volume, and remembers the best chance seen. */
    private static final class Search {
        /** Golden-section steps when looking for the peak of a capacity-bound cell: the bracket shrinks to 0.618^4 ≈ 15%. */
        private static final int PEAK_STEPS = 4;
        private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

        private final Scenario scenario;
        private final Calibration calibration;
        private final SimulationOptions options;
        private final double confidence;
        private final TreeMap<Double, SimulationResult> runs = new TreeMap<>();
        private double bestP = -1;
        private SimulationResult best;

        Search(Scenario scenario, Calibration calibration, SimulationOptions options, double confidence) {
            this.scenario = scenario;
            this.calibration = calibration;
            this.options = options;
            this.confidence = confidence;
        }

        SimulationResult at(double leadsPerWeek) {
            SimulationResult known = runs.get(leadsPerWeek);
            if (known != null) {
                return known;
            }
            SimulationResult r = Simulator.run(scenario.withLeadsPerWeek(leadsPerWeek), calibration, options);
            runs.put(leadsPerWeek, r);
            if (r.pAttain() > bestP) {
                best = r;
                bestP = r.pAttain();
            }
            return r;
        }

        SimulationResult result(double leadsPerWeek) {
            return runs.get(leadsPerWeek);
        }

        /** The largest evaluated volume below v, or 0. */
        double before(double v) {
            Double lower = runs.lowerKey(v);
            return lower == null ? 0 : lower;
        }

        /** The largest evaluated volume below v whose chance is under the confidence, or 0. */
        double lastBelow(double v) {
            for (Double k = runs.lowerKey(v); k != null; k = runs.lowerKey(k)) {
                if (runs.get(k).pAttain() < confidence) {
                    return k;
                }
            }
            return 0;
        }

        /** The volume with the highest chance found by golden-section search on [a, b] (plus the points already run). */
        double peak(double a, double b) {
            double x1 = b - GOLDEN * (b - a);
            double x2 = a + GOLDEN * (b - a);
            double f1 = at(x1).pAttain();
            double f2 = at(x2).pAttain();
            for (int i = 0; i < PEAK_STEPS; i++) {
                if (f1 >= f2) {
                    b = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = b - GOLDEN * (b - a);
                    f1 = at(x1).pAttain();
                } else {
                    a = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = a + GOLDEN * (b - a);
                    f2 = at(x2).pAttain();
                }
            }
            double bestVolume = x1;
            for (var e : runs.entrySet()) {
                if (e.getValue().pAttain() > runs.get(bestVolume).pAttain()) {
                    bestVolume = e.getKey();
                }
            }
            return bestVolume;
        }

        PlanRow row(double leadsPerWeek, SimulationResult r, String note) {
            return new PlanRow(scenario.threshold(), scenario.slaHours(), true, leadsPerWeek, r.leads(), r.mqls(),
                    r.pAttain(), r.pAttainStandardError(), runs.size(), note);
        }

        PlanRow unreachable(String note) {
            return new PlanRow(scenario.threshold(), scenario.slaHours(), false, Double.NaN, Double.NaN, Double.NaN,
                    bestP, best.pAttainStandardError(), runs.size(), note + " (confidence " + confidence + ")");
        }
    }
}

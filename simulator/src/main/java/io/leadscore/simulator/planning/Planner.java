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

/**
 * Finds, for each threshold × SLA, the smallest weekly lead volume at which
 * the chance of reaching quota is at least the requested confidence: bracket
 * (starting from the reverse-funnel estimate, doubling), then bisect.
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
 * smallest, and when the chance of reaching quota falls as volume doubles the
 * cell is reported unreachable: more leads cannot help, capacity must.
 */
public final class Planner {

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
        SimulationResult atHi;
        if (first.pAttain() >= confidence) {
            SimulationResult zero = search.at(0);
            if (zero.pAttain() >= confidence) {
                return search.row(0, zero, "reached without new leads (open pipeline or a zero quota)");
            }
            lo = 0;
            hi = v0;
            atHi = first;
        } else {
            lo = v0;
            SimulationResult atLo = first;
            double pipeline = first.revenue().fromOpenPipeline();
            double fromLeads = first.revenue().mean() - pipeline;
            double needed = Math.max(0, scenario.quota() - pipeline);
            // The reverse-funnel guess: revenue scales with volume while capacity holds; aim a little high
            // because the quota must be reached in most trials, not on average.
            double guess = fromLeads > 0 ? v0 * needed / fromLeads * 1.25 : v0 * 2;
            double v = Math.min(vMax, Math.max(v0 * 1.25, guess));
            while (true) {
                SimulationResult r = search.at(v);
                if (r.pAttain() >= confidence) {
                    hi = v;
                    atHi = r;
                    break;
                }
                if (r.pAttain() < atLo.pAttain()) {
                    return search.unreachable(String.format(Locale.ROOT,
                            "the chance of reaching quota falls from %.3f to %.3f as volume grows from %.0f to %.0f "
                                    + "leads/week: rep capacity binds, add reps or raise the threshold",
                            atLo.pAttain(), r.pAttain(), lo, v));
                }
                if (v >= vMax) {
                    return search.unreachable(String.format(Locale.ROOT,
                            "not reached at %.0f leads/week (%.0fx the starting volume); best chance %.3f",
                            v, vMax / v0, search.bestP));
                }
                lo = v;
                atLo = r;
                v = Math.min(vMax, v * 2);
            }
        }
        while (hi - lo > Math.max(relativeTolerance * hi, 0.5)) {
            double mid = (lo + hi) / 2;
            SimulationResult r = search.at(mid);
            if (r.pAttain() >= confidence) {
                hi = mid;
                atHi = r;
            } else {
                lo = mid;
            }
        }
        return search.row(hi, atHi, String.format(Locale.ROOT, "bracketed to [%.1f, %.1f] leads/week", lo, hi));
    }

    /** Runs the evaluations of one cell and remembers the best chance seen. */
    private static final class Search {
        private final Scenario scenario;
        private final Calibration calibration;
        private final SimulationOptions options;
        private final double confidence;
        private int evaluations;
        private double bestP;
        private SimulationResult best;

        Search(Scenario scenario, Calibration calibration, SimulationOptions options, double confidence) {
            this.scenario = scenario;
            this.calibration = calibration;
            this.options = options;
            this.confidence = confidence;
        }

        SimulationResult at(double leadsPerWeek) {
            evaluations++;
            SimulationResult r = Simulator.run(scenario.withLeadsPerWeek(leadsPerWeek), calibration, options);
            if (best == null || r.pAttain() > bestP) {
                best = r;
                bestP = r.pAttain();
            }
            return r;
        }

        PlanRow row(double leadsPerWeek, SimulationResult r, String note) {
            return new PlanRow(scenario.threshold(), scenario.slaHours(), true, leadsPerWeek, r.leads(), r.mqls(),
                    r.pAttain(), r.pAttainStandardError(), evaluations, note);
        }

        PlanRow unreachable(String note) {
            return new PlanRow(scenario.threshold(), scenario.slaHours(), false, Double.NaN, Double.NaN, Double.NaN,
                    bestP, best.pAttainStandardError(), evaluations, note + " (confidence " + confidence + ")");
        }
    }
}

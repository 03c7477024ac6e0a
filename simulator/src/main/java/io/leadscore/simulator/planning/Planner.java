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
 * search) and, if the peak reaches the confidence, narrows the bracket on
 * its rising side; otherwise the cell is reported unreachable with the best chance
 * found: more leads cannot help, capacity must.
 *
 * <p>Trials: every point of the search is a full simulation, so a plan costs
 * (cells × about five to ten points) simulations; {@link #DEFAULT_TRIALS}
 * per point keeps a 5 × 5 sweep around 15 CPU-seconds on the default
 * scenario, with a standard error of about 1.3 points on a chance of 0.8.
 */
public final class Planner {

    /** Trials per simulated point of a plan. */
    public static final int DEFAULT_TRIALS = 1_000;

    private Planner() {
    }

    /**
     * Runs the sweep. Each cell starts its search from the neighbouring
     * cell's answer, which is usually close; where attainment is monotone in
     * volume the answer does not depend on the start beyond the tolerance.
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
        return new PlanResult(request.confidence(), options.trials(), options.seed(), rows, base.quota(),
                base.periodDays());
    }

    /**
     * The smallest weekly volume (within the tolerance) at which the scenario
     * reaches quota with probability at least {@code confidence}.
     *
     * <p>Coarse to fine: with at least {@value #MIN_TRIALS_FOR_TWO_STAGES}
     * trials the bracket (and a capacity-bound peak) is first found and
     * narrowed to four times the tolerance with a quarter of them (the same
     * first trials, so a subset of the final run), then checked and narrowed
     * with all of them. A cell whose coarse best
     * chance falls short of the confidence by more than three of its standard
     * errors is reported unreachable after one full-trial run at that peak.
     *
     * @param startVolume the first volume to try (leads per week); the scenario's own when &le; 0
     */
    public static PlanRow requiredVolume(Scenario scenario, Calibration calibration, SimulationOptions options,
                                         double confidence, double relativeTolerance, double maxVolumeFactor,
                                         double startVolume) {
        double v0 = startVolume > 0 ? startVolume : scenario.leadsPerWeek() > 0 ? scenario.leadsPerWeek() : 100;
        double vMax = Math.min(Scenario.MAX_LEADS_PER_WEEK, Math.max(v0, scenario.leadsPerWeek()) * maxVolumeFactor);
        // Stay inside what one trial can hold in memory.
        double mqlsPerWeeklyLead = Simulator.expectedMqls(scenario.withLeadsPerWeek(1), calibration);
        if (mqlsPerWeeklyLead > 0) {
            vMax = Math.min(vMax, 0.99 * Simulator.MAX_EXPECTED_MQLS / mqlsPerWeeklyLead);
            v0 = Math.min(v0, vMax);
        }
        Search fine = new Search(scenario, calibration, options, confidence, null);
        if (options.trials() < MIN_TRIALS_FOR_TWO_STAGES) {
            Bracket b = bracket(fine, v0, vMax);
            return b.row != null ? b.row : narrow(fine, b.lo, b.hi, relativeTolerance);
        }
        int coarseTrials = options.trials() / 4;
        Search coarse = new Search(scenario, calibration, options.withTrials(coarseTrials), confidence, null);
        fine = new Search(scenario, calibration, options, confidence, coarse);
        Bracket b = bracket(coarse, v0, vMax);
        if (b.row != null) {
            double margin = 3 * Math.sqrt(confidence * (1 - confidence) / coarseTrials);
            if (!b.row.reachable() && coarse.bestP < confidence - margin) {
                SimulationResult atBest = fine.at(coarse.bestVolume);
                return fine.unreachable(b.note + String.format(Locale.ROOT, "; %.3f there over all %d trials",
                        atBest.pAttain(), options.trials()));
            }
            if (!b.row.reachable() && b.note.startsWith(PAST_PEAK)) {
                // A near miss past a capacity peak: look for the peak again with every trial, between the coarse
                // volumes two steps either side of the coarse peak.
                double from = coarse.before(coarse.before(coarse.bestVolume));
                double to = coarse.after(coarse.after(coarse.bestVolume, vMax), vMax);
                double peak = fine.peak(from, to);
                if (fine.at(peak).pAttain() < confidence) {
                    return fine.unreachable(String.format(Locale.ROOT, PAST_PEAK + " %.3f over %d trials, near %.0f "
                            + "leads/week; more volume lowers it because rep capacity binds: add reps or raise the "
                            + "threshold", fine.at(peak).pAttain(), options.trials(), peak));
                }
                return narrow(fine, fine.lastBelow(peak), peak, relativeTolerance);
            }
            // Reached at zero volume, or not reached at the largest volume tried: settle it with every trial.
            Bracket full = bracket(fine, v0, vMax);
            return full.row != null ? full.row : narrow(fine, full.lo, full.hi, relativeTolerance);
        }
        // Narrow with the coarse trials to a few times the tolerance, then check that bracket with every trial,
        // widening it while it does not hold, and finish with every trial.
        PlanRow rough = narrow(coarse, b.lo, b.hi, Math.min(0.25, 4 * relativeTolerance));
        double lo = coarse.lastBelow(rough.requiredLeadsPerWeek());
        double hi = rough.requiredLeadsPerWeek();
        double previous = -1;
        while (fine.at(hi).pAttain() < confidence) {
            double p = fine.at(hi).pAttain();
            if (hi >= vMax || p < previous) {
                Bracket full = bracket(fine, v0, vMax);
                return full.row != null ? full.row : narrow(fine, full.lo, full.hi, relativeTolerance);
            }
            previous = p;
            lo = hi;
            hi = Math.min(vMax, hi * 1.25);
        }
        while (lo > 0 && fine.at(lo).pAttain() >= confidence) {
            hi = lo;
            lo = lo < 1 ? 0 : lo * 0.8;
        }
        if (lo == 0 && fine.at(0).pAttain() >= confidence) {
            return fine.row(0, fine.at(0), "reached without new leads (open pipeline or a zero quota)");
        }
        return narrow(fine, lo, hi, relativeTolerance);
    }

    private static final String PAST_PEAK = "at most";

    /** Trials below this are searched in one stage. */
    static final int MIN_TRIALS_FOR_TWO_STAGES = 400;

    /** A bracket [lo, hi] with p(lo) &lt; confidence &le; p(hi), or a finished row (reached at zero, or unreachable). */
    private record Bracket(double lo, double hi, PlanRow row, String note) {
    }

    /** Brackets the crossing: from v0 up by the reverse-funnel guess and doubling, or down to zero. */
    private static Bracket bracket(Search search, double v0, double vMax) {
        double confidence = search.confidence;
        SimulationResult first = search.at(v0);
        if (first.pAttain() >= confidence) {
            SimulationResult zero = search.at(0);
            if (zero.pAttain() >= confidence) {
                return new Bracket(0, 0, search.row(0, zero, "reached without new leads (open pipeline or a zero quota)"), "");
            }
            return new Bracket(0, v0, null, "");
        }
        double pipeline = first.revenue().fromOpenPipeline();
        double fromLeads = first.revenue().mean() - pipeline;
        double needed = Math.max(0, search.scenario.quota() - pipeline);
        // The reverse-funnel guess: revenue scales with volume while capacity holds; aim a little high
        // because the quota must be reached in most trials, not on average.
        double guess = fromLeads > 0 ? v0 * needed / fromLeads * 1.25 : v0 * 2;
        double below = v0;
        double v = Math.min(vMax, Math.max(v0 * 1.25, guess));
        while (true) {
            SimulationResult r = search.at(v);
            if (r.pAttain() >= confidence) {
                return new Bracket(below, v, null, "");
            }
            if (r.pAttain() < search.at(below).pAttain()) {
                // Past a peak: more MQLs than the reps can touch in time. Look for the peak between the
                // volume before `below` and v; if it reaches the confidence, bracket its rising side.
                double peak = search.peak(search.before(below), v);
                if (search.at(peak).pAttain() >= confidence) {
                    return new Bracket(search.lastBelow(peak), peak, null, "");
                }
                String note = String.format(Locale.ROOT, PAST_PEAK + " %.3f over %d trials, near %.0f leads/week; "
                                + "more volume lowers it because rep capacity binds: add reps or raise the threshold",
                        search.at(peak).pAttain(), search.options.trials(), peak);
                return new Bracket(0, 0, search.unreachable(note), note);
            }
            if (v >= vMax) {
                String note = String.format(Locale.ROOT,
                        "not reached at %.0f leads/week, the most this search tries; best chance %.3f over %d trials",
                        v, search.bestP, search.options.trials());
                return new Bracket(0, 0, search.unreachable(note), note);
            }
            below = v;
            v = Math.min(vMax, v * 2);
        }
    }

    /**
     * Narrows [lo, hi] (p(lo) &lt; confidence &le; p(hi)) to the tolerance by safeguarded regula falsi, the
     * Illinois variant: the chance rises roughly linearly with volume near the crossing, so interpolation
     * needs fewer simulations than halving; a step stays at least a tenth of the bracket from either end,
     * and halving the retained end's value after two moves on the same side stops one end from sticking.
     */
    /**
     * Narrows a bracket [lo, hi] (the chance below the confidence at lo, reached at hi) to the smallest volume on a
     * fixed grid, (1 + tolerance)^k leads a week, at which the chance is reached. The grid is the same for every
     * search, so where the chance rises with volume the answer is one point of it whatever bracket led there: a
     * cell answers the same alone or in a sweep, first or after its neighbour, and a threshold listed twice gives
     * the same row twice. Where it does not rise (capacity binds) the last volume that reached it is kept.
     */
    private static PlanRow narrow(Search search, double lo, double hi, double relativeTolerance) {
        double confidence = search.confidence;
        double step = Math.log1p(relativeTolerance);
        long kHi = Math.max(0, (long) Math.ceil(Math.log(Math.max(hi, 1)) / step - 1e-9));
        long kLo = lo < 1 ? -1 : Math.min(kHi - 1, (long) Math.floor(Math.log(lo) / step + 1e-9));
        if (search.at(grid(kHi, step)).pAttain() < confidence) {
            // the chance fell between hi and the grid point above it: keep the volume known to reach it
            return search.row(hi, search.at(hi), String.format(Locale.ROOT, "bracketed to [%.1f, %.1f] leads/week",
                    lo, hi));
        }
        while (kHi - kLo > 1) {
            long mid = kLo + (kHi - kLo) / 2;
            if (search.at(grid(mid, step)).pAttain() >= confidence) {
                kHi = mid;
            } else {
                kLo = mid;
            }
        }
        double volume = grid(kHi, step);
        return search.row(volume, search.at(volume), String.format(Locale.ROOT, "bracketed to [%.1f, %.1f] leads/week",
                kLo < 0 ? 0 : grid(kLo, step), volume));
    }

    /** The k-th volume of the search grid: (1 + tolerance)^k leads a week, and 0 below it (k &lt; 0). */
    private static double grid(long k, double step) {
        return k < 0 ? 0 : Math.exp(k * step);
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
        /** The coarse stage that ran before this one, counted in the evaluations; null if none. */
        private final Search before;
        private final TreeMap<Double, SimulationResult> runs = new TreeMap<>();
        private double bestP = -1;
        private double bestVolume;
        private SimulationResult best;

        Search(Scenario scenario, Calibration calibration, SimulationOptions options, double confidence, Search before) {
            this.scenario = scenario;
            this.calibration = calibration;
            this.options = options;
            this.confidence = confidence;
            this.before = before;
        }

        int evaluations() {
            return runs.size() + (before == null ? 0 : before.runs.size());
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
                bestVolume = leadsPerWeek;
            }
            return r;
        }

        /** The largest evaluated volume below v, or 0. */
        double before(double v) {
            Double lower = runs.lowerKey(v);
            return lower == null ? 0 : lower;
        }

        /** The smallest evaluated volume above v, or {@code limit} when there is none. */
        double after(double v, double limit) {
            Double higher = runs.higherKey(v);
            return higher == null ? limit : higher;
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
                    r.pAttain(), r.pAttainStandardError(), evaluations(), note);
        }

        PlanRow unreachable(String note) {
            return new PlanRow(scenario.threshold(), scenario.slaHours(), false, Double.NaN, Double.NaN, Double.NaN,
                    bestP, best.pAttainStandardError(), evaluations(), note + " (confidence " + confidence + ")");
        }
    }
}

package io.leadscore.app.web.whatif;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.ScenarioRanges;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.planning.LeverReport;
import io.leadscore.simulator.planning.LeverSteps;
import io.leadscore.simulator.planning.Levers;
import io.leadscore.simulator.planning.PlanRequest;
import io.leadscore.simulator.planning.PlanResult;
import io.leadscore.simulator.planning.Planner;
import io.leadscore.batch.simulation.StoreCalibration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Simulate, plan and levers as the command line does them (same defaults,
 * same output), with the store's calibration when asked for, and limits on
 * the work one request may ask of a shared server: every parameter in its
 * range, at most {@link #MAX_TRIALS} trials, and a cost within
 * {@link WhatIfLimits#maxCost()} ({@link WhatIfCost}). A what-if is checked
 * and costed when it is asked for ({@link Prepared}) and computed later, on
 * the {@link WhatIfPool}.
 */
@Service
public class WhatIf {
    /** The trial limit of one simulation through the web (the command line allows 10 million). */
    static final int MAX_TRIALS = 100_000;
    /** The trial limit per point of a plan through the web. */
    static final int MAX_PLAN_TRIALS = 20_000;
    /** At most this many thresholds, and as many SLA values, in a plan's sweep. */
    static final int MAX_SWEEP = 10;
    /** The default SLA sweep of {@code plan}. */
    static final List<Double> DEFAULT_SLA_SWEEP = List.of(1.0, 4.0, 8.0, 24.0, 48.0);

    private final StoreBases stores;
    private final StoreCalibration calibration;
    private final MeterRegistry meters;
    private final WhatIfLimits limits;
    private final int threads;

    WhatIf(StoreBases stores, StoreCalibration calibration, MeterRegistry meters, WhatIfLimits limits, WhatIfPool pool) {
        this.stores = stores;
        this.calibration = calibration;
        this.meters = meters;
        this.limits = limits;
        this.threads = pool.threadsPerWhatIf();
    }

    /**
     * A what-if that passed its checks, ready to compute.
     *
     * @param cost what it costs ({@link WhatIfCost}), within the limit
     * @param work computes it; cancelled by interrupting its thread
     */
    public record Prepared<T>(long cost, Supplier<T> work) {
    }

    /** A scenario and its calibration, from the request over the defaults or the store. */
    record Setup(Scenario scenario, Calibration calibration) {
    }

    Setup setup(ScenarioRequest request) {
        if (!request.calibrate()) {
            return new Setup(request.scenario(Scenario.defaults(), null), Calibration.defaults());
        }
        StoreBasis store = stores.current();
        // what the store says, unless the request says otherwise, as 'simulate --calibrate-from-store' does it:
        // its lead volume, its team (reps who followed up leads in the last period) and a quota from its revenue
        Scenario.Builder base = Scenario.defaults().toBuilder();
        if (request.leadsPerWeek() == null && store.leadsPerWeek().isPresent()) {
            base.leadsPerWeek(store.leadsPerWeek().get());
        }
        if (request.reps() == null || request.quota() == null) {
            // the kept basis holds the default period's team and revenue; another period length is read for it
            int periodDays = request.scenario(Scenario.defaults(), store.policy()).periodDays();
            Instant lastPeriod = store.asOf().minus(Duration.ofDays(periodDays));
            boolean kept = periodDays == StoreBases.QUOTA_DAYS;
            if (request.reps() == null) {
                (kept ? store.lastPeriodReps() : calibration.activeReps(lastPeriod, store.asOf())).ifPresent(base::reps);
            }
            if (request.quota() == null) {
                Scenario.growthQuota(kept ? store.lastPeriodRevenue() : calibration.revenueWon(lastPeriod, store.asOf()))
                        .ifPresent(base::quota);
            }
        }
        return new Setup(request.scenario(base.build(), store.policy()), store.calibration());
    }

    /** @throws IllegalArgumentException naming the parameter out of its range, or the cost over the limit */
    public Prepared<SimulationResult> simulate(ScenarioRequest request) {
        Setup s = setup(request);
        SimulationOptions options = request.options(SimulationOptions.DEFAULT_TRIALS, MAX_TRIALS).withThreads(threads);
        long cost = WhatIfCost.check(WhatIfCost.of(options.trials(), s.scenario(), 1), limits.maxCost());
        return new Prepared<>(cost, () -> timed("simulate", () -> Simulator.run(s.scenario(), s.calibration(), options)));
    }

    /**
     * @param thresholds the sweep, or {@code null} for five around the scenario's threshold (as {@code plan})
     * @param slaHours   the sweep, or {@code null} for 1, 4, 8, 24, 48
     */
    public Prepared<PlanResult> plan(ScenarioRequest request, double confidence, List<Double> thresholds,
                                     List<Double> slaHours) {
        ScenarioRanges.CONFIDENCE.check("confidence", confidence);
        if (thresholds != null) {
            thresholds.forEach(v -> ScenarioRanges.THRESHOLD.check("sweep-threshold", v));
        }
        if (slaHours != null) {
            slaHours.forEach(v -> ScenarioRanges.SLA_HOURS.check("sweep-sla-hours", v));
        }
        Setup s = setup(request);
        List<Double> t = thresholds == null || thresholds.isEmpty() ? around(s.scenario().threshold()) : thresholds;
        List<Double> h = slaHours == null || slaHours.isEmpty() ? DEFAULT_SLA_SWEEP : slaHours;
        if (t.size() > MAX_SWEEP || h.size() > MAX_SWEEP) {
            throw new IllegalArgumentException("Invalid sweep: " + t.size() + " thresholds and " + h.size()
                    + " SLA values, expected at most " + MAX_SWEEP + " of each here");
        }
        PlanRequest plan = PlanRequest.of(confidence, t, h);
        SimulationOptions options = request.options(Planner.DEFAULT_TRIALS, MAX_PLAN_TRIALS).withThreads(threads);
        long cost = WhatIfCost.check(WhatIfCost.of(options.trials(), s.scenario(),
                (long) t.size() * h.size() * WhatIfCost.PLAN_RUNS_PER_POINT), limits.maxCost());
        return new Prepared<>(cost, () -> timed("plan", () -> Planner.plan(s.scenario(), s.calibration(), options, plan)));
    }

    public Prepared<LeverReport> levers(ScenarioRequest request) {
        Setup s = setup(request);
        SimulationOptions options = request.options(Planner.DEFAULT_TRIALS, MAX_TRIALS).withThreads(threads);
        long cost = WhatIfCost.check(WhatIfCost.of(options.trials(), s.scenario(), WhatIfCost.LEVER_RUNS),
                limits.maxCost());
        return new Prepared<>(cost, () -> timed("levers",
                () -> Levers.evaluate(s.scenario(), s.calibration(), options, LeverSteps.defaults())));
    }

    /** Five thresholds around t, as {@code plan} sweeps them: half, three quarters, itself, one and a half, double. */
    static List<Double> around(double t) {
        List<Double> out = new ArrayList<>();
        for (double f : new double[] {0.5, 0.75, 1.0, 1.5, 2.0}) {
            double v = Math.round(t * f * 1000) / 1000.0;
            if (v > 0 && v < 1 && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private <T> T timed(String kind, Supplier<T> work) {
        return Timer.builder("leadscore.simulation.duration").tag("kind", kind)
                .description("Time to answer a what-if (simulate, plan, levers)").register(meters).record(work);
    }
}

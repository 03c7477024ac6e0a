package io.leadscore.app.web.whatif;

import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.planning.LeverReport;
import io.leadscore.simulator.planning.PlanResult;
import io.leadscore.simulator.whatif.ScenarioService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Simulate, plan and levers through the one {@link ScenarioService} the
 * command line uses (same defaults, same store basis, same sweep, same
 * output), with limits on the work one request may ask of a shared server:
 * at most {@link #MAX_TRIALS} trials, {@link #MAX_PLAN_TRIALS} per point of a
 * plan and {@link #MAX_SWEEP} values per sweep, and a cost within
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
    static final ScenarioService.Limits WEB = new ScenarioService.Limits(MAX_TRIALS, MAX_PLAN_TRIALS, MAX_SWEEP,
            " here (the command line takes more)");

    private final ScenarioService service = new ScenarioService(WEB);
    private final StoreBases stores;
    private final MeterRegistry meters;
    private final WhatIfLimits limits;
    private final int threads;

    WhatIf(StoreBases stores, MeterRegistry meters, WhatIfLimits limits, WhatIfPool pool) {
        this.stores = stores;
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

    /** @throws io.leadscore.scoring.domain.InvalidInputException naming the parameter out of its range, or the cost over the limit */
    public Prepared<SimulationResult> simulate(ScenarioRequest request) {
        return costed("simulate", service.simulate(request.parameters(threads), () -> stores.current()), 1);
    }

    /**
     * @param thresholds the sweep, or {@code null} for the default ({@link ScenarioService#defaultThresholds})
     * @param slaHours   the sweep, or {@code null} for {@link ScenarioService#DEFAULT_SLA_SWEEP}
     */
    public Prepared<PlanResult> plan(ScenarioRequest request, double confidence, List<Double> thresholds,
                                     List<Double> slaHours) {
        return costed("plan", service.plan(request.parameters(threads), () -> stores.current(), confidence, thresholds,
                slaHours), WhatIfCost.PLAN_RUNS_PER_POINT);
    }

    public Prepared<LeverReport> levers(ScenarioRequest request) {
        return costed("levers", service.levers(request.parameters(threads), () -> stores.current()), WhatIfCost.LEVER_RUNS);
    }

    private <T> Prepared<T> costed(String kind, ScenarioService.Prepared<T> prepared, int runsPerPoint) {
        long cost = WhatIfCost.check(WhatIfCost.of(prepared.options().trials(), prepared.setup().scenario(),
                prepared.setup().calibration(),
                (long) prepared.points() * runsPerPoint), limits.maxCost());
        return new Prepared<>(cost, () -> Timer.builder("leadscore.simulation.duration").tag("kind", kind)
                .description("Time to answer a what-if (simulate, plan, levers)").register(meters)
                .record(prepared::run));
    }
}

package io.leadscore.simulator.whatif;

import io.leadscore.scoring.domain.InvalidInputException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one way from a what-if as asked ({@link ScenarioParameters}) to its
 * answer, behind {@code simulate}, {@code plan} and the levers on the command
 * line and over HTTP alike: one set of defaults (the built-in ones, or the
 * store's policy, lead volume, team and a quota of last period's revenue plus
 * growth), one range check, one default sweep. The front doors differ only in
 * their {@link Limits} — a shared server allows less work per request — so the
 * same parameters and seed give the same numbers through either.
 *
 * <p>A what-if is checked and set up first ({@link Prepared}), so a caller can
 * cost it before computing it.
 */
public final class ScenarioService {
    /** The default SLA sweep of a plan, in hours. */
    public static final List<Double> DEFAULT_SLA_SWEEP = List.of(1.0, 4.0, 8.0, 24.0, 48.0);
    /** The default threshold sweep: these multiples of the scenario's threshold. */
    private static final double[] THRESHOLD_FACTORS = {0.5, 0.75, 1.0, 1.5, 2.0};

    /**
     * How much work one what-if may ask for through a front door.
     *
     * @param maxTrials     trials of one simulation, and of the levers
     * @param maxPlanTrials trials per point of a plan
     * @param maxSweep      thresholds, and as many SLA values, in a plan's sweep
     * @param note          said after a limit narrower than the range, e.g. {@code " here (the command line takes more)"}
     */
    public record Limits(int maxTrials, int maxPlanTrials, int maxSweep, String note) {
        /** The command line's: the ranges themselves ({@link ScenarioRanges}). */
        public static final Limits RANGES = new Limits((int) ScenarioRanges.TRIALS.max(),
                (int) ScenarioRanges.TRIALS.max(), (int) ScenarioRanges.SWEEP_SIZE.max(), "");

        public Limits {
            if (maxTrials < 1 || maxTrials > ScenarioRanges.TRIALS.max() || maxPlanTrials < 1
                    || maxPlanTrials > ScenarioRanges.TRIALS.max()) {
                throw new IllegalArgumentException("Invalid trial limits: " + maxTrials + " and " + maxPlanTrials
                        + ", expected " + ScenarioRanges.TRIALS.describe());
            }
            if (!ScenarioRanges.SWEEP_SIZE.contains(maxSweep)) {
                throw new IllegalArgumentException("Invalid sweep limit: " + maxSweep + ", expected "
                        + ScenarioRanges.SWEEP_SIZE.describe());
            }
        }
    }

    /** The scenario a what-if simulates and the calibration it is simulated with. */
    public record Setup(Scenario scenario, Calibration calibration) {
    }

    /**
     * A what-if that passed its checks, ready to compute.
     *
     * @param setup   its scenario and calibration
     * @param options its trials, seed and threads
     * @param points  the scenarios it simulates for each of its runs: one, or a plan's thresholds × SLA values
     * @param work    computes it
     */
    public record Prepared<T>(Setup setup, SimulationOptions options, int points, Supplier<T> work) {
        public T run() {
            return work.get();
        }
    }

    private final Limits limits;
    /** The policy a scenario over the built-in defaults starts from: the built-in one unless a config file sets one. */
    private final io.leadscore.scoring.policy.Policy basePolicy;

    public ScenarioService(Limits limits) {
        this(limits, null);
    }

    private ScenarioService(Limits limits, io.leadscore.scoring.policy.Policy basePolicy) {
        this.limits = limits;
        this.basePolicy = basePolicy;
    }

    /**
     * This service with scenarios over the built-in defaults starting from {@code policy} (a config file's) instead
     * of the built-in policy; a scenario calibrated from the store starts from the store's policy as before.
     *
     * @param policy the policy, or {@code null} for the built-in one
     */
    public ScenarioService withBasePolicy(io.leadscore.scoring.policy.Policy policy) {
        return policy == null ? this : new ScenarioService(limits, policy);
    }

    /**
     * @param store read only when the parameters ask for {@code calibrate-from-store}, after every check
     * @throws InvalidInputException naming a parameter out of its range, or values that do not go together
     */
    public Prepared<SimulationResult> simulate(ScenarioParameters parameters, Supplier<StoreBase> store) {
        Setup s = simulable(setup(parameters, store));
        SimulationOptions options = options(parameters, SimulationOptions.DEFAULT_TRIALS, limits.maxTrials());
        return new Prepared<>(s, options, 1, () -> Simulator.run(s.scenario(), s.calibration(), options));
    }

    /**
     * @param thresholds the sweep, or {@code null} or empty for {@link #defaultThresholds}
     * @param slaHours   the sweep, or {@code null} or empty for {@link #DEFAULT_SLA_SWEEP}
     * @throws InvalidInputException naming a parameter out of its range, or a sweep too long
     */
    public Prepared<PlanResult> plan(ScenarioParameters parameters, Supplier<StoreBase> store, double confidence,
                                     List<Double> thresholds, List<Double> slaHours) {
        parameters.check(ScenarioRanges.CONFIDENCE, confidence);
        checkSweep(parameters, "sweep-threshold", thresholds, ScenarioRanges.THRESHOLD);
        checkSweep(parameters, "sweep-sla-hours", slaHours, ScenarioRanges.SLA_HOURS);
        Setup s = setup(parameters, store);
        List<Double> t = thresholds == null || thresholds.isEmpty() ? defaultThresholds(s.scenario().threshold())
                : thresholds;
        List<Double> h = slaHours == null || slaHours.isEmpty() ? DEFAULT_SLA_SWEEP : slaHours;
        if (slaHours != null) {
            for (double hours : slaHours) {
                parameters.requireBeforeRecycling("sweep-sla-hours", hours, s.scenario().policy().recycleAfterDays());
            }
        }
        PlanRequest request;
        try {
            request = PlanRequest.of(confidence, t, h);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        SimulationOptions options = options(parameters, Planner.DEFAULT_TRIALS, limits.maxPlanTrials());
        return new Prepared<>(s, options, t.size() * h.size(),
                () -> Planner.plan(s.scenario(), s.calibration(), options, request));
    }

    /** @throws InvalidInputException naming a parameter out of its range */
    public Prepared<LeverReport> levers(ScenarioParameters parameters, Supplier<StoreBase> store) {
        Setup s = simulable(setup(parameters, store));
        SimulationOptions options = options(parameters, Planner.DEFAULT_TRIALS, limits.maxTrials());
        return new Prepared<>(s, options, 1,
                () -> Levers.evaluate(s.scenario(), s.calibration(), options, LeverSteps.defaults()));
    }

    /**
     * The setup, when one trial of it fits what can be simulated: more expected MQLs in a period than a trial holds
     * is the request's to change (a 400, exit 2), said before any trial runs, not a failure inside the run.
     *
     * @throws InvalidInputException saying which values to change
     */
    private static Setup simulable(Setup s) {
        double mqls = Simulator.expectedMqls(s.scenario(), s.calibration());
        if (mqls > Simulator.MAX_EXPECTED_MQLS) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "%,.0f expected MQLs in one period,"
                    + " at most %,.0f can be simulated: shorten the period, lower the leads per week or raise the"
                    + " threshold", mqls, Simulator.MAX_EXPECTED_MQLS));
        }
        return s;
    }

    /**
     * The scenario and calibration: the parameters over the built-in defaults, or, with
     * {@code calibrate-from-store}, over what the store says — its policy, its lead volume, its team (reps who
     * followed up leads in the period of the same length before the calibration time) and a quota of that
     * period's revenue plus growth ({@link Scenario#growthQuota}) — each unless the parameters give it.
     */
    public Setup setup(ScenarioParameters parameters, Supplier<StoreBase> store) {
        // everything the parameters say is checked before the store is read (seconds on a large store)
        Scenario defaults = basePolicy == null ? Scenario.defaults()
                : Scenario.defaults().toBuilder().policy(basePolicy).build();
        Scenario alone = parameters.over(defaults, !parameters.calibrateFromStore());
        if (!parameters.calibrateFromStore()) {
            return new Setup(alone, Calibration.defaults());
        }
        StoreBase base = store.get();
        Scenario.Builder b = Scenario.defaults().toBuilder().policy(base.policy());
        if (parameters.leadsPerWeek() == null) {
            base.leadsPerWeek().ifPresent(b::leadsPerWeek);
        }
        if (parameters.reps() == null || parameters.quota() == null) {
            StoreBase.LastPeriod last = base.lastPeriod(alone.periodDays());
            if (parameters.reps() == null) {
                last.reps().ifPresent(b::reps);
            }
            if (parameters.quota() == null) {
                Scenario.growthQuota(last.revenue()).ifPresent(b::quota);
            }
        }
        return new Setup(parameters.over(b.build()), base.calibration());
    }

    /**
     * Trials (the default given, at most the limit of one simulation), seed and threads, for a caller that runs
     * its own simulations of the store (a back-test).
     *
     * @throws InvalidInputException naming a parameter out of its range
     */
    public SimulationOptions options(ScenarioParameters parameters, int defaultTrials) {
        return options(parameters, defaultTrials, limits.maxTrials());
    }

    /** Trials (the default given, at most {@code maxTrials}), seed and threads. */
    private SimulationOptions options(ScenarioParameters parameters, int defaultTrials, int maxTrials) {
        parameters.checkRanges();
        int n = parameters.trials() == null ? defaultTrials : parameters.trials();
        if (n > maxTrials) {
            throw new InvalidInputException("Invalid " + parameters.name("trials") + ": " + n + ", expected 1 to "
                    + String.format(Locale.ROOT, "%,d", maxTrials) + limits.note());
        }
        SimulationOptions o = SimulationOptions.defaults().withTrials(n);
        if (parameters.seed() != null) {
            o = o.withSeed(parameters.seed());
        }
        return parameters.threads() == null ? o : o.withThreads(parameters.threads());
    }

    /** A sweep's size (within the range, and the limit here) and each of its values against their range. */
    private void checkSweep(ScenarioParameters parameters, String option, List<Double> values,
                            ScenarioRanges.Range range) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() > limits.maxSweep()) {
            throw new InvalidInputException(parameters.name(option) + ": " + values.size() + " values, expected 1 to "
                    + limits.maxSweep() + limits.note());
        }
        for (Double v : values) {
            if (v == null) {
                // "0.1,,0.2": an empty place in the list, which a number was meant to fill
                throw new InvalidInputException(parameters.name(option) + ": an empty value in the list " + values
                        .stream().map(x -> x == null ? "" : String.valueOf(x)).toList() + "; give numbers separated"
                        + " by commas");
            }
            parameters.check(option, range, v);
        }
    }

    /**
     * The default threshold sweep around {@code t}: half, three quarters, itself, one and a half and twice it,
     * on a 0.001 grid (a threshold need not lie on the threshold curve's 0.01 grid), those outside (0, 1) and
     * repeats left out. Relative steps reach as far around a low threshold as around a high one.
     */
    public static List<Double> defaultThresholds(double t) {
        List<Double> out = new ArrayList<>();
        for (double f : THRESHOLD_FACTORS) {
            double v = Math.round(t * f * 1000) / 1000.0;
            if (v > 0 && v < 1 && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}

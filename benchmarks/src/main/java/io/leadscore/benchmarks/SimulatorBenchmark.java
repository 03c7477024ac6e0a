package io.leadscore.benchmarks;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.LeadHistory;
import io.leadscore.simulator.calibration.OpenOpportunity;
import io.leadscore.simulator.calibration.StoreObservations;
import io.leadscore.simulator.random.SplitMixGenerator;
import io.leadscore.simulator.planning.PlanRequest;
import io.leadscore.simulator.planning.PlanResult;
import io.leadscore.simulator.planning.Planner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Monte Carlo quota simulation and the planner that inverts it.
 *
 * <ul>
 *   <li>{@link #simulateQuarter}: one 90-day quarter of the default scenario
 *       (500 leads a week, 3 reps with a rep queue, office hours) for
 *       {@code trials} trials on {@code threads} threads. The target is
 *       10,000 trials in at most one second on two cores.</li>
 *   <li>{@link #reverseFunnelBaseline}: the closed-form calculator for the same
 *       scenario, for scale: what the simulation adds over one division.</li>
 *   <li>{@link #planSweep}: a 5 × 5 sweep of thresholds and SLAs at 80%
 *       confidence, {@value Planner#DEFAULT_TRIALS} trials per point on two
 *       threads; the target is at most 30 seconds.</li>
 * </ul>
 * Every run uses a fixed seed, so each invocation does identical work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SimulatorBenchmark {

    @State(Scope.Benchmark)
    public static class Quarter {
        @Param({"1000", "10000"})
        int trials;

        @Param({"500", "2000"})
        double leadsPerWeek;

        @Param({"1", "2"})
        int threads;

        /** {@code defaults}: the textbook funnel; {@code paths}: calibrated by path on a two-year history. */
        @Param({"defaults", "paths"})
        String calibration;

        Scenario scenario;
        Calibration model;
        SimulationOptions options;

        @Setup
        public void setUp() {
            scenario = Scenario.defaults().withLeadsPerWeek(leadsPerWeek);
            model = calibration.equals("paths") ? byPath(leadsPerWeek) : Calibration.defaults();
            options = new SimulationOptions(trials, 20_240_601L, threads, SimulationOptions.DEFAULT_HISTOGRAM_BINS);
        }
    }

    /**
     * A calibration by path from a seeded two-year history of {@code leadsPerWeek} leads a week: 17.5% handed
     * off (the default MQL share, so both calibrations queue as many MQLs), deals through the hand-off and
     * around it over ten weeks of a lead's age, a third of them won after one to seven weeks, so each trial also
     * draws the deals around the hand-off of every day, the backlog of the older leads and the open pipeline.
     */
    static Calibration byPath(double leadsPerWeek) {
        SplitMixGenerator rng = new SplitMixGenerator(7);
        LeadHistory.Builder history = LeadHistory.builder();
        int leads = (int) (leadsPerWeek * 104);
        java.util.List<OpenOpportunity> open = new java.util.ArrayList<>();
        for (int i = 0; i < leads; i++) {
            double created = 728 * rng.nextDouble();
            boolean handed = rng.nextDouble() < 0.175;
            double followUp = handed && rng.nextDouble() < 0.8 ? Math.max(0, created - 0.2) : Double.NaN;
            double opened = Double.NaN;
            if (rng.nextDouble() < (handed ? 0.12 : 0.04)) {
                double at = created - 70 * rng.nextDouble();
                opened = at >= 0 ? at : Double.NaN;
            }
            LeadHistory.DealState state = LeadHistory.DealState.NONE;
            double closed = Double.NaN;
            double amount = Double.NaN;
            if (!Double.isNaN(opened)) {
                boolean won = rng.nextDouble() < 0.33;
                double end = opened - 7 * (1 + 6 * rng.nextDouble());
                amount = 5_000 + 95_000 * rng.nextDouble();
                state = end < 0 ? LeadHistory.DealState.OPEN : won ? LeadHistory.DealState.WON : LeadHistory.DealState.LOST;
                closed = end < 0 ? Double.NaN : end;
                if (end < 0) {
                    open.add(new OpenOpportunity(opened, amount));
                }
            }
            if (handed && !Double.isNaN(followUp) && !Double.isNaN(opened) && followUp < opened) {
                followUp = opened;
            }
            int reach = state == LeadHistory.DealState.WON ? 5 : !Double.isNaN(opened) ? 4 : !Double.isNaN(followUp) ? 2
                    : handed ? 1 : 0;
            history.add(created, handed ? created : Double.NaN, followUp, opened, state, closed, amount, reach);
        }
        return Calibration.fromObservations(StoreObservations.builder().leadHistory(history.build())
                .openOpportunities(open).build());
    }

    @State(Scope.Benchmark)
    public static class Sweep {
        Scenario scenario;
        Calibration calibration;
        SimulationOptions options;
        PlanRequest request;

        @Setup
        public void setUp() {
            scenario = Scenario.defaults();
            calibration = Calibration.defaults();
            options = new SimulationOptions(Planner.DEFAULT_TRIALS, 20_240_601L, 2, SimulationOptions.DEFAULT_HISTOGRAM_BINS);
            request = PlanRequest.of(0.8, List.of(0.05, 0.10, 0.15, 0.20, 0.30), List.of(1.0, 4.0, 8.0, 24.0, 48.0));
        }
    }

    @Benchmark
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 3)
    public SimulationResult simulateQuarter(Quarter q) {
        return Simulator.run(q.scenario, q.model, q.options);
    }

    @Benchmark
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double reverseFunnelBaseline(Quarter q) {
        // Required leads = quota / (mean deal × share above threshold × Π stage rates), per the calculators.
        Calibration c = q.model;
        double perLead = c.dealSize().mean() * c.scores().shareAtOrAbove(q.scenario.threshold()) * c.rates().meanProduct();
        return q.scenario.quota() / perLead;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public PlanResult planSweep(Sweep s) {
        return Planner.plan(s.scenario, s.calibration, s.options, s.request);
    }
}

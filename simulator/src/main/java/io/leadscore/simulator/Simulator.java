package io.leadscore.simulator;

import io.leadscore.simulator.calibration.Calibration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the Monte Carlo model of one quota period.
 *
 * <p>Reproducibility: trial i draws every random number from streams keyed by
 * (seed, i, component, day, draw), never from a shared generator, and writes
 * only its own result slots; aggregates are summed in trial order afterwards.
 * The same scenario, calibration, seed and trial count therefore give the same
 * result bit for bit, whatever the thread count. Two scenarios run with the
 * same seed share their random numbers (common random numbers), so their
 * difference is measured with far less noise than two independent runs.
 */
public final class Simulator {

    /** Trials handed to a worker at a time. */
    private static final int BLOCK = 32;

    /** The largest expected number of MQLs per period a scenario may have (memory per trial grows with it). */
    public static final double MAX_EXPECTED_MQLS = TrialModel.MAX_EXPECTED_MQLS_PER_TRIAL;

    private Simulator() {
    }

    /**
     * Simulates {@code options.trials()} independent quota periods.
     *
     * <p>Cancellable: when the calling thread is interrupted, the trials stop within a block of trials and a
     * {@link CancellationException} is thrown (the interrupt stays set), so a server can give up work whose
     * client went away.
     *
     * @throws IllegalArgumentException when the scenario and calibration do not fit together
     *                                  (seasonality without a start date, an impossibly large trial)
     * @throws CancellationException    when the calling thread was interrupted
     */
    public static SimulationResult run(Scenario scenario, Calibration calibration, SimulationOptions options) {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(options, "options");
        TrialModel model = new TrialModel(scenario, calibration);
        TrialResults results = new TrialResults(options.trials());
        execute(model, options, results);
        return SimulationResult.of(scenario, calibration, options, model, results);
    }

    /**
     * The expected leads of one period for the scenario: weekly volume × the
     * arrival pattern's weekday and monthly weights summed over the days.
     */
    public static double expectedLeads(Scenario scenario, Calibration calibration) {
        return scenario.leadsPerWeek() * TrialModel.leadsPerWeeklyLead(scenario, calibration);
    }

    /** The expected MQLs of one period: expected leads × the share of scores at or above the threshold. */
    public static double expectedMqls(Scenario scenario, Calibration calibration) {
        return expectedLeads(scenario, calibration) * calibration.mqlShare(scenario.threshold());
    }

    private static void execute(TrialModel model, SimulationOptions options, TrialResults results) {
        int trials = options.trials();
        int threads = Math.min(options.threads(), (trials + BLOCK - 1) / BLOCK);
        Thread caller = Thread.currentThread();
        if (threads <= 1) {
            TrialEngine engine = new TrialEngine(model, options.seed());
            for (int t = 0; t < trials; t++) {
                if (t % BLOCK == 0 && caller.isInterrupted()) {
                    throw cancelled();
                }
                engine.run(t, results);
            }
            return;
        }
        AtomicInteger nextBlock = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            TrialEngine engine = new TrialEngine(model, options.seed());
            try {
                while (failure.get() == null) {
                    if (caller.isInterrupted()) {
                        failure.compareAndSet(null, cancelled());
                        return;
                    }
                    int from = nextBlock.getAndIncrement() * BLOCK;
                    if (from >= trials) {
                        return;
                    }
                    int to = Math.min(trials, from + BLOCK);
                    for (int t = from; t < to; t++) {
                        engine.run(t, results);
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        Thread[] pool = new Thread[threads - 1];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new Thread(worker, "leadscore-simulator-" + (i + 1));
            pool[i].setDaemon(true);
            pool[i].start();
        }
        worker.run();
        boolean interrupted = false;
        for (Thread thread : pool) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // the workers see the interrupt at their next block; wait for them to stop
                    interrupted = true;
                    failure.compareAndSet(null, cancelled());
                }
            }
        }
        if (interrupted) {
            caller.interrupt();
        }
        // Results written by the joined threads are visible here: Thread.join is a happens-before edge.
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("Simulation failed", e);
        }
    }

    private static CancellationException cancelled() {
        return new CancellationException("The simulation was cancelled");
    }
}

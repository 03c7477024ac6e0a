package io.leadscore.simulator;

/**
 * How a simulation is run; none of these changes what a trial computes, only
 * how many trials there are and which random numbers they use.
 *
 * @param trials        number of Monte Carlo trials, 1 to 10,000,000
 * @param seed          the seed every trial's random streams derive from
 * @param threads       worker threads, &ge; 1; the result is identical for any value
 * @param histogramBins about how many revenue histogram bins, 1 to 200
 */
public record SimulationOptions(int trials, long seed, int threads, int histogramBins) {

    /**
     * Trials by default: the Monte Carlo standard error of the chance of
     * reaching quota is at most 0.5/√n = 0.8 percentage points, and a default
     * run stays well inside the command line's two-second budget.
     */
    public static final int DEFAULT_TRIALS = 4_000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_HISTOGRAM_BINS = 20;

    public SimulationOptions {
        if (trials < 1 || trials > 10_000_000) {
            throw new IllegalArgumentException("Invalid trials: " + trials + ", expected 1 to 10,000,000");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid threads: " + threads + ", expected >= 1");
        }
        if (histogramBins < 1 || histogramBins > 200) {
            throw new IllegalArgumentException("Invalid histogram bins: " + histogramBins + ", expected 1 to 200");
        }
    }

    /** The defaults, with one thread per available processor. */
    public static SimulationOptions defaults() {
        return new SimulationOptions(DEFAULT_TRIALS, DEFAULT_SEED, Runtime.getRuntime().availableProcessors(),
                DEFAULT_HISTOGRAM_BINS);
    }

    public SimulationOptions withTrials(int n) {
        return new SimulationOptions(n, seed, threads, histogramBins);
    }

    public SimulationOptions withSeed(long s) {
        return new SimulationOptions(trials, s, threads, histogramBins);
    }

    public SimulationOptions withThreads(int n) {
        return new SimulationOptions(trials, seed, n, histogramBins);
    }

    public SimulationOptions withHistogramBins(int n) {
        return new SimulationOptions(trials, seed, threads, n);
    }
}

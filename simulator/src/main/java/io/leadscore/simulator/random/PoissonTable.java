package io.leadscore.simulator.random;

import java.util.Arrays;

/**
 * The Poisson inverse distribution function for one fixed mean, tabulated
 * once and then looked up by binary search. The simulator builds one per
 * distinct daily arrival mean of a run (day-of-week and month weights give at
 * most a few dozen), which turns the per-day arrival draw into a lookup. The
 * table gives the same k as {@link DiscreteQuantiles#poisson} except when u
 * lies within round-off (about 1e-15) of a distribution-function value.
 */
public final class PoissonTable {

    private final double mean;
    private final int first;
    private final double[] cdf;

    /** Tabulates Poisson(mean), mean 0 to 1e6. */
    public PoissonTable(double mean) {
        if (!(mean >= 0 && mean <= 1e6)) {
            throw new IllegalArgumentException("Invalid Poisson mean for a table: " + mean + ", expected 0 to 1e6");
        }
        this.mean = mean;
        if (mean == 0) {
            first = 0;
            cdf = new double[] {1.0};
            return;
        }
        int mode = (int) Math.floor(mean);
        int lo = mode;
        double w = 1;
        while (lo > 0) {
            double next = w * lo / mean;
            if (next < 1e-17) {
                break;
            }
            w = next;
            lo--;
        }
        int hi = mode;
        w = 1;
        while (true) {
            double next = w * mean / (hi + 1);
            if (next < 1e-17) {
                break;
            }
            w = next;
            hi++;
        }
        double[] weights = new double[hi - lo + 1];
        weights[mode - lo] = 1;
        for (int k = mode; k > lo; k--) {
            weights[k - 1 - lo] = weights[k - lo] * k / mean;
        }
        for (int k = mode; k < hi; k++) {
            weights[k + 1 - lo] = weights[k - lo] * mean / (k + 1);
        }
        double total = 0;
        for (double v : weights) {
            total += v;
        }
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            weights[i] = running / total;
        }
        weights[weights.length - 1] = 1.0;
        first = lo;
        cdf = weights;
    }

    public double mean() {
        return mean;
    }

    /** The smallest k with F(k) &ge; u, for u in (0, 1). */
    public int inverse(double u) {
        if (!(u > 0 && u < 1)) {
            throw new IllegalArgumentException("Invalid uniform: " + u + ", expected a number strictly between 0 and 1");
        }
        int i = Arrays.binarySearch(cdf, u);
        if (i < 0) {
            i = -i - 1;
        }
        return first + i;
    }
}

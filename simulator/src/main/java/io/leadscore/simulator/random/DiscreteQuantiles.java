package io.leadscore.simulator.random;

/**
 * Exact inverse distribution functions of the Poisson and binomial
 * distributions: the smallest k with F(k) &ge; u.
 *
 * <p>Why inversion rather than a fast rejection sampler: with the uniform u
 * held fixed, the inverse is non-decreasing in the mean (Poisson) and in the
 * number of trials (binomial), so two scenarios that differ only in lead
 * volume see nested arrival counts. That coupling is what makes "more leads
 * never lowers attainment" a pathwise property and lets the planner search
 * over volume monotonically (common random numbers).
 *
 * <p>Cost: small means walk up from zero (O(mean) multiplications, no
 * logarithms); larger ones sum unnormalised probability ratios outward from
 * the mode over about ±9 standard deviations (O(√mean)), then normalise by
 * that sum, which avoids the round-off of evaluating a large-argument log
 * gamma. Mass beyond the truncation is below 1e-17 of the mode's.
 */
public final class DiscreteQuantiles {

    /** Means below this walk up from zero; e^-30 is far from underflow. */
    static final double SMALL_MEAN = 30;
    private static final double TAIL = 1e-17;
    private static final double MAX_MEAN = 1e9;

    private DiscreteQuantiles() {
    }

    /**
     * The u-quantile of Poisson(mean).
     *
     * @param u    a probability in (0, 1)
     * @param mean the Poisson mean, 0 to 1e9
     */
    public static int poisson(double u, double mean) {
        checkU(u);
        if (!(mean >= 0 && mean <= MAX_MEAN)) {
            throw new IllegalArgumentException("Invalid Poisson mean: " + mean + ", expected 0 to " + MAX_MEAN);
        }
        if (mean == 0) {
            return 0;
        }
        if (mean < SMALL_MEAN) {
            double p = Math.exp(-mean);
            double cdf = p;
            int k = 0;
            int limit = (int) (mean + 40 * Math.sqrt(mean) + 40);
            while (cdf < u && k < limit) {
                k++;
                p *= mean / k;
                cdf += p;
            }
            return k;
        }
        int mode = (int) Math.floor(mean);
        // Unnormalised weights w(k) = p(k) / p(mode).
        double lower = 0;
        double w = 1;
        int lo = mode;
        while (lo > 0) {
            w *= lo / mean;
            if (w < TAIL) {
                break;
            }
            lower += w;
            lo--;
        }
        double upper = 0;
        w = 1;
        int k = mode;
        while (true) {
            k++;
            w *= mean / k;
            if (w < TAIL) {
                break;
            }
            upper += w;
        }
        double total = lower + 1 + upper;
        double target = u * total;
        double cdfAtMode = lower + 1;
        if (target <= cdfAtMode) {
            // Walk down: F(k-1) = F(k) - w(k), while F(k-1) still covers the target.
            double cdf = cdfAtMode;
            w = 1;
            k = mode;
            while (k > 0) {
                double below = cdf - w;
                if (below < target) {
                    break;
                }
                cdf = below;
                w *= k / mean;
                k--;
            }
            return k;
        }
        double cdf = cdfAtMode;
        w = 1;
        k = mode;
        while (cdf < target) {
            k++;
            w *= mean / k;
            if (w < TAIL) {
                break;
            }
            cdf += w;
        }
        return k;
    }

    /**
     * The u-quantile of Binomial(n, p).
     *
     * @param u a probability in (0, 1)
     * @param n the number of trials, &ge; 0
     * @param p the success probability, 0..1
     */
    public static int binomial(double u, int n, double p) {
        checkU(u);
        if (n < 0) {
            throw new IllegalArgumentException("Invalid binomial trials: " + n + ", expected >= 0");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Invalid binomial probability: " + p + ", expected 0..1");
        }
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p == 1) {
            return n;
        }
        double odds = p / (1 - p);
        double logP0 = n * Math.log1p(-p);
        if (n * p < SMALL_MEAN && logP0 > -600) {
            double pk = Math.exp(logP0);
            double cdf = pk;
            int k = 0;
            while (cdf < u && k < n) {
                pk *= (double) (n - k) / (k + 1) * odds;
                k++;
                cdf += pk;
            }
            return k;
        }
        int mode = (int) Math.min(n, Math.floor((n + 1) * p));
        double lower = 0;
        double w = 1;
        int lo = mode;
        while (lo > 0) {
            w *= lo / ((n - lo + 1) * odds);
            if (w < TAIL) {
                break;
            }
            lower += w;
            lo--;
        }
        double upper = 0;
        w = 1;
        int k = mode;
        while (k < n) {
            w *= (double) (n - k) / (k + 1) * odds;
            k++;
            if (w < TAIL) {
                break;
            }
            upper += w;
        }
        double total = lower + 1 + upper;
        double target = u * total;
        double cdfAtMode = lower + 1;
        if (target <= cdfAtMode) {
            double cdf = cdfAtMode;
            w = 1;
            k = mode;
            while (k > 0) {
                double below = cdf - w;
                if (below < target) {
                    break;
                }
                cdf = below;
                w *= k / ((n - k + 1) * odds);
                k--;
            }
            return k;
        }
        double cdf = cdfAtMode;
        w = 1;
        k = mode;
        while (cdf < target && k < n) {
            w *= (double) (n - k) / (k + 1) * odds;
            k++;
            if (w < TAIL) {
                break;
            }
            cdf += w;
        }
        return k;
    }

    private static void checkU(double u) {
        if (!(u > 0 && u < 1)) {
            throw new IllegalArgumentException("Invalid uniform: " + u + ", expected a number strictly between 0 and 1");
        }
    }
}

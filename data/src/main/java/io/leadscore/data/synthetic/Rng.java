package io.leadscore.data.synthetic;

/**
 * The generator's random source: SplitMix64 (Steele, Lea, Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014) and the few
 * distributions the world needs.
 *
 * <p>Written out here rather than taken from {@code java.util.SplittableRandom}
 * or commons-math so that a seed maps to the same numbers on every JDK: the
 * JDK's Gaussian and the shortest-repr changes between releases must never
 * change a generated file. For the same reason every transcendental function
 * goes through {@link StrictMath} (fdlibm results, bit for bit on every
 * platform), not {@link Math}, whose intrinsics may differ in the last place.
 */
final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    Rng(long seed) {
        reseed(seed);
    }

    /** Restarts the stream; the per-lead streams are {@code reseed(stream(seed, leadIndex))}. */
    void reseed(long seed) {
        state = seed;
        hasSpareGaussian = false;
    }

    /** A well-mixed seed for sub-stream {@code index} of {@code seed}, so neighbouring leads do not share patterns. */
    static long stream(long seed, long index) {
        return mix64(mix64(seed + GOLDEN_GAMMA) ^ (index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * uniform();
    }

    /** Uniform integer in [0, bound), {@code bound > 0}, without modulo bias. */
    int nextInt(int bound) {
        long r = nextLong() >>> 33;
        long limit = (1L << 31) - ((1L << 31) % bound);
        while (r >= limit) {
            r = nextLong() >>> 33;
        }
        return (int) (r % bound);
    }

    boolean chance(double p) {
        return uniform() < p;
    }

    /** Standard normal, by Marsaglia's polar method. */
    double gaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * uniform() - 1;
            v = 2 * uniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpareGaussian = true;
        return u * factor;
    }

    double gaussian(double mean, double sd) {
        return mean + sd * gaussian();
    }

    /** Lognormal with the given median and log-scale standard deviation. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1 - uniform());
    }

    /**
     * Poisson. Knuth's multiplication method on chunks of mean at most 30
     * (a Poisson sum of Poissons is Poisson), exact at any mean and fast at the
     * small means the world uses.
     */
    int poisson(double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        int total = 0;
        double left = mean;
        while (left > 0) {
            double chunk = Math.min(left, 30);
            left -= chunk;
            double limit = StrictMath.exp(-chunk);
            double product = uniform();
            while (product > limit) {
                total++;
                product *= uniform();
            }
        }
        return total;
    }

    /** An index drawn with probability proportional to {@code cumulative[i] - cumulative[i-1]}. */
    int pick(double[] cumulative) {
        double target = uniform() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Running sums of {@code weights}, the form {@link #pick(double[])} takes. */
    static double[] cumulative(double... weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0)) {
                throw new IllegalArgumentException("Invalid weight at " + i + ": " + weights[i] + ", expected >= 0");
            }
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    static double logistic(double x) {
        return 1 / (1 + StrictMath.exp(-x));
    }
}

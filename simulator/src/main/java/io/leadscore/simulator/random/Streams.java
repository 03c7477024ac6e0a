package io.leadscore.simulator.random;

/**
 * Counter-based uniform random numbers: {@code uniform(key, index)} is a pure
 * function, so a draw can be addressed directly by (trial, component, day,
 * draw index) instead of depending on how many numbers were taken before it.
 *
 * <p>The mixing function is the finaliser of SplitMix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014), whose output
 * over consecutive counters passes BigCrush. Keys are derived by mixing twice,
 * so keys of different trials or components are unrelated 64-bit values rather
 * than neighbours on one counter line.
 */
public final class Streams {

    /** The odd increment of SplitMix64 (2^64 divided by the golden ratio). */
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private Streams() {
    }

    /** Stafford's "Mix13" 64-bit finaliser, a bijection on {@code long}. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The key of one trial of a run seeded with {@code seed}. */
    public static long trialKey(long seed, long trial) {
        return mix64(mix64(seed) ^ (trial * GOLDEN_GAMMA));
    }

    /** A child key: distinct {@code child} values under one parent give unrelated keys. */
    public static long childKey(long parent, long child) {
        return mix64(parent ^ mix64((child + 1) * GOLDEN_GAMMA));
    }

    /**
     * The {@code index}-th uniform number of the stream {@code key}, strictly
     * inside (0, 1) so that inverse distribution functions never see 0 or 1.
     */
    public static double uniform(long key, long index) {
        long bits = mix64(key + (index + 1) * GOLDEN_GAMMA);
        return ((bits >>> 11) + 0.5) * UNIT;
    }
}

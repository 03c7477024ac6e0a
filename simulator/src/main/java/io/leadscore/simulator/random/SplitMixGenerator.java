package io.leadscore.simulator.random;

import org.apache.commons.math3.random.BitsStreamGenerator;

/**
 * A sequential SplitMix64 generator behind commons-math's
 * {@link org.apache.commons.math3.random.RandomGenerator} interface, so that
 * commons-math samplers (Beta, Gamma) draw from a stream derived from a
 * simulator key rather than from a global or time-based seed.
 */
public final class SplitMixGenerator extends BitsStreamGenerator {

    private static final long serialVersionUID = 1L;

    private long state;

    /** A generator whose stream is fully determined by {@code key}. */
    public SplitMixGenerator(long key) {
        this.state = key;
    }

    @Override
    public void setSeed(int seed) {
        setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
        long s = 0;
        for (int v : seed) {
            s = Streams.mix64(s ^ v);
        }
        setSeed(s);
    }

    @Override
    public void setSeed(long seed) {
        state = seed;
        clear();
    }

    @Override
    protected int next(int bits) {
        return (int) (nextRaw() >>> (64 - bits));
    }

    @Override
    public long nextLong() {
        return nextRaw();
    }

    @Override
    public double nextDouble() {
        return (nextRaw() >>> 11) * 0x1.0p-53;
    }

    private long nextRaw() {
        state += Streams.GOLDEN_GAMMA;
        return Streams.mix64(state);
    }
}

package io.leadscore.simulator.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

class StreamsTest {

    @Test
    void uniformsAreStrictlyInsideTheUnitIntervalAndRepeatable() {
        long key = Streams.childKey(Streams.trialKey(7, 3), 5);
        for (long i = 0; i < 10_000; i++) {
            double u = Streams.uniform(key, i);
            assertThat(u).isGreaterThan(0).isLessThan(1);
            assertThat(Streams.uniform(key, i)).isEqualTo(u);
        }
    }

    @Test
    void trialAndChildKeysAreDistinct() {
        Set<Long> keys = new HashSet<>();
        for (int trial = 0; trial < 1_000; trial++) {
            long t = Streams.trialKey(42, trial);
            assertThat(keys.add(t)).isTrue();
            for (int c = 0; c < 20; c++) {
                assertThat(keys.add(Streams.childKey(t, c))).isTrue();
            }
        }
    }

    @Test
    void uniformsPassAChiSquareTestOnTwentyBins() {
        // 100,000 draws in 20 equal bins: 5,000 expected per bin; reject only at the 0.1% level.
        long key = Streams.childKey(Streams.trialKey(1, 0), 16);
        long[] bins = new long[20];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            bins[(int) (Streams.uniform(key, i) * 20)]++;
        }
        double chi = 0;
        for (long b : bins) {
            chi += (b - n / 20.0) * (b - n / 20.0) / (n / 20.0);
        }
        assertThat(chi).isLessThan(new ChiSquaredDistribution(null, 19).inverseCumulativeProbability(0.999));
    }

    @Test
    void neighbouringStreamsAreUncorrelated() {
        // Pearson correlation of the same indices in two child streams: |r| < 4/sqrt(n) (four standard errors).
        long a = Streams.childKey(Streams.trialKey(9, 0), 16);
        long b = Streams.childKey(Streams.trialKey(9, 0), 17);
        int n = 50_000;
        double sa = 0, sb = 0, sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < n; i++) {
            double x = Streams.uniform(a, i);
            double y = Streams.uniform(b, i);
            sa += x;
            sb += y;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        double r = cov / Math.sqrt((saa / n - (sa / n) * (sa / n)) * (sbb / n - (sb / n) * (sb / n)));
        assertThat(Math.abs(r)).isLessThan(4 / Math.sqrt(n));
    }

    @Test
    void splitMixGeneratorIsDeterministicPerKey() {
        SplitMixGenerator a = new SplitMixGenerator(123);
        SplitMixGenerator b = new SplitMixGenerator(123);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextDouble()).isEqualTo(b.nextDouble());
        }
        assertThat(new SplitMixGenerator(124).nextLong()).isNotEqualTo(new SplitMixGenerator(123).nextLong());
    }
}

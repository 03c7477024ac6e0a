package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RngTest {
    private static final int DRAWS = 40_000;

    @Test
    void sameSeedGivesTheSameSequence() {
        Rng a = new Rng(99);
        Rng b = new Rng(99);
        for (int i = 0; i < 100; i++) {
            assertThat(a.nextLong()).isEqualTo(b.nextLong());
        }
    }

    @Test
    void splitMixMatchesItsReferenceOutput() {
        // First outputs of SplitMix64 seeded with 0 (Vigna's reference splitmix64.c).
        Rng rng = new Rng(0);
        assertThat(rng.nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(rng.nextLong()).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void neighbouringStreamsDiffer() {
        assertThat(Rng.stream(42, 0)).isNotEqualTo(Rng.stream(42, 1)).isNotEqualTo(Rng.stream(43, 0));
        assertThat(new Rng(Rng.stream(42, 0)).nextLong()).isNotEqualTo(new Rng(Rng.stream(42, 1)).nextLong());
    }

    @Test
    void uniformStaysInItsInterval() {
        Rng rng = new Rng(1);
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            double u = rng.uniform();
            assertThat(u).isGreaterThanOrEqualTo(0).isLessThan(1);
            sum += u;
        }
        // Mean 1/2, sd of the mean sqrt(1/12 / n) ≈ 0.0014.
        assertThat(sum / DRAWS).isCloseTo(0.5, within(0.006));
    }

    @Test
    void nextIntIsUniformOverItsBound() {
        Rng rng = new Rng(2);
        int[] counts = new int[7];
        for (int i = 0; i < DRAWS * 7; i++) {
            counts[rng.nextInt(7)]++;
        }
        // Chi-square with 6 degrees of freedom: 22.5 is the 0.1% critical value.
        double chiSquare = 0;
        for (int count : counts) {
            chiSquare += Math.pow(count - DRAWS, 2) / DRAWS;
        }
        assertThat(chiSquare).isLessThan(22.5);
    }

    @Test
    void gaussianHasMeanZeroAndUnitVariance() {
        Rng rng = new Rng(3);
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double z = rng.gaussian();
            sum += z;
            sumSquares += z * z;
        }
        double mean = sum / DRAWS;
        // sd of the mean 1/sqrt(n) = 0.005; sd of the variance estimate sqrt(2/n) ≈ 0.007.
        assertThat(mean).isCloseTo(0, within(0.02));
        assertThat(sumSquares / DRAWS - mean * mean).isCloseTo(1, within(0.03));
    }

    @Test
    void poissonMeanMatchesAtSmallAndLargeMeans() {
        Rng rng = new Rng(4);
        for (double mean : new double[] {0.3, 3.5, 45}) {
            double sum = 0;
            for (int i = 0; i < DRAWS; i++) {
                sum += rng.poisson(mean);
            }
            // sd of the sample mean sqrt(mean / n); allow four.
            assertThat(sum / DRAWS).as("mean %s", mean).isCloseTo(mean, within(4 * Math.sqrt(mean / DRAWS)));
        }
        assertThat(rng.poisson(0)).isZero();
    }

    @Test
    void logNormalHasTheGivenMedian() {
        Rng rng = new Rng(6);
        int below = 0;
        for (int i = 0; i < DRAWS; i++) {
            below += rng.logNormal(20, 0.3) < 20 ? 1 : 0;
        }
        // Half below the median; sd of the share 0.0025.
        assertThat(below / (double) DRAWS).isCloseTo(0.5, within(0.01));
    }

    @Test
    void pickFollowsTheWeights() {
        Rng rng = new Rng(7);
        double[] cumulative = Rng.cumulative(1, 0, 3);
        int[] counts = new int[3];
        for (int i = 0; i < DRAWS; i++) {
            counts[rng.pick(cumulative)]++;
        }
        assertThat(counts[1]).isZero();
        // Expected share 0.75, sd 0.0022.
        assertThat(counts[2] / (double) DRAWS).isCloseTo(0.75, within(0.01));
    }
}

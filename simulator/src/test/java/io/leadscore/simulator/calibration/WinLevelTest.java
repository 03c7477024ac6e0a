package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.simulator.random.DiscreteQuantiles;
import io.leadscore.simulator.random.NormalQuantile;
import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Test;

class WinLevelTest {

    /**
     * Weekly wins: a ramp from nothing over the first {@code rampWeeks}, then a mean of 10 a week times a factor
     * that holds for each quarter.
     */
    private static long[] wins(int weeks, double quarterSd, long seed) {
        return wins(weeks, quarterSd, seed, 20);
    }

    private static long[] wins(int weeks, double quarterSd, long seed, int rampWeeks) {
        long key = Streams.childKey(seed, 7);
        long[] counts = new long[weeks];
        double factor = 1;
        for (int w = 0; w < weeks; w++) {
            if (w % 13 == 0) {
                factor = Math.exp(quarterSd * NormalQuantile.inverse(Streams.uniform(key, 1_000_000L + w)));
            }
            double ramp = Math.min(1, (w + 1.0) / rampWeeks);
            counts[w] = DiscreteQuantiles.poisson(Streams.uniform(key, w), 10 * ramp * factor);
        }
        return counts;
    }

    /** The mean measured error over 20 histories of the kind (one history's is noisy: its quarters are few). */
    private static double meanError(double quarterSd, int rampWeeks) {
        double sum = 0;
        for (long seed = 1; seed <= 20; seed++) {
            sum += WinLevel.measure(wins(160, quarterSd, seed, rampWeeks)).sd();
        }
        return sum / 20;
    }

    @Test
    void steadyWinsStrayOnlyByChance() {
        WinLevel level = WinLevel.measure(wins(160, 0, 1));
        assertThat(level.measured()).isTrue();
        assertThat(level.note()).contains("at 96 weeks of 160");
        assertThat(meanError(0, 20)).isLessThan(0.07);
    }

    @Test
    void quartersThatRunHotOrColdAreMeasured() {
        // each quarter's level is exp(0.25 Z); a quarter against the half year before it strays by about
        // 0.25 * sqrt(1 + 1/2) in log, less where the horizon straddles two quarters
        assertThat(meanError(0.25, 20)).isBetween(0.15, 0.35);
    }

    @Test
    void theRampOfAYoungHistoryIsNotAMiss() {
        // wins grow from nothing over the first half year: in a level, they would look like huge misses
        assertThat(meanError(0, WinLevel.RAMP_WEEKS)).isLessThan(0.07);
        // the same ramp stretched past the weeks left out is seen as a history whose wins kept growing
        assertThat(meanError(0, 3 * WinLevel.RAMP_WEEKS)).isGreaterThan(0.1);
    }

    @Test
    void aShortHistoryGetsTheDefault() {
        WinLevel level = WinLevel.measure(wins(70, 0.25, 4));
        assertThat(level.measured()).isFalse();
        assertThat(level.sd()).isEqualTo(WinLevel.DEFAULT_SD);
        assertThat(level.note()).startsWith("default 15.0%: fewer than 72 weeks of wins");
        assertThat(WinLevel.none().sd()).isZero();
    }

    @Test
    void winsTooFewToShowALevelErrorGetTheDefaultNotZero() {
        // one win a week: chance alone moves a quarter's 13 by about 34%, so steady or not, the measurement cannot
        // tell an error under the default from none (it came out at zero on a thin store's history)
        long[] thin = wins(160, 0, 3);
        for (int w = 0; w < thin.length; w++) {
            thin[w] = DiscreteQuantiles.poisson(Streams.uniform(Streams.childKey(3, 9), w), 1.0);
        }
        WinLevel level = WinLevel.measure(thin);
        assertThat(level.measured()).isFalse();
        assertThat(level.sd()).isEqualTo(WinLevel.DEFAULT_SD);
        assertThat(level.note()).startsWith("default 15.0%: measured").contains("chance alone moves so few wins by");
        // ten a week are enough: a steady level measures below the default, and stays measured
        WinLevel rich = WinLevel.measure(wins(160, 0, 1));
        assertThat(rich.measured()).isTrue();
        assertThat(rich.sd()).isLessThan(WinLevel.DEFAULT_SD);
    }

    @Test
    void refusesAnInvalidError() {
        assertThatThrownBy(() -> new WinLevel(Double.NaN, true, "x")).hasMessageContaining("Invalid deal level error");
        assertThatThrownBy(() -> new WinLevel(-0.1, true, "x")).hasMessageContaining("Invalid deal level error");
    }
}

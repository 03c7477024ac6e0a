package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.DiscreteQuantiles;
import io.leadscore.simulator.random.Streams;
import org.junit.jupiter.api.Test;

class ArrivalPatternTest {

    @Test
    void poissonWeeksStayPoisson() {
        int[] weeks = new int[52];
        for (int i = 0; i < weeks.length; i++) {
            weeks[i] = DiscreteQuantiles.poisson(Streams.uniform(Streams.childKey(1, 1), i), 500);
        }
        ArrivalPattern fit = ArrivalPattern.fitWeeklyCounts(weeks, Defaults.arrivals());
        assertThat(fit.isPoisson()).isTrue();
        assertThat(fit.observedLeadsPerWeek()).isCloseTo(500, within(4 * Math.sqrt(500.0 / 52)));
        assertThat(fit.provenance().note()).startsWith("Poisson: 52 weeks");
    }

    @Test
    void overDispersedWeeksBecomeNegativeBinomial() {
        // Weekly means vary by a Gamma(4, 1/4) factor: variance 500 + 500^2/4, so r is about 4.
        int[] weeks = new int[104];
        long key = Streams.childKey(2, 2);
        for (int i = 0; i < weeks.length; i++) {
            double factor = new org.apache.commons.math3.distribution.GammaDistribution(null, 4, 0.25)
                    .inverseCumulativeProbability(Streams.uniform(key, 2L * i));
            weeks[i] = DiscreteQuantiles.poisson(Streams.uniform(key, 2L * i + 1), 500 * factor);
        }
        ArrivalPattern fit = ArrivalPattern.fitWeeklyCounts(weeks, Defaults.arrivals());
        assertThat(fit.isPoisson()).isFalse();
        assertThat(fit.dispersion()).isBetween(2.0, 8.0);
        assertThat(fit.provenance().note()).startsWith("negative binomial: 104 weeks");
    }

    @Test
    void fewWeeksGiveTheRateButNoDispersionTest() {
        ArrivalPattern fit = ArrivalPattern.fitWeeklyCounts(new int[] {100, 300, 50}, Defaults.arrivals());
        assertThat(fit.isPoisson()).isTrue();
        assertThat(fit.observedLeadsPerWeek()).isCloseTo(150, within(1e-9));
        assertThat(fit.provenance().note()).contains("only 3 weeks");
    }

    @Test
    void profilesAreRescaledAndUsedOnlyWithEnoughLeads() {
        long[] weekdays = {200, 200, 200, 200, 200, 50, 50};
        long[] hours = new long[24];
        for (int h = 9; h < 17; h++) {
            hours[h] = 100;
        }
        ArrivalPattern p = Defaults.arrivals().withProfileCounts(weekdays, hours);
        assertThat(p.weekdayWeight(0)).isCloseTo(7 * 200.0 / 1100, within(1e-12));
        assertThat(p.hourWeight(10)).isCloseTo(1 / 8.0, within(1e-12));
        assertThat(p.hourWeight(3)).isZero();
        assertThat(p.provenance().source()).isEqualTo(Source.STORE);
        ArrivalPattern thin = Defaults.arrivals().withProfileCounts(new long[] {1, 1, 1, 1, 1, 1, 1}, null);
        assertThat(thin.weekdayWeight(0)).isCloseTo(1, within(1e-12));
        assertThat(thin.provenance().note()).contains("weekday profile kept (only 7 leads)");
    }

    /** Weekly volume with a strong season (a summer lull, quarter-end pushes) and 20% growth a year. */
    private static long[] seasonalWeeks(int n) {
        long[] weeks = new long[n];
        for (int w = 0; w < n; w++) {
            double season = 1 + 0.4 * Math.sin(2 * Math.PI * w / ArrivalPattern.SEASON_WEEKS);
            weeks[w] = Math.round(1000 * season * Math.pow(1.2, w / 52.0));
        }
        return weeks;
    }

    @Test
    void forecastsTheVolumeBySeasonOnceAYearAndAQuarterLieBefore() {
        long[] weeks = seasonalWeeks(120);
        int origin = 100;
        double actual = 0;
        for (int w = origin; w < origin + 13; w++) {
            actual += weeks[w] / 13.0;
        }
        double seasonal = ArrivalPattern.volumeForecast(weeks, origin, 13);
        double mean26 = 0;
        for (int w = origin - 26; w < origin; w++) {
            mean26 += weeks[w] / 26.0;
        }
        assertThat(ArrivalPattern.seasonalAt(origin)).isTrue();
        assertThat(Math.abs(seasonal / actual - 1)).isLessThan(0.05).isLessThan(Math.abs(mean26 / actual - 1) / 4);
        // with less than a year and a quarter before the origin: the mean of the last 26 weeks
        assertThat(ArrivalPattern.seasonalAt(60)).isFalse();
        double expected = 0;
        for (int w = 34; w < 60; w++) {
            expected += weeks[w] / 26.0;
        }
        assertThat(ArrivalPattern.volumeForecast(weeks, 60, 13)).isCloseTo(expected, within(1e-9));
        assertThat(ArrivalPattern.volumeForecast(new long[] {0, 0, 0}, 3, 13)).isNaN();
    }

    @Test
    void theLevelErrorMeasuresTheMissesOfTheSeasonalForecast() {
        // a season the seasonal forecast knows: only the counts' own noise is left, far less than the season
        long[] weeks = seasonalWeeks(160);
        assertThat(ArrivalPattern.levelError(weeks)).isLessThan(0.05);
        // the same weeks without a year and a quarter before most origins miss by the season
        long[] young = java.util.Arrays.copyOf(weeks, 60);
        assertThat(ArrivalPattern.levelError(young)).isGreaterThan(0.1);
    }

    @Test
    void rejectsBadShapes() {
        assertThatThrownBy(() -> Defaults.arrivals().withWeekdayWeights(new double[6]))
                .hasMessageContaining("Invalid weekday weights: 6 values");
        assertThatThrownBy(() -> Defaults.arrivals().withMonthlySeasonality(new double[] {1}))
                .hasMessageContaining("Invalid monthly seasonality: 1 values");
        assertThatThrownBy(() -> ArrivalPattern.fitWeeklyCounts(new int[] {-3}, Defaults.arrivals()))
                .hasMessageContaining("Invalid weekly lead count: -3");
    }
}

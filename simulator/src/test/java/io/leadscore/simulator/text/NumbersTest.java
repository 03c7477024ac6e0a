package io.leadscore.simulator.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void countsAreWholeFromAHundredAndKeepOneDecimalBelow() {
        assertThat(Numbers.count(1125.3)).isEqualTo("1,125");
        assertThat(Numbers.count(427.97)).isEqualTo("428");
        assertThat(Numbers.count(100.0)).isEqualTo("100");
        assertThat(Numbers.count(99.94)).isEqualTo("99.9");
        assertThat(Numbers.count(17.86975)).isEqualTo("17.9");
        assertThat(Numbers.count(0.04)).isEqualTo("0.0");
        assertThat(Numbers.count(-250.6)).isEqualTo("-251");
    }

    @Test
    void amountsPercentsAndHoursReadTheSameOnEveryMachine() {
        assertThat(Numbers.amount(1_366_239.4)).isEqualTo("1,366,239");
        assertThat(Numbers.percent(0.49825)).isEqualTo("49.8%");
        assertThat(Numbers.hours(42.0)).isEqualTo("42");
        assertThat(Numbers.hours(6.2149)).isEqualTo("6.21");
        assertThat(Numbers.compact(4_560_000)).isEqualTo("4.56M");
    }

    @Test
    void thresholdsKeepTheDecimalsThatTellASweepsPointsApart() {
        assertThat(Numbers.threshold(0.1)).isEqualTo("0.10");
        assertThat(Numbers.threshold(0.03)).isEqualTo("0.03");
        assertThat(Numbers.threshold(0.015)).isEqualTo("0.015");
        assertThat(Numbers.threshold(0.0225)).isEqualTo("0.0225");
        assertThat(Numbers.threshold(0.0375)).isNotEqualTo(Numbers.threshold(0.04)).isEqualTo("0.0375");
        assertThat(Numbers.threshold(1.0 / 3)).isEqualTo("0.3333");
    }

    @Test
    void aSumAHairBelowZeroReadsAsZeroNotMinusZero() {
        assertThat(Numbers.count(-1e-12)).isEqualTo("0.0");
        assertThat(Numbers.count(-0.04)).isEqualTo("0.0");
        assertThat(Numbers.count(-0.06)).isEqualTo("-0.1");
        assertThat(Numbers.whole(-0.3)).isEqualTo("0");
        assertThat(Numbers.percent(-1e-9)).isEqualTo("0.0%");
    }
}

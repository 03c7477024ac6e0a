package io.leadscore.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTest {
    @Test
    void shortValuesAreQuotedWholeLongOnesByTheirStartAndLength() {
        assertThat(Quoted.value("2026-13-01")).isEqualTo("'2026-13-01'");
        assertThat(Quoted.value("x".repeat(60))).isEqualTo("'" + "x".repeat(60) + "'");
        assertThat(Quoted.value("9".repeat(5_000))).isEqualTo("'" + "9".repeat(40) + "…' (5000 characters)");
        assertThat(Quoted.value(null)).isEqualTo("null");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNotCutInHalf() {
        String value = "a".repeat(39) + "😀" + "b".repeat(40);

        assertThat(Quoted.value(value)).isEqualTo("'" + "a".repeat(39) + "…' (81 characters)");
    }
}

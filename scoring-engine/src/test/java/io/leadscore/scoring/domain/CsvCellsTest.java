package io.leadscore.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvCellsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "=HYPERLINK(\"http://x.example\")|\"'=HYPERLINK(\"\"http://x.example\"\")\"",
            "+49 30 1234|\"'+49 30 1234\"",
            "-2+3|\"'-2+3\"",
            "@SUM(A1)|\"'@SUM(A1)\""})
    void prefixesWhatASpreadsheetWouldTakeForAFormula(String value, String cell) {
        assertThat(CsvCells.text(value)).isEqualTo(cell);
    }

    @Test
    void prefixesALeadingApostropheSoThatTwoIdsStayTwoWhenReadBack() {
        assertThat(CsvCells.text("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(CsvCells.text("'=1+1")).isEqualTo("\"''=1+1\"");
        assertThat(CsvCells.text("'quoted")).isEqualTo("\"''quoted\"");
    }

    @Test
    void prefixesALeadingTabOrCarriageReturn() {
        assertThat(CsvCells.text("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvCells.text("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void leavesOrdinaryTextAsItIsAndQuotesOnlyWhatRfc4180Needs() {
        assertThat(CsvCells.text("LD-0000001")).isEqualTo("LD-0000001");
        assertThat(CsvCells.text("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.text("Acme, Inc.")).isEqualTo("\"Acme, Inc.\"");
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.quoted("-0.25")).isEqualTo("-0.25");
        assertThat(CsvCells.quoted("1,234")).isEqualTo("\"1,234\"");
    }
}

package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text tables every command prints: aligned, numbers right-aligned, and text from a CRM shown, never obeyed. */
class OutputTest {
    String table(List<String> headers, List<List<?>> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), OutputFormat.table).table(headers, rows);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void alignsTextLeftAndNumbersRight() {
        assertThat(table(List.of("campaign", "leads"), List.of(List.of("SEO", 882), List.of("Google Ads", 12_345))))
                .isEqualTo("""
                        campaign     leads
                        ----------  ------
                        SEO            882
                        Google Ads  12,345
                        """);
    }

    @Test
    void showsTerminalEscapesAndLineBreaksOfACellInsteadOfPassingThemOn() {
        String printed = table(List.of("lead_id", "reason"),
                List.of(Arrays.asList("LD-1\u001B[2J\u001B]0;owned\u0007", "bad_fit\nforged line"), Arrays.asList("LD-2", null)));
        assertThat(printed).doesNotContain("\u001B").doesNotContain("\u0007")
                .contains("LD-1\\u001B[2J\\u001B]0;owned\\u0007").contains("bad_fit\\u000Aforged line");
        assertThat(printed.lines()).hasSize(4);
    }

    @Test
    void csvCellsHoldNumbersAsProgramsReadThemNotAsTablesShowThem() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Output(new PrintStream(bytes, true, StandardCharsets.UTF_8), OutputFormat.csv).csv(
                List.of("metric", "value"), List.of(List.of("quota", 500_000.0), List.of("revenue_mean", 527_307.4375),
                        List.of("p_attain", 0.000405), List.of("leads", 12_345L), Arrays.asList("none", Double.NaN)));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                metric,value
                quota,500000
                revenue_mean,527307.4375
                p_attain,0.000405
                leads,12345
                none,
                """);
    }
}

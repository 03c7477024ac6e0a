package io.leadscore.batch.leadimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser keeps no more of a field than {@link CsvParser#LONGEST_FIELD} characters, so that a file read the
 * wrong way (a quote left open in a file of millions of lines, a file without line breaks) costs no more memory
 * than a good one, and loses no row that a shorter mistake would not lose.
 */
class CsvParserTest {

    private static List<CsvRecord> parse(String text) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvParser parser = CsvParser.utf8(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (CsvRecord r = parser.next(); r != null; r = parser.next()) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void aQuoteLeftOpenForMoreThanAnyValueCutsItsRowAndTheLinesAfterAreRows() throws IOException {
        StringBuilder text = new StringBuilder("lead_id,company\nL-0,\"never closed\n");
        int rows = 40_000; // about 1.3 million characters after the open quote
        for (int i = 1; i <= rows; i++) {
            text.append("L-").append(i).append(",Company number ").append(i).append(" of many\n");
        }
        text.append("L-last,\"closes here\"\n");

        List<CsvRecord> records = parse(text.toString());

        assertThat(records).hasSize(rows + 3);
        CsvRecord open = records.get(1);
        assertThat(open.line()).isEqualTo(2);
        assertThat(open.fields()).containsExactly("L-0", "never closed");
        assertThat(open.malformed()).startsWith("a quote opened on line 2 is not closed within 1,000,000 characters");
        // every line after it is a row of its own, on its own line, whole
        for (int i = 1; i <= rows; i++) {
            CsvRecord r = records.get(i + 1);
            assertThat(r.line()).isEqualTo(i + 2);
            assertThat(r.fields()).containsExactly("L-" + i, "Company number " + i + " of many");
            assertThat(r.malformed()).isNull();
        }
        // the last: a quote that opens and closes again takes in the lines until its close, as always
        assertThat(records.get(rows + 2).fields()).containsExactly("L-last", "closes here");
    }

    @Test
    void aValueLongerThanAnyIsDamageOfItsRowAndTheNextRowIsRead() throws IOException {
        String huge = "x".repeat(CsvParser.LONGEST_FIELD + 500_000);

        List<CsvRecord> records = parse("lead_id,company\nL-1," + huge + "\nL-2,\"" + huge + "\"\nL-3,Acme\n");

        assertThat(records).hasSize(4);
        for (CsvRecord r : records.subList(1, 3)) {
            assertThat(r.damaged()).isEqualTo(CsvParser.TOO_LONG);
            assertThat(r.damagedField()).isEqualTo(2);
            assertThat(r.fields()[1]).hasSize(CsvParser.LONGEST_FIELD);
        }
        assertThat(records.get(3).fields()).containsExactly("L-3", "Acme");
        assertThat(records.get(3).damaged()).isNull();
    }

    @Test
    void aHeaderOfThousandsOfColumnsIsNamedInBrief() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            header.append(i == 0 ? "" : ",").append("col").append(i);
        }
        CsvRecord record = parse(header + "\n").get(0);

        assertThatThrownBy(() -> CsvHeader.of(record, ImportFileKind.LEADS, "leads.csv"))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.problem())
                        .contains("found col0, col1,", "col19 and 4980 more)").hasSizeLessThan(400));
    }

    @Test
    void aFileWithoutLineBreaksIsNotTakenForAHeader() throws IOException {
        CsvRecord record = parse("<leads>" + "<lead id='1' created='2026-01-01'/>".repeat(40_000) + "</leads>").get(0);

        assertThatThrownBy(() -> CsvHeader.of(record, ImportFileKind.LEADS, "leads.csv"))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.problem())
                        .contains("not a CSV header"));
    }
}

package io.leadscore.simulator.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsNumbersRightAndTextLeftUnderARuleAsWideAsTheColumns() {
        String text = new TextTable("stage", "count").row("MQLs", "1,125").row("wins", "17.9").render();

        assertThat(text.lines().toList()).containsExactly(
                "stage  count",
                "------------",
                "MQLs   1,125",
                "wins    17.9");
    }

    @Test
    void wrapsALongCellAtSpacesOntoContinuationLinesUnderItsOwnColumn() {
        String note = "MQL->SAL 40-60% read as P10-P90, taken to hold at a first touch 42 h after the MQL";

        String text = new TextTable("assumption", "source", "detail").align("lll").wrap(2, 30)
                .row("mql_to_sal", "default", note).row("arrivals", "store", "weekly counts").render();

        List<String> lines = text.lines().toList();
        // the rule is as wide as the widest line, not as the unwrapped note (30 + 2 + 7 + 2 + 10 = 51 at most)
        assertThat(lines.get(1)).matches("-+").hasSizeLessThanOrEqualTo(51);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(lines.get(1).length()));
        assertThat(lines.get(2)).startsWith("mql_to_sal  default  MQL->SAL 40-60% read as");
        // continuation lines leave the other columns blank and start the detail where its column starts
        int detailColumn = lines.get(2).indexOf("MQL->SAL");
        assertThat(lines.subList(3, lines.size() - 1)).allSatisfy(l -> assertThat(l).startsWith(" ".repeat(detailColumn))
                .doesNotStartWith(" ".repeat(detailColumn + 1)));
        // no word is lost or split: the pieces join back to the note
        String joined = String.join(" ", lines.subList(2, lines.size() - 1).stream().map(l -> l.substring(detailColumn)).toList());
        assertThat(joined).isEqualTo(note);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("arrivals    store    weekly counts");
    }

    @Test
    void cutsAWordLongerThanTheWidth() {
        String text = new TextTable("id").wrap(0, 10).row("abcdefghijklmnopqrstuvwxyz").render();

        assertThat(text.lines().toList()).containsExactly("id", "----------", "abcdefghij", "klmnopqrst", "uvwxyz");
    }

    @Test
    void rejectsAWrapOutsideTheColumnsOrNarrowerThanTenCharacters() {
        TextTable table = new TextTable("a", "b");

        assertThatThrownBy(() -> table.wrap(2, 20)).hasMessage("Invalid column: 2, expected 0 to 1");
        assertThatThrownBy(() -> table.wrap(1, 9)).hasMessage("Invalid wrap width: 9, expected at least 10 characters");
        assertThatThrownBy(() -> table.row("only one")).hasMessage("Invalid table row: 1 cells, expected 2");
    }
}

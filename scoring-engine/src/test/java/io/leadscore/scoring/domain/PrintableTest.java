package io.leadscore.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void escapesTerminalControlAndBidirectionalCharacters() {
        assertThat(Printable.of("a\u001B[2Jb")).isEqualTo("a\\u001B[2Jb");
        assertThat(Printable.of("x\u009B31m")).isEqualTo("x\\u009B31m");
        assertThat(Printable.of("line\nforged")).isEqualTo("line\\u000Aforged");
        assertThat(Printable.of("abc\u202Efed")).isEqualTo("abc\\u202Efed");
        assertThat(Printable.of("tab\there")).isEqualTo("tab\\u0009here");
    }

    @Test
    void leavesPrintableTextAsItIs() {
        String text = "Müller & Söhne, „Köln“ — 東京";
        assertThat(Printable.of(text)).isSameAs(text);
        assertThat(Printable.of(null)).isNull();
    }
}

package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The values of a COPY row in PostgreSQL's text format, as the server reads them back. */
class PostgresCopyTest {

    static String text(Object value) {
        StringBuilder out = new StringBuilder();
        PostgresCopy.append(out, value);
        return out.toString();
    }

    @Test
    void nullIsBackslashN() {
        assertThat(text(null)).isEqualTo("\\N");
        // the two characters a CSV may hold as text stay text
        assertThat(text("\\N")).isEqualTo("\\\\N");
    }

    @Test
    void textEscapesTheCharactersThatEndAFieldOrARow() {
        assertThat(text("a\tb\nc\rd\\e, \"quoted\"")).isEqualTo("a\\tb\\nc\\rd\\\\e, \"quoted\"");
        assertThat(text("\u001B[2J Zürich 🙂")).isEqualTo("\u001B[2J Zürich 🙂");
    }

    @Test
    void instantsAreUtcWithSecondsAndTheirFraction() {
        assertThat(text(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo("2025-12-31T22:00:00Z");
        assertThat(text(Instant.parse("2026-03-04T05:06:07.123456Z"))).isEqualTo("2026-03-04T05:06:07.123456Z");
    }

    @Test
    void numbersBytesAndBooleansInTheirTextForms() {
        assertThat(text(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(text(25000.5d)).isEqualTo("25000.5");
        assertThat(text(-7L)).isEqualTo("-7");
        assertThat(text((short) 3)).isEqualTo("3");
        assertThat(text(new byte[] {0x00, (byte) 0xAB, 0x7f})).isEqualTo("\\\\x00ab7f");
        assertThat(text(true)).isEqualTo("t");
    }

    @Test
    void refusesAValueWithoutATextForm() {
        assertThatThrownBy(() -> text(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}

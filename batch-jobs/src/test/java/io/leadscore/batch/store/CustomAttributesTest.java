package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CustomAttributesTest {

    /**
     * What the store's first codec wrote for these attributes (kept verbatim, escapes as it wrote them: control
     * characters as lower-case {@code \\u} escapes), so stores written before still read.
     */
    private static final String WRITTEN_BY_THE_FIRST_CODEC =
            "{\"tech_stack\":\"aws\",\"note\":\"say \\\"hi\\\"\\n\\tback\\\\slash\",\"bell\":\"\\u0007\",\"région\":\"東京\"}";

    private static Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("tech_stack", "aws");
        attributes.put("note", "say \"hi\"\n\tback\\slash");
        attributes.put("bell", "\u0007");
        attributes.put("région", "東京");
        return attributes;
    }

    @Test
    void readsWhatTheFirstCodecWrote() {
        assertThat(CustomAttributes.decode(WRITTEN_BY_THE_FIRST_CODEC)).isEqualTo(attributes());
    }

    @Test
    void writesPlainAttributesExactlyAsBeforeInTheirOrder() {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("tech_stack", "aws");
        plain.put("budget_band", "high");
        assertThat(CustomAttributes.encode(plain)).isEqualTo("{\"tech_stack\":\"aws\",\"budget_band\":\"high\"}");
    }

    @Test
    void roundTripsEveryCharacter() {
        assertThat(CustomAttributes.decode(CustomAttributes.encode(attributes()))).isEqualTo(attributes());
    }

    @Test
    void decodesIntoASortedReadOnlyMap() {
        Map<String, String> decoded = CustomAttributes.decode("{ \"b\" : \"2\" , \"a\" : \"1\" }");
        assertThat(decoded.keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> decoded.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void noAttributesAreStoredAsNull() {
        assertThat(CustomAttributes.encode(Map.of())).isNull();
        assertThat(CustomAttributes.encode(null)).isNull();
        assertThat(CustomAttributes.decode(null)).isEmpty();
        assertThat(CustomAttributes.decode("")).isEmpty();
        assertThat(CustomAttributes.decode("{}")).isEmpty();
    }

    @Nested
    class Malformed {
        @Test
        void anUnterminatedStringNamesWhere() {
            assertThatThrownBy(() -> CustomAttributes.decode("{\"a\":\"b"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid custom attributes: ")
                    .hasMessageContaining("column");
        }

        @Test
        void somethingOtherThanAnObjectIsRefused() {
            assertThatThrownBy(() -> CustomAttributes.decode("[\"a\"]"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid custom attributes: ");
            assertThatThrownBy(() -> CustomAttributes.decode("{\"a\":{\"b\":\"c\"}}"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid custom attributes: ");
        }

        @Test
        void trailingTextIsRefused() {
            assertThatThrownBy(() -> CustomAttributes.decode("{\"a\":\"b\"} x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid custom attributes: ");
        }
    }
}

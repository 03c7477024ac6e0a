package io.leadscore.simulator.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedDocumentsThatParseBack() {
        String json = new JsonWriter().beginObject()
                .member("n", 3)
                .member("x", 0.125)
                .member("big", 1.0e20)
                .member("s", "a \"quoted\"\nline\u0001")
                .memberOrNull("absent", Double.NaN)
                .name("list").beginArray().value(1).value(2.5).beginObject().endObject().endArray()
                .name("empty").beginArray().endArray()
                .endObject().toString();
        Map<String, Object> parsed = MiniJson.object(json);
        assertThat(parsed.get("n")).isEqualTo(3.0);
        assertThat(parsed.get("x")).isEqualTo(0.125);
        assertThat(parsed.get("big")).isEqualTo(1.0e20);
        assertThat(parsed.get("s")).isEqualTo("a \"quoted\"\nline\u0001");
        assertThat(parsed).containsEntry("absent", null);
        assertThat((List<?>) parsed.get("list")).hasSize(3);
        assertThat(json).contains("\"n\": 3,");
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(new JsonWriter().beginArray().value(1234.5).endArray().toString()).contains("1234.5");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void refusesNonFiniteNumbersAndBrokenStructure() {
        assertThatThrownBy(() -> new JsonWriter().beginArray().value(Double.POSITIVE_INFINITY))
                .hasMessageContaining("Invalid JSON number: Infinity");
        assertThatThrownBy(() -> new JsonWriter().beginObject().value(1))
                .hasMessageContaining("needs a name first");
        assertThatThrownBy(() -> new JsonWriter().beginObject().toString())
                .hasMessageContaining("not complete");
        assertThatThrownBy(() -> new JsonWriter().beginArray().endObject())
                .hasMessageContaining("unbalanced");
    }
}

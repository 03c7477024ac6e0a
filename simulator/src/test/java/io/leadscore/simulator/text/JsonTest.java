package io.leadscore.simulator.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Figures(double whole, double fraction, double tiny, double large, Double undefined, List<Double> list,
                   List<Double> empty, String text) {
    }

    record Bad(double v) {
    }

    @Test
    void writesFiguresWithoutLocaleIntegralOnesWithoutAFraction() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            String json = Json.write(new Figures(3.0, 1234.5, 1e-5, 1e15, Json.orNull(Double.NaN), List.of(-0.0, 2.5),
                    List.of(), "a \"quoted\"\n\\ text"));
            assertThat(json).isEqualTo("""
                    {
                      "whole": 3,
                      "fraction": 1234.5,
                      "tiny": 1.0E-5,
                      "large": 1.0E15,
                      "undefined": null,
                      "list": [
                        0,
                        2.5
                      ],
                      "empty": [],
                      "text": "a \\"quoted\\"\\n\\\\ text"
                    }""");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void refusesNonFiniteFigures() {
        assertThatThrownBy(() -> Json.write(new Bad(Double.POSITIVE_INFINITY)))
                .hasStackTraceContaining("Invalid JSON number: Infinity, expected a finite number");
        assertThatThrownBy(() -> Json.write(new Bad(Double.NaN)))
                .hasStackTraceContaining("Invalid JSON number: NaN");
    }

    @Test
    void formatMatchesTheDocuments() {
        assertThat(Json.format(42.0)).isEqualTo("42");
        assertThat(Json.format(0.1)).isEqualTo("0.1");
        assertThat(Json.format(-7.0)).isEqualTo("-7");
    }
}

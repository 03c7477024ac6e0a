package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        GeneratorOptions options = GeneratorOptions.defaults();

        assertThat(options.leads()).isEqualTo(20_000);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.until()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(options.historyDays()).isEqualTo(730);
        assertThat(options.labelHorizonDays()).isEqualTo(180);
        assertThat(options.responseDecayTauHours()).isEqualTo(0.5);
        assertThat(options.responseDecayK()).isEqualTo(0.2);
        assertThat(options.historyStart()).isEqualTo(LocalDate.of(2024, 11, 1));
    }

    @Test
    void withersChangeOneOptionEach() {
        GeneratorOptions options = GeneratorOptions.defaults()
                .withLeads(500).withSeed(7).withUntil(LocalDate.of(2025, 1, 1)).withHistoryDays(400)
                .withLabelHorizonDays(90).withResponseDecay(1.5, 0.7);

        assertThat(options).isEqualTo(new GeneratorOptions(500, 7, LocalDate.of(2025, 1, 1), 400, 90, 1.5, 0.7));
    }

    @Nested
    class Rejects {

        @Test
        void tooFewOrTooManyLeads() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withLeads(0)))
                    .hasMessageContaining("leads: 0").hasMessageContaining("expected 1 to 10000000");
            assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withLeads(10_000_001));
        }

        @Test
        void missingUntil() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withUntil(null)))
                    .hasMessageContaining("until");
        }

        @Test
        void historyOutsideItsRange() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withHistoryDays(0)))
                    .hasMessageContaining("history days: 0");
            assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withHistoryDays(3661));
        }

        @Test
        void historyBefore1970() {
            assertThat(assertThrows(IllegalArgumentException.class,
                    () -> GeneratorOptions.defaults().withUntil(LocalDate.of(1971, 1, 1)).withHistoryDays(730)))
                    .hasMessageContaining("1971-01-01");
        }

        @Test
        void historyAfterWhatAnImportAccepts() {
            // an export the import would refuse row by row: its times lie past 2199-12-31
            assertThat(assertThrows(IllegalArgumentException.class,
                    () -> GeneratorOptions.defaults().withUntil(LocalDate.of(2200, 1, 1))))
                    .hasMessageContaining("2200-01-01").hasMessageContaining("1970-01-01 to 2199-12-31");
            assertThat(GeneratorOptions.defaults().withUntil(LocalDate.of(2199, 12, 31)).until())
                    .isEqualTo(LocalDate.of(2199, 12, 31));
        }

        @Test
        void labelHorizonOutsideItsRange() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withLabelHorizonDays(0)))
                    .hasMessageContaining("label horizon days: 0");
        }

        @Test
        void nonPositiveOrNonFiniteTau() {
            assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withResponseDecay(0, 0.2));
            assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withResponseDecay(Double.NaN, 0.2));
            assertThrows(IllegalArgumentException.class,
                    () -> GeneratorOptions.defaults().withResponseDecay(Double.POSITIVE_INFINITY, 0.2));
        }

        @Test
        void decayExponentOutsideItsRange() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withResponseDecay(0.5, -0.1)))
                    .hasMessageContaining("k: -0.1");
            assertThrows(IllegalArgumentException.class, () -> GeneratorOptions.defaults().withResponseDecay(0.5, Double.NaN));
        }
    }
}

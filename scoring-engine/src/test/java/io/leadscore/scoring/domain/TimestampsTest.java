package io.leadscore.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @Test
    void readsADateAsMidnightUtc() {
        assertThat(Timestamps.parse("2026-03-14")).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
    }

    @Test
    void readsADateTimeWithZOrAnOffset() {
        assertThat(Timestamps.parse("2026-03-14T09:30:00Z")).isEqualTo(Instant.parse("2026-03-14T09:30:00Z"));
        assertThat(Timestamps.parse("2026-03-14T09:30:00+01:00")).isEqualTo(Instant.parse("2026-03-14T08:30:00Z"));
        assertThat(Timestamps.parse("2026-03-14T09:30:00.250-05:00")).isEqualTo(Instant.parse("2026-03-14T14:30:00.250Z"));
    }

    @Test
    void takesADateTimeWithoutOffsetAsUtc() {
        assertThat(Timestamps.parse(" 2026-03-14T09:30:00 ")).isEqualTo(Instant.parse("2026-03-14T09:30:00Z"));
    }

    @Test
    void acceptsTheEdgesOfTheRange() {
        assertThat(Timestamps.parse("1970-01-01")).isEqualTo(Instant.EPOCH);
        assertThat(Timestamps.parse("2199-12-31T23:59:59.999999999Z")).isEqualTo(Instant.parse("2199-12-31T23:59:59.999999Z"));
    }

    @Test
    void keepsAFractionToTheMicrosecondAsTheStoreDoes() {
        // cut, not rounded: a time never moves into the next second (or out of the accepted range)
        assertThat(Timestamps.parse("2026-12-01T10:00:00.987654321Z")).isEqualTo(Instant.parse("2026-12-01T10:00:00.987654Z"));
        assertThat(Timestamps.parse("2026-12-01T10:00:00.9876549+01:00")).isEqualTo(Instant.parse("2026-12-01T09:00:00.987654Z"));
        assertThat(Timestamps.parse("2026-12-01T10:00:00.1234561Z")).isEqualTo(Timestamps.parse("2026-12-01T10:00:00.1234562Z"));
        // the formatter's path (a form the fast path leaves to it) cuts the same way
        assertThat(Timestamps.parse("2026-12-01T10:00:00.987654321+01:00:00")).isEqualTo(Instant.parse("2026-12-01T09:00:00.987654Z"));
    }

    @Test
    void formatsAsUtc() {
        assertThat(Timestamps.format(Instant.parse("2026-03-14T09:30:00Z"))).isEqualTo("2026-03-14T09:30:00Z");
    }

    @Test
    void readsEveryFormTheSameWayAsTheStrictFormatters() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(2 * 86_400L, 4_000_000_000L), random.nextInt(3) == 0
                    ? random.nextInt(1_000_000_000) : 0);
            int offsetMinutes = random.nextInt(-14 * 60, 14 * 60 + 1);
            java.time.OffsetDateTime local = t.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            String[] forms = {local.toString(), t.toString(), local.toLocalDateTime().toString(),
                    local.toLocalDate().toString()};
            for (String form : forms) {
                Instant expected = form.length() == 10 ? java.time.LocalDate.parse(form).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                        : form.endsWith("Z") || form.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(form).toInstant()
                        : java.time.LocalDateTime.parse(form).toInstant(java.time.ZoneOffset.UTC);
                assertThat(Timestamps.parse(form)).as(form).isEqualTo(expected.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
            }
        }
    }

    @Nested
    class Refuses {
        @ParameterizedTest
        @ValueSource(strings = {"2026-02-30", "2026-13-01", "2025-02-29", "2026-04-31T10:00:00Z", "2026-01-01T25:00:00Z"})
        void impossibleDates(String text) {
            assertThatThrownBy(() -> Timestamps.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "14/03/2026", "2026/03/14", "2026-3-14", "20260314"})
        void textThatIsNotATimestamp(String text) {
            assertThatThrownBy(() -> Timestamps.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(text)
                    .hasMessageContaining("expected a date");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                "1900-01-01", "2200-01-01", "9999-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00"})
        void timesOutsideTheCrmRange(String text) {
            assertThatThrownBy(() -> Timestamps.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Timestamp '" + text + "' is out of range: expected a time from 1970-01-01 to 2199-12-31 (UTC)");
        }

        @Test
        void emptyText() {
            assertThatThrownBy(() -> Timestamps.parse("  ")).hasMessage("Missing timestamp");
        }
    }
}

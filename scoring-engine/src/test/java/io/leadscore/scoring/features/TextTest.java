package io.leadscore.scoring.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void normalisesCaseSpacesAndNoBreakSpaces() {
        assertThat(Text.normalise("  Financial   Services ")).isEqualTo("financial services");
        assertThat(Text.normalise("Financial\t\nServices")).isEqualTo("financial services");
        assertThat(Text.normalise("\u00A0SaaS\u00A0")).isEqualTo("saas");
        assertThat(Text.normalise("IT")).isEqualTo("it");
    }

    @Test
    void blankTextIsAbsent() {
        assertThat(Text.normalise(null)).isNull();
        assertThat(Text.normalise("")).isNull();
        assertThat(Text.normalise(" \t\u00A0 ")).isNull();
        assertThat(Text.isBlank(" \u00A0")).isTrue();
        assertThat(Text.isBlank(" x ")).isFalse();
    }

    @Test
    void comparesAndHashesWithoutCopyingExactlyAsNormaliseWould() {
        // given random strings over letters of both cases, ASCII and Unicode spaces, and non-ASCII capitals
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "aAbB \t\u00A0\u0130\u00C9\u001F\u2003";
        for (int trial = 0; trial < 2000; trial++) {
            String raw = randomText(random, alphabet);
            String other = randomText(random, alphabet);
            String normalised = Text.normalise(raw);
            assertThat(Text.normalisedHash(raw)).as("'%s'", raw).isEqualTo(normalised == null ? 0 : normalised.hashCode());
            if (normalised == null) {
                continue;
            }
            // then the allocation-free comparison agrees with comparing normalised copies
            assertThat(Text.normalisedEquals(raw, normalised)).as("'%s'", raw).isTrue();
            assertThat(Text.normalisedEquals(other, normalised))
                    .as("'%s' vs '%s'", other, raw)
                    .isEqualTo(normalised.equals(Text.normalise(other)));
        }
    }

    @Test
    void acceptsPlainDecimalNumbers() {
        assertThat(Text.parseNumber("42")).isEqualTo(42.0);
        assertThat(Text.parseNumber(" -3.5 ")).isEqualTo(-3.5);
        assertThat(Text.parseNumber(".5")).isEqualTo(0.5);
        assertThat(Text.parseNumber("7.")).isEqualTo(7.0);
        assertThat(Text.parseNumber("+1e6")).isEqualTo(1e6);
        assertThat(Text.parseNumber("2.5E-3")).isEqualTo(2.5e-3);
    }

    @Test
    void parsesToTheSameDoubleAsTheJdk() {
        // random plain decimals of 1 to 20 digits with up to 25 after the point, on and off the fast path
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(20);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            for (int extra = random.nextInt(6); extra > 0; extra--) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            String value = text.toString();
            assertThat(Double.doubleToRawLongBits(Text.parseNumber(value))).as(value)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(value)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "NaN", "Infinity", "-Infinity", "0x1p3", "1.5d", "2f", "1,200", "-", ".", "e5",
            "1e", "1e+", "12 000", "high", "1e999"})
    void refusesWhatIsNotAPlainFiniteNumber(String text) {
        assertThat(Text.parseNumber(text)).isNaN();
    }

    private static String randomText(SplittableRandom random, String alphabet) {
        int length = random.nextInt(7);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}

package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadscore.scoring.domain.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSinkTest {
    @TempDir
    Path dir;

    @Test
    void timestampsOfEveryStyleReadBackAsTheSameInstant() throws IOException {
        Rng rng = new Rng(5);
        long[] instants = new long[2_000];
        int[] offsets = {-480, -300, -180, 0, 60, 330, 540, 600};
        for (int i = 0; i < instants.length; i++) {
            // 1970 to 2100, including leap days and year ends.
            instants[i] = (long) (rng.uniform() * 4_102_444_800_000L);
        }
        Path file = dir.resolve("t.csv");
        try (CsvSink sink = new CsvSink(file, false, "\n", "t")) {
            for (int i = 0; i < instants.length; i++) {
                sink.time(instants[i], TimeStyle.values()[i % 5], offsets[i % offsets.length]).endRow();
            }
        }
        String[] lines = Files.readString(file).split("\n");
        for (int i = 0; i < instants.length; i++) {
            Instant expected = Instant.ofEpochMilli(instants[i]);
            TimeStyle style = TimeStyle.values()[i % 5];
            Instant read = Timestamps.parse(lines[i + 1]);
            switch (style) {
                case UTC_MILLIS -> assertThat(read).isEqualTo(expected);
                case DATE -> assertThat(read).isEqualTo(expected.truncatedTo(ChronoUnit.DAYS));
                default -> assertThat(read).isEqualTo(expected.truncatedTo(ChronoUnit.SECONDS));
            }
        }
    }

    @Test
    void timestampsMatchJavaTimeFormatting() throws IOException {
        long millis = Instant.parse("2028-02-29T23:59:58.007Z").toEpochMilli();
        Path file = dir.resolve("t.csv");
        try (CsvSink sink = new CsvSink(file, false, "\n", "a", "b", "c", "d", "e")) {
            sink.time(millis, TimeStyle.UTC, 0).time(millis, TimeStyle.UTC_MILLIS, 0).time(millis, TimeStyle.OFFSET, 90)
                    .time(millis, TimeStyle.NO_OFFSET, 0).time(millis, TimeStyle.DATE, 0).endRow();
        }
        String offset = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHoursMinutes(1, 30))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertThat(Files.readString(file)).endsWith(
                "2028-02-29T23:59:58Z,2028-02-29T23:59:58.007Z," + offset.replace(".007", "") + ",2028-02-29T23:59:58,2028-02-29\n");
    }

    @Test
    void quotesOnlyWhatNeedsQuotingAndDoublesQuotes() throws IOException {
        Path file = dir.resolve("q.csv");
        try (CsvSink sink = new CsvSink(file, true, "\r\n", "v")) {
            for (String value : new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", "padded ", "", "Müller"}) {
                sink.text(value).endRow();
            }
            sink.text(null).endRow();
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("\uFEFFv\r\nplain\r\n\"a,b\"\r\n"
                + "\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\" padded\"\r\n\"padded \"\r\n\r\nMüller\r\n\r\n");
    }

    @Test
    void writesNumbersWithoutLocale() throws IOException {
        Path file = dir.resolve("n.csv");
        try (CsvSink sink = new CsvSink(file, false, "\n", "a", "b", "c", "d", "e", "f")) {
            sink.integer(0).integer(-1234567890123L).fixed(0.0000000005, 9).fixed(12_345.675, 2).fixed(-0.0001, 2)
                    .fixed(7, 0).endRow();
        }
        assertThat(Files.readString(file)).endsWith("\n0,-1234567890123,0.000000001,12345.68,0.00,7\n");
    }

    @Test
    void countsDataRowsNotTheHeader() {
        try (CsvSink sink = new CsvSink(dir.resolve("c.csv"), false, "\n", "a")) {
            sink.text("x").endRow();
            sink.text("y").endRow();
            assertThat(sink.rows()).isEqualTo(2);
        }
    }

    @Nested
    class Rejects {
        @Test
        void nonFiniteNumbers() {
            try (CsvSink sink = new CsvSink(dir.resolve("r.csv"), false, "\n", "a")) {
                assertThrows(IllegalArgumentException.class, () -> sink.fixed(Double.NaN, 2));
                assertThrows(IllegalArgumentException.class, () -> sink.fixed(1, 10));
            }
        }
    }
}

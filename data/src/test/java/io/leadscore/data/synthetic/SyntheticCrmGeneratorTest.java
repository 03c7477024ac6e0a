package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCrmGeneratorTest {
    private static final List<String> FILES = List.of(GenerationSummary.LEADS_FILE, GenerationSummary.ACTIVITIES_FILE,
            GenerationSummary.DEALS_FILE, GenerationSummary.FOLLOW_UPS_FILE, GenerationSummary.TRUTH_FILE);
    private static final GeneratorOptions SMALL = GeneratorOptions.defaults().withLeads(1_200);

    @TempDir
    Path dir;

    @Test
    void sameOptionsWriteByteIdenticalFiles() throws IOException {
        new SyntheticCrmGenerator().generate(dir.resolve("a"), SMALL, ProgressListener.NONE);
        new SyntheticCrmGenerator().generate(dir.resolve("b"), SMALL, ProgressListener.NONE);

        for (String file : FILES) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file))).as(file).isEqualTo(-1);
        }
    }

    @Test
    void differentSeedsWriteDifferentFiles() throws IOException {
        new SyntheticCrmGenerator().generate(dir.resolve("a"), SMALL, ProgressListener.NONE);
        new SyntheticCrmGenerator().generate(dir.resolve("b"), SMALL.withSeed(43), ProgressListener.NONE);

        for (String file : FILES) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(file), dir.resolve("b").resolve(file))).as(file).isNotEqualTo(-1);
        }
    }

    @Test
    void summaryCountsTheRowsOfEveryFileAndSpansTheHistory() {
        GenerationSummary summary = new SyntheticCrmGenerator().generate(dir, SMALL, ProgressListener.NONE);

        assertThat(summary.rowsByFile()).containsOnlyKeys(FILES);
        for (String file : FILES) {
            assertThat(CsvTable.read(dir.resolve(file)).rows).as(file).hasSize(summary.rowsByFile().get(file).intValue());
        }
        assertThat(summary.leadRows()).isEqualTo(1_200);
        assertThat(summary.activityRows()).isGreaterThan(10_000);
        assertThat(summary.dealRows()).isPositive();
        assertThat(summary.followUpRows()).isPositive();
        assertThat(summary.historyEnd()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(summary.firstLeadCreated()).isAfterOrEqualTo(Instant.parse("2024-11-01T00:00:00Z"))
                .isBefore(Instant.parse("2024-11-15T00:00:00Z"));
        assertThat(summary.lastLeadCreated()).isAfter(Instant.parse("2026-10-15T00:00:00Z")).isBefore(summary.historyEnd());
        assertThat(summary.options()).isEqualTo(SMALL);
        assertThat(summary.directory()).isEqualTo(dir);
    }

    @Test
    void progressClimbsToTheTotalAboutAHundredTimes() {
        List<long[]> calls = new ArrayList<>();

        new SyntheticCrmGenerator().generate(dir, SMALL, (done, total) -> calls.add(new long[] {done, total}));

        assertThat(calls).hasSizeBetween(100, 101);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(calls.get(i)[0]).isGreaterThan(calls.get(i - 1)[0]);
        }
        assertThat(calls.get(calls.size() - 1)).containsExactly(1_200, 1_200);
    }

    @Test
    void aSingleLeadIsAWorldToo() {
        GenerationSummary summary = new SyntheticCrmGenerator().generate(dir, SMALL.withLeads(1), ProgressListener.NONE);

        assertThat(summary.leadRows()).isEqualTo(1);
        assertThat(CsvTable.read(dir.resolve(GenerationSummary.TRUTH_FILE)).rows).hasSize(1);
    }

    @Test
    void responseDecayOfZeroMakesTheDelayIrrelevant() {
        new SyntheticCrmGenerator().generate(dir, SMALL.withResponseDecay(0.5, 0), ProgressListener.NONE);

        CsvTable truth = CsvTable.read(dir.resolve(GenerationSummary.TRUTH_FILE));
        int multiplier = truth.column("response_multiplier");
        assertThat(truth.rows).filteredOn(row -> !row[multiplier].isEmpty()).isNotEmpty()
                .allSatisfy(row -> assertThat(row[multiplier]).isEqualTo("1.000000"));
    }

    @Test
    void rejectsAFileAsTheOutputDirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SyntheticCrmGenerator().generate(file, SMALL, ProgressListener.NONE));

        assertThat(e).hasMessageContaining("taken").hasMessageContaining("expected a directory");
    }
}

package io.leadscore.batch.leadimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.batch.store.JobProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One file of an import as its step reads it across a failure: the count of
 * records read is kept in the step's context, a restart reads on after them,
 * and what the records before the restart point said still counts.
 */
class CsvFileImportTest {
    @TempDir
    Path dir;
    private JdbcTemplate jdbc;
    private Path leads;

    @BeforeEach
    void store() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:csv-file-import-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/h2").load().migrate();
        jdbc = new JdbcTemplate(ds);
        leads = dir.resolve("leads.csv");
        Files.writeString(leads, """
                lead_id,created_at
                LD-1,2026-01-05T09:00:00Z
                LD-2,2026-01-05T10:00:00Z
                LD-3,2026-01-05T11:00:00Z
                LD-1,2026-01-05T12:00:00Z
                """, StandardCharsets.UTF_8);
    }

    private CsvFileImport<ImportRows.LeadRow> reader(List<Long> progress, boolean readAhead) {
        return reader(leads, progress, readAhead);
    }

    private CsvFileImport<ImportRows.LeadRow> reader(Path file, List<Long> progress, boolean readAhead) {
        return new CsvFileImport<>(ImportFileKind.LEADS, file.toString(), 4, jdbc,
                (header, index) -> new LeadRowValidator(header), (task, done, total) -> progress.add(done), readAhead);
    }

    /** Whether a thread reading ahead of the file is still running. */
    private static boolean readerThreadRunning() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("csv-leads-reader") && t.isAlive());
    }

    @ParameterizedTest(name = "read ahead: {0}")
    @ValueSource(booleans = {false, true})
    void aRestartReadsOnAfterTheCommittedRecordsAndStillKnowsTheKeysTheyHeld(boolean readAhead) throws Exception {
        ExecutionContext context = new ExecutionContext();
        CsvFileImport<ImportRows.LeadRow> first = reader(new ArrayList<>(), readAhead);
        first.open(context);
        assertThat(first.process(first.read()).lead().leadId()).isEqualTo("LD-1");
        assertThat(first.process(first.read()).lead().leadId()).isEqualTo("LD-2");
        // the chunk of two commits, and the process dies before the next one does
        first.update(context);
        first.close();

        List<Long> progress = new ArrayList<>();
        CsvFileImport<ImportRows.LeadRow> restarted = reader(progress, readAhead);
        restarted.open(context);

        assertThat(restarted.process(restarted.read()).lead().leadId()).isEqualTo("LD-3");
        // LD-1 was read before the restart, on line 2: its second row is still a repeat
        assertThatThrownBy(() -> restarted.process(restarted.read())).isInstanceOf(RowRejectedException.class)
                .hasMessageContaining("line 5").hasMessageContaining("lead 'LD-1' appears again (first on line 2)");
        assertThat(restarted.read()).isNull();
        restarted.update(context);
        restarted.close();
        assertThat(progress).containsExactly(4L);
    }

    @Test
    void readingAheadGivesTheRowsBeforeAnUnreadablePartThenWhereItStopped() throws Exception {
        StringBuilder text = new StringBuilder("lead_id,created_at\n");
        for (int i = 0; i < 5_000; i++) {
            text.append("LD-").append(i).append(",2026-01-05T09:00:00Z\n");
        }
        byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(good, good.length + 20);
        System.arraycopy("LD-x,2026-01-0\u00ff".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, good.length, 15);
        Path damaged = dir.resolve("damaged.csv");
        Files.write(damaged, bytes);
        CsvFileImport<ImportRows.LeadRow> reader = reader(damaged, new ArrayList<>(), true);
        reader.open(new ExecutionContext());

        int rows = 0;
        Throwable stopped = null;
        try {
            for (CsvRecord record = reader.read(); record != null; record = reader.read()) {
                assertThat(reader.process(record).lead().leadId()).isEqualTo("LD-" + rows);
                rows++;
            }
        } catch (ItemStreamException e) {
            stopped = e;
        }
        reader.close();

        // the decoder refuses the block holding the bad byte, so rows up to that block come through
        assertThat(rows).isPositive().isLessThanOrEqualTo(5_000);
        assertThat(stopped).isNotNull().hasMessageContaining("Cannot read " + damaged).hasMessageContaining("after line");
        assertThat(readerThreadRunning()).isFalse();
    }

    @Test
    void closingWhileReadingAheadStopsTheThread() throws Exception {
        StringBuilder text = new StringBuilder("lead_id,created_at\n");
        for (int i = 0; i < 100_000; i++) {
            text.append("LD-").append(i).append(",2026-01-05T09:00:00Z\n");
        }
        Path large = dir.resolve("large.csv");
        Files.writeString(large, text, StandardCharsets.UTF_8);
        CsvFileImport<ImportRows.LeadRow> reader = reader(large, new ArrayList<>(), true);
        reader.open(new ExecutionContext());
        CsvRecord first = reader.read();
        assertThat(reader.process(first).lead().leadId()).isEqualTo("LD-0");
        assertThat(readerThreadRunning()).isTrue();

        // the step fails and closes its reader mid-file
        reader.close();

        assertThat(readerThreadRunning()).isFalse();
    }

    @Test
    void refusesToProcessRowsInAnotherOrderThanRead() throws Exception {
        CsvFileImport<ImportRows.LeadRow> reader = reader(new ArrayList<>(), true);
        reader.open(new ExecutionContext());
        CsvRecord first = reader.read();
        CsvRecord second = reader.read();

        assertThatThrownBy(() -> reader.process(second)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("processed in another order than read, at line 3");
        reader.close();
    }

    @Test
    void aFileThatWasNotGivenReadsNothing() throws Exception {
        CsvFileImport<ImportRows.LeadRow> none = new CsvFileImport<>(ImportFileKind.LEADS, null, 0, jdbc,
                (header, index) -> new LeadRowValidator(header), JobProgress.SILENT);
        none.open(new ExecutionContext());
        assertThat(none.read()).isNull();
        none.close();
    }
}

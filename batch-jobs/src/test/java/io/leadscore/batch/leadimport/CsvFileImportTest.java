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

    private CsvFileImport<ImportRows.LeadRow> reader(List<Long> progress) {
        return new CsvFileImport<>(ImportFileKind.LEADS, leads.toString(), 4, jdbc,
                (header, index) -> new LeadRowValidator(header), (task, done, total) -> progress.add(done));
    }

    @Test
    void aRestartReadsOnAfterTheCommittedRecordsAndStillKnowsTheKeysTheyHeld() throws Exception {
        ExecutionContext context = new ExecutionContext();
        CsvFileImport<ImportRows.LeadRow> first = reader(new ArrayList<>());
        first.open(context);
        assertThat(first.process(first.read()).lead().leadId()).isEqualTo("LD-1");
        assertThat(first.process(first.read()).lead().leadId()).isEqualTo("LD-2");
        // the chunk of two commits, and the process dies before the next one does
        first.update(context);

        List<Long> progress = new ArrayList<>();
        CsvFileImport<ImportRows.LeadRow> restarted = reader(progress);
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
    void aFileThatWasNotGivenReadsNothing() throws Exception {
        CsvFileImport<ImportRows.LeadRow> none = new CsvFileImport<>(ImportFileKind.LEADS, null, 0, jdbc,
                (header, index) -> new LeadRowValidator(header), JobProgress.SILENT);
        none.open(new ExecutionContext());
        assertThat(none.read()).isNull();
        none.close();
    }
}

package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.leadimport.ImportPreflight;
import io.leadscore.batch.leadimport.ImportReport;
import io.leadscore.data.synthetic.ExportMutator;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.SyntheticCrmGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The import fuzzed: a few hundred seeded mutations ({@link ExportMutator}) of
 * a small generated export, each imported through the command's own path
 * (preflight, import, and the exit code {@link Failures} gives, as
 * {@link LeadscoreMain} does) into one store.
 * For every case:
 * <ul>
 *   <li>no crash: nothing is reported as an internal error;</li>
 *   <li>the exit code the contract gives: 2 and nothing written when a file is damaged as a whole, 0
 *       otherwise (bad rows are not a failed job);</li>
 *   <li>every bad row is reported with its file and line, and the columns at fault; a row with a quote left
 *       open says up to which line it took in the rows after it;</li>
 *   <li>every good row is stored: the files' counts add up, and every good lead and deal is in the store with
 *       the value the file gave.</li>
 * </ul>
 * Each case's ids carry their own prefix (some with {@code / ; = +} in them), so the cases do not meet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFuzzTest {
    static final int CASES = 300;
    static final long SEED = 20_261_206L;

    @TempDir
    static Path dir;
    Path export;
    StoreSession session;
    JdbcTemplate jdbc;

    @BeforeAll
    void storeAndExport() {
        export = dir.resolve("export");
        new SyntheticCrmGenerator().generate(export, GeneratorOptions.defaults().withLeads(25).withSeed(3), (d, t) -> { });
        GlobalOptions options = new GlobalOptions();
        options.db = "jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        options.quiet = true;
        session = StoreSession.openOrCreate(options);
        jdbc = session.bean(JdbcTemplate.class);
    }

    @AfterAll
    void close() {
        session.close();
    }

    record Result(int exit, String message, ImportReport report) {
    }

    /** The import command's path, up to its exit code. */
    Result importCase(ExportMutator.Outcome outcome) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try {
            Map<ImportFileKind, ImportPreflight.CheckedFile> checked = ImportCommand.preflight(new CrmImport.Request(
                    outcome.file("leads.csv").toString(), outcome.file("activities.csv").toString(),
                    outcome.file("deals.csv").toString(), outcome.file("followups.csv").toString()));
            ImportReport report = ImportCommand.importInto(session, checked, new Output(sink, OutputFormat.json));
            return new Result(0, null, report);
        } catch (RuntimeException e) {
            Failures.Failure failure = Failures.classify(e);
            if (failure.bug()) {
                throw new AssertionError("crash on " + outcome.mutations() + ": " + failure.message(), e);
            }
            return new Result(failure.exitCode(), failure.message(), null);
        }
    }

    static String prefix(int c) {
        return switch (c % 5) {
            case 0 -> "=f" + c + "/";
            case 1 -> "+f" + c + ";";
            default -> "f" + c + "-";
        };
    }

    @Test
    void everyMutatedExportIsImportedAsTheContractSays() {
        Map<String, Integer> seen = new TreeMap<>();
        for (int c = 0; c < CASES; c++) {
            String prefix = prefix(c);
            ExportMutator.Outcome outcome = ExportMutator.mutate(export, dir.resolve("case-" + c), prefix, SEED + c);
            String label = "case " + c + " " + outcome.mutations();

            Result result = importCase(outcome);

            if (outcome.rejectedFile() != null) {
                assertThat(result.exit()).as(label).isEqualTo(2);
                assertThat(result.message()).as(label).contains(outcome.rejectedFile()).contains("nothing was imported");
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE lead_key LIKE ?", Long.class,
                        escapeLike(prefix) + "%")).as(label).isZero();
                seen.merge("rejected", 1, Integer::sum);
                continue;
            }
            assertThat(result.exit()).as(label + ": " + result.message()).isZero();
            check(outcome, result.report(), prefix, label);
            outcome.files().values().forEach(f -> {
                seen.merge("bad rows", f.badLines().size(), Integer::sum);
                seen.merge("open quotes", f.swallowedTo().size(), Integer::sum);
            });
            seen.merge("imported", 1, Integer::sum);
        }
        // every kind of outcome was exercised (300 cases took 34 s on two busy cores)
        assertThat(seen.get("rejected")).isPositive();
        assertThat(seen.get("imported")).isGreaterThan(CASES / 2);
        assertThat(seen.get("bad rows")).isGreaterThan(CASES);
        assertThat(seen.get("open quotes")).isPositive();
    }

    private void check(ExportMutator.Outcome outcome, ImportReport report, String prefix, String label) {
        assertThat(report.status()).as(label).isEqualTo("COMPLETED");
        Map<String, Map<Long, Set<String>>> reported = new HashMap<>();
        Map<String, Map<Long, List<String>>> reasons = new HashMap<>();
        jdbc.query("SELECT file_name, line_number, column_name, reason FROM import_error WHERE run_id = ?", rs -> {
            String file = Path.of(rs.getString(1)).getFileName().toString();
            long line = rs.getLong(2);
            String column = rs.getString(3);
            reported.computeIfAbsent(file, f -> new TreeMap<>()).computeIfAbsent(line, l -> new HashSet<>())
                    .add(column == null ? ExportMutator.WHOLE_ROW : column);
            reasons.computeIfAbsent(file, f -> new TreeMap<>()).computeIfAbsent(line, l -> new ArrayList<>())
                    .add(rs.getString(4));
        }, report.runId());
        for (ImportReport.FileSummary summary : report.files()) {
            String file = Path.of(summary.fileName()).getFileName().toString();
            ExportMutator.FileOutcome expected = outcome.files().get(file);
            Map<Long, Set<String>> got = reported.getOrDefault(file, Map.of());
            String where = label + " " + file;
            // every bad row, with its line, and nothing else
            assertThat(got.keySet()).as(where + " lines").isEqualTo(expected.badLines().keySet());
            expected.badLines().forEach((line, columns) ->
                    assertThat(got.get(line)).as(where + " line " + line).containsAll(columns));
            expected.swallowedTo().forEach((line, last) -> assertThat(reasons.get(file).get(line))
                    .as(where + " line " + line).anySatisfy(r -> assertThat(r).contains("to line " + last)));
            // every good row stored, none dropped
            assertThat(summary.rejected()).as(where + " rejected").isEqualTo(expected.badLines().size());
            assertThat(summary.imported() + summary.updated() + summary.unchanged()).as(where + " stored")
                    .isEqualTo(expected.goodRows());
        }
        Map<String, Instant> leads = new HashMap<>();
        jdbc.query("SELECT lead_key, created_at FROM lead WHERE lead_key LIKE ?", rs -> {
            leads.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
        }, escapeLike(prefix) + "%");
        assertThat(leads).as(label + " leads").isEqualTo(outcome.leads());
        Map<String, BigDecimal> deals = new HashMap<>();
        jdbc.query("SELECT deal_key, amount FROM deal WHERE deal_key LIKE ?",
                rs -> {
                    deals.put(rs.getString(1), rs.getBigDecimal(2));
                }, escapeLike(prefix) + "%");
        assertThat(deals.keySet()).as(label + " deals").isEqualTo(outcome.dealAmounts().keySet());
        outcome.dealAmounts().forEach((deal, amount) ->
                assertThat(deals.get(deal)).as(label + " " + deal).isEqualByComparingTo(amount));
    }

    private static String escapeLike(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

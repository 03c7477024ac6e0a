package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.GeneratedHistory;
import io.leadscore.batch.RequiresPostgres;
import io.leadscore.batch.TestStores;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.FileRejectedException;
import io.leadscore.batch.leadimport.ImportReport;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.data.synthetic.ExportMutator;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.SyntheticCrmGenerator;
import io.leadscore.scoring.artifact.ModelFile;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The same work on an H2 store and a PostgreSQL store, side by side, gives
 * the same store: PostgreSQL takes the import's new rows with COPY into
 * staging tables and set-based inserts, the rescoring's history with COPY into
 * a partition of its run; H2 takes them in JDBC batches and, on a first load,
 * builds the activities' event key after the rows. Rows, errors (file, line,
 * column, reason), counts, stage moves and scores are compared as text.
 */
@RequiresPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAgreesWithH2Test {
    @TempDir
    Path dir;
    ConfigurableApplicationContext h2;
    ConfigurableApplicationContext postgres;

    @BeforeAll
    void stores() {
        h2 = context("jdbc:h2:mem:agree-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
        postgres = context(TestStores.newPostgresDatabase(), null);
    }

    private static ConfigurableApplicationContext context(String url, String user) {
        var builder = new SpringApplicationBuilder(BatchTestApplication.class).web(WebApplicationType.NONE);
        return user == null
                ? builder.properties(Map.of("spring.datasource.url", url)).run()
                : builder.properties(Map.of("spring.datasource.url", url, "spring.datasource.username", user,
                        "spring.datasource.password", "")).run();
    }

    @AfterAll
    void close() {
        h2.close();
        postgres.close();
    }

    @BeforeEach
    void emptyStores() {
        TestStores.clean(h2.getBean(JdbcTemplate.class));
        TestStores.clean(postgres.getBean(JdbcTemplate.class));
    }

    @Test
    void importsWithBadRowsLeaveTheSameRowsAndTheSameErrors() throws Exception {
        Path export = dir.resolve("export");
        new SyntheticCrmGenerator().generate(export, GeneratorOptions.defaults().withLeads(400).withSeed(5), (d, t) -> { });
        List<ExportMutator.Outcome> cases = new ArrayList<>();
        for (long seed = 1; cases.size() < 2; seed++) {
            ExportMutator.Outcome outcome = ExportMutator.mutate(export, dir.resolve("case-" + seed), "c" + seed + "-", seed);
            if (outcome.rejectedFile() == null
                    && outcome.files().values().stream().mapToInt(f -> f.badLines().size()).sum() >= 3) {
                cases.add(outcome);
            }
        }

        // a first import into empty stores, a later one of other leads, then the first again (every row known)
        for (ExportMutator.Outcome outcome : List.of(cases.get(0), cases.get(1), cases.get(0))) {
            ImportReport onH2 = importInto(h2, outcome);
            ImportReport onPostgres = importInto(postgres, outcome);

            assertThat(onPostgres.status()).isEqualTo("COMPLETED").isEqualTo(onH2.status());
            assertThat(onPostgres.files()).isEqualTo(onH2.files());
            assertThat(onPostgres.totalErrors()).isEqualTo(onH2.totalErrors()).isPositive();
            assertThat(onPostgres.errors()).isEqualTo(onH2.errors());
            assertSameRows(IMPORTED);
        }
        JdbcTemplate jdbc = postgres.getBean(JdbcTemplate.class);
        // the last import found every row stored: nothing new, nothing changed
        Long imported = jdbc.queryForObject("SELECT SUM(imported + updated) FROM import_file WHERE run_id ="
                + " (SELECT MAX(run_id) FROM import_file)", Long.class);
        assertThat(imported).isZero();
        // the staging tables are session-local and empty after each chunk: nothing of them is left in the store
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE '%staging%'"
                + " AND table_schema NOT LIKE 'pg_temp%'", Long.class)).isZero();
    }

    @Test
    void rescoringGivesTheSameScoresHistoryAndMoves() throws Exception {
        GeneratedHistory history = GeneratedHistory.of(1_000, 21);
        history.importInto(h2.getBean(CrmImport.class));
        history.importInto(postgres.getBean(CrmImport.class));
        // one champion for both: trained on H2, its file registered on PostgreSQL
        String version = h2.getBean(Retraining.class).run(new Retraining.Request(history.until(),
                Algorithm.GRADIENT_BOOSTING, PromotionMode.FORCE, 7L, List.of("sales_verdict"))).version();
        byte[] file = h2.getBean(ModelRegistry.class).get(version).artifact();
        ModelRegistry registry = postgres.getBean(ModelRegistry.class);
        String registered = registry.register(ModelFile.fromBytes(file), file, history.until(), null, "test").version();
        registry.promote(registered, "the H2 store's champion", "test");

        // the first run builds every state from the whole history; the next night rolls the stored states forward
        for (Instant asOf : List.of(history.until(), history.until().plus(Duration.ofDays(1)))) {
            RescoreReport onH2 = h2.getBean(Rescoring.class).run(new Rescoring.Request(asOf, false, 2));
            RescoreReport onPostgres = postgres.getBean(Rescoring.class).run(new Rescoring.Request(asOf, false, 2));

            assertThat(onPostgres.completed()).isTrue();
            assertThat(onH2.completed()).isTrue();
            assertThat(onPostgres.figures().leadsScored()).isEqualTo(onH2.figures().leadsScored()).isPositive();
            String scores = "SELECT l.lead_key, h.score, h.grade FROM score_history h JOIN lead l ON l.id = h.lead_id"
                    + " WHERE h.run_id = ? ORDER BY l.lead_key";
            assertThat(history(postgres, scores, onPostgres.runId())).hasSize((int) onH2.figures().leadsScored())
                    .isEqualTo(history(h2, scores, onH2.runId()));
            assertSameRows(RESCORED);
        }
        // on PostgreSQL each run wrote into a partition of its own
        JdbcTemplate jdbc = postgres.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForList("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'score_history'"
                + " AND c.relname LIKE 'score_history_run_%'", String.class)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM score_history_unplanned", Long.class)).isZero();
    }

    @Test
    void anImportThatFailsMidFileIsRestartedFromItsLastCommittedChunkAlike() throws Exception {
        GeneratedHistory history = GeneratedHistory.of(600, 8);
        List<String> lines = java.nio.file.Files.readAllLines(history.file("activities.csv"));
        // an event past the first chunk (5,000 rows) that the store will refuse: its lead's activities fail to write
        assertThat(lines.size()).isGreaterThan(7_001);
        int at = 7_000;
        while (!lines.get(at).matches("LD-\\d+,.*")) {
            at++; // a line inside a quoted detail that spans lines
        }
        String poisoned = lines.get(at).substring(0, lines.get(at).indexOf(','));
        List<Long> rowsRead = new ArrayList<>();
        for (ConfigurableApplicationContext store : List.of(h2, postgres)) {
            CrmImport.Request request = new CrmImport.Request(history.file("leads.csv").toString(),
                    history.file("activities.csv").toString(), null, null);
            JdbcTemplate jdbc = store.getBean(JdbcTemplate.class);
            // the leads go in first; the activities' step then fails on the poisoned lead's rows
            store.getBean(CrmImport.class).run(new CrmImport.Request(request.leads(), null, null, null));
            Long poisonedId = jdbc.queryForObject("SELECT id FROM lead WHERE lead_key = ?", Long.class, poisoned);
            jdbc.execute("ALTER TABLE activity ADD CONSTRAINT test_poisoned CHECK (lead_id <> " + poisonedId + ")");
            ImportReport failed = store.getBean(CrmImport.class).run(new CrmImport.Request(null,
                    request.activities(), null, null));
            assertThat(failed.status()).isEqualTo("FAILED");
            // the first chunk committed, the failed one left nothing; and a process killed there instead of
            // failing would have left H2 without the event key it defers: the restart must cope with that too
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity", Long.class)).isEqualTo(5_000L);
            jdbc.execute("ALTER TABLE activity DROP CONSTRAINT test_poisoned");
            ActivityEventKey.drop(jdbc);

            var execution = store.getBean(org.springframework.batch.core.repository.JobRepository.class)
                    .getJobExecution(failed.executionId());
            var restarted = store.getBean(org.springframework.batch.core.launch.JobOperator.class).restart(execution);

            assertThat(restarted.getStatus().name()).isEqualTo("COMPLETED");
            assertThat(ActivityEventKey.present(jdbc)).as("the event key after the restart").isTrue();
            // every row read once over both attempts; an event the file lists twice is stored once
            ImportReport report = store.getBean(CrmImport.class).report(restarted);
            String label = store == h2 ? "H2" : "PostgreSQL";
            assertThat(report.files()).as(label).singleElement().satisfies(f -> {
                // a record may span lines (a quoted detail with line breaks): a little fewer records than lines
                assertThat(f.rowsRead()).as(label).isBetween(lines.size() - 100L, lines.size() - 1L);
                assertThat(f.imported() + f.unchanged()).as(label).isEqualTo(f.rowsRead());
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity", Long.class)).as(label)
                        .isEqualTo(f.imported());
                rowsRead.add(f.rowsRead());
            });
        }
        assertThat(rowsRead.get(1)).isEqualTo(rowsRead.get(0));
        assertSameRows(IMPORTED);
    }

    private static ImportReport importInto(ConfigurableApplicationContext store, ExportMutator.Outcome outcome)
            throws FileRejectedException {
        return store.getBean(CrmImport.class).run(new CrmImport.Request(outcome.file("leads.csv").toString(),
                outcome.file("activities.csv").toString(), outcome.file("deals.csv").toString(),
                outcome.file("followups.csv").toString()));
    }

    /**
     * Every table the import writes, by natural keys, as text: without store ids and run ids (the tests share the
     * two stores, and a test that trains on H2 alone numbers that store's later runs one higher).
     */
    private static final List<String> IMPORTED = List.of(
            "SELECT lead_key, created_at, email, company, industry, employees, annual_revenue, country, job_title,"
                    + " seniority, department, source, campaign, custom_attributes, content_hash, stage,"
                    + " stage_changed_at, mql_at FROM lead ORDER BY lead_key",
            "SELECT l.lead_key, a.occurred_at, a.type, a.detail, a.detail_hash FROM activity a"
                    + " JOIN lead l ON l.id = a.lead_id ORDER BY l.lead_key, a.occurred_at, a.type, a.detail_hash",
            "SELECT d.deal_key, l.lead_key, d.created_at, d.status, d.closed_at, d.amount, d.lost_reason,"
                    + " d.content_hash FROM deal d JOIN lead l ON l.id = d.lead_id ORDER BY d.deal_key",
            "SELECT l.lead_key, f.occurred_at, f.rep_key, f.channel, f.outcome, f.reason, f.content_hash"
                    + " FROM followup f JOIN lead l ON l.id = f.lead_id"
                    + " ORDER BY l.lead_key, f.occurred_at, f.rep_key",
            "SELECT l.lead_key, t.from_stage, t.to_stage, t.occurred_at, t.reason"
                    + " FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                    + " ORDER BY l.lead_key, t.occurred_at, t.run_id, t.to_stage",
            "SELECT file_kind, rows_read, imported, updated, unchanged, rejected, extra_columns FROM import_file"
                    + " ORDER BY run_id, file_kind");

    /**
     * What the rescoring writes besides the history, without run ids and model versions (the H2 store ran a
     * training job the other did not, so its runs are numbered one higher).
     */
    private static final List<String> RESCORED = List.of(
            "SELECT lead_key, stage, stage_changed_at, mql_at, sla_state FROM lead ORDER BY lead_key",
            "SELECT l.lead_key, t.from_stage, t.to_stage, t.occurred_at, t.reason FROM stage_transition t"
                    + " JOIN lead l ON l.id = t.lead_id ORDER BY l.lead_key, t.occurred_at, t.id",
            "SELECT l.lead_key, s.score, s.grade, s.reasons, s.features_as_of, s.features_settings,"
                    + " CASE WHEN s.pending_from IS NULL THEN 0 ELSE 1 END,"
                    + " s.features FROM lead_score s JOIN lead l ON l.id = s.lead_id ORDER BY l.lead_key");

    private void assertSameRows(List<String> queries) {
        for (String sql : queries) {
            assertThat(rows(postgres, sql)).as(sql).isEqualTo(rows(h2, sql));
        }
    }

    private static List<String> history(ConfigurableApplicationContext store, String sql, long runId) {
        return store.getBean(JdbcTemplate.class).query(sql, (rs, i) -> text(rs), runId);
    }

    private static List<String> rows(ConfigurableApplicationContext store, String sql) {
        return store.getBean(JdbcTemplate.class).query(sql, (rs, i) -> text(rs));
    }

    /** A row as text the same on both stores: instants in UTC, decimals without trailing zeros, bytes in hex. */
    private static String text(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder row = new StringBuilder();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            Object value = switch (meta.getColumnType(c)) {
                case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP -> Instants.read(rs, c);
                case Types.NUMERIC, Types.DECIMAL -> rs.getBigDecimal(c) == null ? null
                        : rs.getBigDecimal(c).stripTrailingZeros().toPlainString();
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(c) == null ? null
                        : java.util.HexFormat.of().formatHex(rs.getBytes(c));
                case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getObject(c) == null ? null : rs.getDouble(c);
                case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getObject(c) == null ? null
                        : rs.getLong(c);
                default -> rs.getString(c);
            };
            row.append(c == 1 ? "" : " | ").append(value);
        }
        return row.toString();
    }
}

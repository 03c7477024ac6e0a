package io.leadscore.batch.leadimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.leadscore.batch.TestStores;
import io.leadscore.batch.store.ActivityEventKey;
import io.leadscore.batch.store.ActivityLeadKey;
import io.leadscore.batch.store.CustomAttributes;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.batch.store.JobLock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The import job against the contract, on whichever store the subclass names.
 * The fixture files (test resources, UTF-8 with a byte-order mark and CRLF
 * line ends) put one bad row of every kind the contract names between good
 * rows with quoted commas, doubled quotes and line breaks.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class CrmImportJobTest {
    @Autowired
    CrmImport crmImport;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobLock jobLock;
    @Autowired
    org.springframework.batch.core.launch.JobOperator jobOperator;

    @BeforeEach
    void emptyStore() {
        TestStores.clean(jdbc);
    }

    static String fixture(String name) {
        try {
            return Path.of(CrmImportJobTest.class.getResource("/import/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CrmImport.Request allFixtures() {
        return new CrmImport.Request(fixture("leads.csv"), fixture("activities.csv"), fixture("deals.csv"),
                fixture("followups.csv"));
    }

    @Test
    void importsEveryGoodRowAndReportsEveryBadRowWithItsLine() throws Exception {
        ImportReport report = crmImport.run(allFixtures());

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.files()).extracting(ImportReport.FileSummary::kind, ImportReport.FileSummary::rowsRead,
                        ImportReport.FileSummary::imported, ImportReport.FileSummary::updated,
                        ImportReport.FileSummary::unchanged, ImportReport.FileSummary::rejected)
                .containsExactly(
                        tuple(ImportFileKind.LEADS, 14L, 3L, 0L, 0L, 11L),
                        tuple(ImportFileKind.ACTIVITIES, 8L, 4L, 0L, 0L, 4L),
                        tuple(ImportFileKind.DEALS, 8L, 2L, 0L, 0L, 6L),
                        tuple(ImportFileKind.FOLLOWUPS, 4L, 2L, 0L, 0L, 2L));
        assertThat(report.files().get(0).extraColumns()).containsExactly("Budget Band", "crm_score");
        assertThat(report.files().get(1).extraColumns()).containsExactly("channel_hint");

        String leads = fixture("leads.csv");
        assertThat(report.errors()).filteredOn(e -> e.file().equals(leads))
                .extracting(ImportReport.RowError::line, ImportReport.RowError::column)
                .containsExactly(
                        tuple(5L, "created_at"),      // impossible date 2026-02-30
                        tuple(6L, "created_at"),      // "yesterday"
                        tuple(7L, "employees"),       // negative
                        tuple(8L, "employees"),       // not a number
                        tuple(9L, "seniority"),       // unknown enum value
                        tuple(10L, "lead_id"),        // 72-character id
                        tuple(11L, "lead_id"),        // missing required value
                        tuple(12L, "created_at"),     // missing required value
                        tuple(14L, "annual_revenue"), // negative decimal
                        tuple(15L, "country"),        // not an ISO code
                        tuple(16L, "lead_id"));       // repeated id
        assertThat(report.errors()).filteredOn(e -> e.file().equals(fixture("activities.csv")))
                .extracting(ImportReport.RowError::line, ImportReport.RowError::column)
                .containsExactly(tuple(4L, "lead_id"), tuple(5L, "type"), tuple(6L, "occurred_at"), tuple(7L, "lead_id"));
        assertThat(report.errors()).filteredOn(e -> e.file().equals(fixture("deals.csv")))
                .extracting(ImportReport.RowError::line, ImportReport.RowError::column)
                .containsExactly(tuple(3L, "closed_at"), tuple(4L, "closed_at"), tuple(5L, "status"),
                        tuple(6L, "amount"), tuple(7L, "amount"), tuple(9L, "lead_id"));
        assertThat(report.errors()).filteredOn(e -> e.file().equals(fixture("followups.csv")))
                .extracting(ImportReport.RowError::line, ImportReport.RowError::column)
                .containsExactly(tuple(3L, "channel"), tuple(4L, "outcome"));
        assertThat(report.totalErrors()).isEqualTo(report.errors().size());
        assertThat(report.errors()).extracting(ImportReport.RowError::reason)
                .anySatisfy(r -> assertThat(r).contains("2026-02-30"))
                .anySatisfy(r -> assertThat(r).contains("unknown value 'wizard'"))
                .anySatisfy(r -> assertThat(r).contains("unknown lead 'L-999'"))
                .anySatisfy(r -> assertThat(r).contains("at most 64"));

        // what was written
        Map<String, Object> acme = jdbc.queryForMap("SELECT * FROM lead WHERE lead_key = 'L-001'");
        assertThat(acme).containsEntry("COMPANY", "Acme, Inc.").containsEntry("JOB_TITLE", "Head of \"Data\"")
                .containsEntry("INDUSTRY", "software").containsEntry("COUNTRY", "DE").containsEntry("SENIORITY", "director")
                .containsEntry("DEPARTMENT", "it").containsEntry("SOURCE", "webinar").containsEntry("STAGE", "WON");
        assertThat(CustomAttributes.decode((String) acme.get("CUSTOM_ATTRIBUTES")))
                .isEqualTo(Map.of("Budget Band", "high", "crm_score", "71"));
        Map<String, Object> globex = jdbc.queryForMap("SELECT * FROM lead WHERE lead_key = 'L-002'");
        assertThat(globex).containsEntry("COMPANY", "Globex\r\nHoldings").containsEntry("INDUSTRY", "financial services")
                .containsEntry("SENIORITY", "c_level");
        assertThat(jdbc.queryForList("SELECT lead_key FROM lead ORDER BY lead_key", String.class))
                .containsExactly("L-001", "L-002", "L-009");
        assertThat(jdbc.queryForList("SELECT detail FROM activity ORDER BY occurred_at", String.class))
                .containsExactly("/pricing, annual", "/pricing", "line one\r\nline \"two\"", null);
        assertThat(jdbc.queryForList("SELECT deal_key || ':' || status || ':' || CAST(amount AS VARCHAR(30)) FROM deal ORDER BY deal_key",
                String.class)).containsExactly("D-1:WON:25000.5000", "D-7:OPEN:5000.0000");
        assertThat(jdbc.queryForList("SELECT outcome FROM followup ORDER BY occurred_at", String.class))
                .containsExactly("ACCEPTED", "REJECTED");
        // the stage engine: follow-ups and deals moved their leads, each move recorded
        assertThat(jdbc.queryForList("SELECT l.lead_key || ' ' || COALESCE(t.from_stage, '-') || '>' || t.to_stage || ': '"
                + " || t.reason FROM stage_transition t JOIN lead l ON l.id = t.lead_id ORDER BY l.lead_key, t.id", String.class))
                .containsExactly(
                        "L-001 ->LEAD: imported",
                        "L-001 LEAD>SAL: follow-up accepted",
                        "L-001 SAL>OPPORTUNITY: deal D-1 opened",
                        "L-001 OPPORTUNITY>WON: deal D-1 won",
                        "L-002 ->LEAD: imported",
                        "L-009 ->LEAD: imported",
                        "L-009 LEAD>NURTURE: rejected by sales: bad_fit",
                        "L-009 NURTURE>OPPORTUNITY: deal D-7 opened");
        assertThat(jdbc.queryForList("SELECT lead_key || ':' || stage FROM lead ORDER BY lead_key", String.class))
                .containsExactly("L-001:WON", "L-002:LEAD", "L-009:OPPORTUNITY");
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM import_error WHERE run_id = ?", Long.class, report.runId());
        assertThat(stored).isEqualTo(23L);

        // the job's own counts: read, written and skipped per step
        JobExecution execution = jobRepository.getJobExecution(report.executionId());
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(execution.getStepExecutions())
                .extracting(StepExecution::getStepName, StepExecution::getReadCount, StepExecution::getWriteCount,
                        StepExecution::getProcessSkipCount)
                .containsExactlyInAnyOrder(
                        tuple("leadImportStep", 14L, 3L, 11L),
                        tuple("activityImportStep", 8L, 4L, 4L),
                        tuple("dealImportStep", 8L, 2L, 6L),
                        tuple("followUpImportStep", 4L, 2L, 2L),
                        tuple("importStageUpdateStep", 2L, 2L, 0L));
    }

    @Test
    void hostileValuesAreRowErrorsWithTheirLineAndColumnAndTheGoodRowsStay(@TempDir Path dir) throws Exception {
        Path leads = dir.resolve("leads.csv");
        Files.writeString(leads, "lead_id,created_at,company\n"
                + "H-1,+999999999-12-31T23:59:59Z,Far future\n"        // 2: parses, but overflows every later step
                + "H-2,1900-01-01,Before the epoch\n"                  // 3
                + "H-3,2026-01-02,\"Esc\u001B]0;title\u0007 Corp\"\n"    // 4: good; an escape in data is data
                + "H-4,2026\u001B[2J-01-01,Clear screen\n"             // 5: the bad value is shown, not obeyed
                + "H-5,2026-01-03,\"Open quote\n"                      // 6: the quote runs on ...
                + "H-6,2026-01-04,Swallowed\n"                         // 7
                + "H-7,2026-01-05,\"Closed\"\n"                        // 8: ... to the next quote
                + "H-8,2026-01-06,Good\n"                              // 9
                + "H-9,2026-01-07," + "x".repeat(2_001) + "\n"          // 10: no company is that long
                + "H-10,2026-01-08," + "y".repeat(2_000) + "\n"         // 11: the longest kept
                + "H-11,2026-01-08," + "\uD83D\uDE00".repeat(2_000) + "\n"   // 12: 2,000 emoji
                + "H-3\u200B,2026-01-08,Looks like H-3\n", StandardCharsets.UTF_8); // 13: an id that looks like another
        Path deals = dir.resolve("deals.csv");
        Files.writeString(deals, "deal_id,lead_id,created_at,status,closed_at,amount\n"
                + "D-1,H-3,2026-02-01,won,2026-03-01,1250.12345\n"     // 2: a fifth decimal place would be rounded away
                + "D-2,H-3,2026-02-01,won,2026-03-01,1250.1234\n"
                + "D-3,H-8,2026-02-01,open,,1e-7\n", StandardCharsets.UTF_8);

        ImportReport report = crmImport.run(new CrmImport.Request(leads.toString(), null, deals.toString(), null));

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.errors()).extracting(ImportReport.RowError::line, ImportReport.RowError::column)
                .containsExactly(tuple(2L, "created_at"), tuple(3L, "created_at"), tuple(5L, "created_at"),
                        tuple(6L, null), tuple(10L, "company"), tuple(13L, "lead_id"), tuple(2L, "amount"),
                        tuple(4L, "amount"));
        assertThat(report.errors().get(5).reason()).isEqualTo("id 'H-3' holds an invisible character (U+200B) that"
                + " makes it look like another id; ids are printable text");
        assertThat(report.errors().get(0).reason())
                .isEqualTo("Timestamp '+999999999-12-31T23:59:59Z' is out of range: expected a time from 1970-01-01 to"
                        + " 2199-12-31 (UTC)");
        assertThat(report.errors().get(2).reason()).contains("'2026\\u001B[2J-01-01'").doesNotContain("\u001B");
        assertThat(report.errors().get(3).reason()).contains("runs from line 6 to line 8", "took in lines 7 to 8");
        assertThat(report.errors().get(4).reason()).startsWith("value of 2001 characters, at most 2000 allowed");
        assertThat(report.errors().get(6).reason()).contains("'1250.12345' has 5 decimal places", "at most 4");
        assertThat(jdbc.queryForList("SELECT reason FROM import_error", String.class)).noneMatch(r -> r.contains("\u001B"));
        assertThat(jdbc.queryForList("SELECT lead_key FROM lead ORDER BY lead_key", String.class))
                .containsExactly("H-10", "H-11", "H-3", "H-8");
        assertThat(jdbc.queryForObject("SELECT company FROM lead WHERE lead_key = 'H-3'", String.class))
                .isEqualTo("Esc\u001B]0;title\u0007 Corp");
        assertThat(jdbc.queryForList("SELECT deal_key || ':' || CAST(amount AS VARCHAR(30)) FROM deal", String.class))
                .containsExactly("D-2:1250.1234");
    }

    @Test
    void importingTheSameFilesAgainChangesNothing() throws Exception {
        crmImport.run(allFixtures());
        List<Map<String, Object>> leadsBefore = jdbc.queryForList("SELECT * FROM lead ORDER BY id");
        long transitionsBefore = count("stage_transition");

        ImportReport again = crmImport.run(allFixtures());

        assertThat(again.files()).extracting(ImportReport.FileSummary::imported, ImportReport.FileSummary::updated,
                        ImportReport.FileSummary::unchanged)
                .containsExactly(tuple(0L, 0L, 3L), tuple(0L, 0L, 4L), tuple(0L, 0L, 2L), tuple(0L, 0L, 2L));
        assertThat(jdbc.queryForList("SELECT * FROM lead ORDER BY id")).isEqualTo(leadsBefore);
        assertThat(count("activity")).isEqualTo(4);
        assertThat(count("deal")).isEqualTo(2);
        assertThat(count("followup")).isEqualTo(2);
        assertThat(count("stage_transition")).isEqualTo(transitionsBefore);
    }

    /**
     * A deal sent again may correct its amount, close, or reopen after a loss; it may not move to another lead or
     * undo a win, which would leave a lead's stage saying what its deals no longer say (a WON lead with no won
     * deal). Such a row is refused with the stored deal named, and the store keeps the deal as it was.
     */
    @Test
    void aStoredDealKeepsItsLeadAndAWonDealStaysWon(@TempDir Path dir) throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));
        Path first = Files.writeString(dir.resolve("deals.csv"), "deal_id,lead_id,created_at,status,closed_at,amount\n"
                + "K-1,L-001,2026-02-01,won,2026-03-01T12:00:00Z,25000\n"
                + "K-2,L-002,2026-02-01,lost,2026-02-10,1000\n");
        crmImport.run(new CrmImport.Request(null, null, first.toString(), null));
        assertThat(jdbc.queryForObject("SELECT stage FROM lead WHERE lead_key = 'L-001'", String.class)).isEqualTo("WON");

        Path again = Files.writeString(dir.resolve("deals-again.csv"), "deal_id,lead_id,created_at,status,closed_at,amount\n"
                + "K-1,L-001,2026-02-01,open,,25000\n"                         // 2: a win undone
                + "K-1,L-002,2026-02-01,won,2026-03-01T12:00:00Z,25000\n"      // 3: the same deal twice, too
                + "K-2,L-001,2026-02-01,lost,2026-02-10,1000\n"                // 4: moved to another lead
                + "K-2,L-002,2026-02-01,open,,1200\n");                        // 5: twice as well
        ImportReport report = crmImport.run(new CrmImport.Request(null, null, again.toString(), null));

        assertThat(report.errors()).extracting(ImportReport.RowError::line, ImportReport.RowError::column)
                .contains(tuple(2L, "status"), tuple(4L, "lead_id"));
        assertThat(report.errors()).filteredOn(e -> e.line() == 2).extracting(ImportReport.RowError::reason)
                .containsExactly("deal 'K-1' was won on 2026-03-01T12:00:00Z and made lead 'L-001' a customer: a won"
                        + " deal stays won, as a won lead does (a new sale is a new deal)");
        assertThat(report.errors()).filteredOn(e -> e.line() == 4).extracting(ImportReport.RowError::reason)
                .containsExactly("deal 'K-2' is stored for lead 'L-002': a deal stays with the lead it was opened for,"
                        + " whose stage it moved (close it lost there and open a new deal for this lead)");
        assertThat(jdbc.queryForList("SELECT d.deal_key || ':' || l.lead_key || ':' || d.status FROM deal d"
                + " JOIN lead l ON l.id = d.lead_id ORDER BY d.deal_key", String.class))
                .containsExactly("K-1:L-001:WON", "K-2:L-002:LOST");

        // a correction the stages follow: the lost deal reopened, with a new amount
        Path reopened = Files.writeString(dir.resolve("deals-reopened.csv"),
                "deal_id,lead_id,created_at,status,closed_at,amount\nK-2,L-002,2026-02-01,open,,1200\n");
        ImportReport corrected = crmImport.run(new CrmImport.Request(null, null, reopened.toString(), null));

        assertThat(corrected.errors()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT stage FROM lead WHERE lead_key = 'L-002'", String.class))
                .isEqualTo("OPPORTUNITY");
    }

    /**
     * A follow-up is known by its lead, its time and its rep: a second row of the same three is refused with the
     * first named, not stored over it (the first touch the SLA measures was lost, and importing the file again
     * updated both rows every time).
     */
    @Test
    void aFollowUpRepeatedAtTheSameTimeByTheSameRepIsRefusedAndTheFileSettles(@TempDir Path dir) throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));
        Path followUps = Files.writeString(dir.resolve("followups.csv"), "lead_id,occurred_at,rep,channel,outcome,reason\n"
                + "L-001,2026-01-08,r1,call,no_answer,\n"
                + "L-001,2026-01-08,r1,call,accepted,\n"        // 3: the same lead, time and rep
                + "L-001,2026-01-08,r2,call,accepted,\n"        // another rep: another follow-up
                + "L-001,2026-01-08T10:00:00Z,r1,call,accepted,\n");

        ImportReport first = crmImport.run(new CrmImport.Request(null, null, null, followUps.toString()));
        ImportReport again = crmImport.run(new CrmImport.Request(null, null, null, followUps.toString()));

        assertThat(first.errors()).extracting(ImportReport.RowError::line, ImportReport.RowError::column,
                ImportReport.RowError::reason).containsExactly(tuple(3L, "occurred_at", "a follow-up of lead 'L-001' by"
                + " rep 'r1' at 2026-01-08T00:00:00Z appears again with another outcome, channel or reason (first on"
                + " line 2); a follow-up is known by its lead, its time and its rep: give each its own time"));
        assertThat(jdbc.queryForList("SELECT f.outcome FROM followup f JOIN lead l ON l.id = f.lead_id"
                + " WHERE l.lead_key = 'L-001' AND f.rep = 'r1' ORDER BY f.occurred_at", String.class))
                .containsExactly("NO_ANSWER", "ACCEPTED");
        assertThat(again.files()).singleElement().extracting(ImportReport.FileSummary::imported,
                ImportReport.FileSummary::updated, ImportReport.FileSummary::unchanged,
                ImportReport.FileSummary::rejected).containsExactly(0L, 0L, 3L, 1L);
    }

    @Test
    void aChangedRowUpdatesTheStoredOne(@TempDir Path dir) throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));
        Path changed = dir.resolve("leads.csv");
        Files.writeString(changed, "lead_id,created_at,employees,company\n"
                + "L-001,2026-01-05T09:30:00Z,300,\"Acme, Inc.\"\n"
                + "L-050,2026-01-20,5,New Co\n", StandardCharsets.UTF_8);

        ImportReport report = crmImport.run(new CrmImport.Request(changed.toString(), null, null, null));

        assertThat(report.files().get(0)).extracting(ImportReport.FileSummary::imported, ImportReport.FileSummary::updated,
                ImportReport.FileSummary::rejected).containsExactly(1L, 1L, 0L);
        assertThat(jdbc.queryForObject("SELECT employees FROM lead WHERE lead_key = 'L-001'", Long.class)).isEqualTo(300L);
        assertThat(count("lead")).isEqualTo(4);
        // a partial export changes what it carries: the columns it lacks, custom ones too, keep their stored values
        assertThat(jdbc.queryForObject("SELECT email || ' ' || country || ' ' || seniority || ' ' || custom_attributes"
                + " FROM lead WHERE lead_key = 'L-001'", String.class))
                .startsWith("anna.berg@acme.example DE director ").contains("high");
    }

    /** A column the import ignores (an extra column of a file other than leads) is not read: no length of it refuses its row. */
    @Test
    void aLongValueInAnIgnoredColumnDoesNotRefuseItsRow(@TempDir Path dir) throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));
        Path activities = Files.writeString(dir.resolve("activities.csv"), "lead_id,occurred_at,type,junk\n"
                + "L-001,2026-01-09T10:00:00Z,page_view," + "j".repeat(3_000) + "\n");
        Path leads = Files.writeString(dir.resolve("leads.csv"), "lead_id,created_at,notes\n"
                + "L-777,2026-01-09," + "n".repeat(3_000) + "\n");

        ImportReport report = crmImport.run(new CrmImport.Request(leads.toString(), activities.toString(), null, null));

        // a lead's extra column is a custom attribute it keeps: that one is read, and held to the length of a value
        assertThat(report.errors()).extracting(ImportReport.RowError::file, ImportReport.RowError::column)
                .containsExactly(tuple(leads.toString(), "notes"));
        assertThat(report.files().get(1).imported()).isEqualTo(1L);
    }

    /** An empty field clears its value; a column the file lacks is not an empty field, and keeps it. */
    @Test
    void aPartialExportKeepsTheColumnsItLacksAndClearsTheFieldsItLeavesEmpty(@TempDir Path dir) throws Exception {
        Path full = Files.writeString(dir.resolve("full.csv"), "lead_id,created_at,company,employees,country,budget\n"
                + "P1,2025-01-01,Acme,10,US,big\n");
        Path part = Files.writeString(dir.resolve("part.csv"), "lead_id,created_at,company,country\nP1,2025-01-01,Acme2,\n");
        crmImport.run(new CrmImport.Request(full.toString(), null, null, null));

        ImportReport first = crmImport.run(new CrmImport.Request(part.toString(), null, null, null));
        ImportReport again = crmImport.run(new CrmImport.Request(part.toString(), null, null, null));

        assertThat(first.files().get(0).updated()).isEqualTo(1L);
        assertThat(again.files().get(0).unchanged()).isEqualTo(1L);
        assertThat(jdbc.queryForMap("SELECT company, employees, country, custom_attributes FROM lead WHERE lead_key = 'P1'"))
                .satisfies(lead -> {
                    assertThat(lead.get("COMPANY")).isEqualTo("Acme2");
                    assertThat(((Number) lead.get("EMPLOYEES")).longValue()).isEqualTo(10L);
                    assertThat(lead.get("COUNTRY")).isNull();
                    assertThat(String.valueOf(lead.get("CUSTOM_ATTRIBUTES"))).contains("budget", "big");
                });
    }

    /**
     * A store that refuses a write after three chunks (a full disk, a lost connection: here a constraint that
     * refuses one row of the fourth chunk) fails the step; once the store is mended the user restarts the run,
     * which reads on after the committed chunks: every event is stored once, every bad row reported once, with its
     * line.
     */
    @Test
    void aRestartedImportStoresEveryRowOnceAndReportsEveryBadRowOnce(@TempDir Path dir) throws Exception {
        // given an activities file of four chunks and more
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));
        int rows = 3 * CrmImportJobConfiguration.CHUNK_SIZE + 1_000;
        StringBuilder good = new StringBuilder("lead_id,occurred_at,type,detail\n");
        for (int i = 0; i < rows; i++) {
            // every 1,000th row names an unknown lead: a row error on its line (the header is line 1)
            String lead = i % 1_000 == 999 ? "L-404" : List.of("L-001", "L-002", "L-009").get(i % 3);
            good.append(lead).append(",2026-01-06T10:00:").append(String.format("%02d", i % 60)).append('.')
                    .append(String.format("%06d", i)).append("Z,email_open,\"event\t").append(i).append("\"\n");
        }
        Path activities = dir.resolve("activities.csv");
        Files.writeString(activities, good, StandardCharsets.UTF_8);
        // and a store that refuses row 3 * CHUNK_SIZE + 900, in the fourth chunk
        int refused = 3 * CrmImportJobConfiguration.CHUNK_SIZE + 900;
        jdbc.execute("ALTER TABLE activity ADD CONSTRAINT test_refuses_one CHECK (detail NOT LIKE '%\t" + refused + "')");

        ImportReport failed = crmImport.run(Map.of(ImportFileKind.ACTIVITIES, new ImportPreflight.CheckedFile(
                ImportFileKind.ACTIVITIES, activities.toString(), rows, List.of())));
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(count("activity")).isEqualTo(3L * CrmImportJobConfiguration.CHUNK_SIZE - 15);

        jdbc.execute("ALTER TABLE activity DROP CONSTRAINT test_refuses_one");
        JobExecution restarted = jobOperator.restart(jobRepository.getJobExecution(failed.executionId()));
        ImportReport report = crmImport.report(restarted);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(count("activity")).isEqualTo(rows - rows / 1_000);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT detail) FROM activity", Long.class))
                .isEqualTo(rows - rows / 1_000);
        assertThat(report.files()).singleElement().extracting(ImportReport.FileSummary::imported,
                ImportReport.FileSummary::rejected).containsExactly((long) (rows - rows / 1_000), (long) (rows / 1_000));
        List<Long> expectedLines = new java.util.ArrayList<>();
        for (int i = 999; i < rows; i += 1_000) {
            expectedLines.add((long) i + 2);
        }
        assertThat(report.errors()).extracting(ImportReport.RowError::line).containsExactlyElementsOf(expectedLines);
        assertThat(report.errors()).allSatisfy(e -> assertThat(e.reason()).contains("unknown lead 'L-404'"));
        // the stored values are the file's, to the microsecond and with the tab kept
        assertThat(jdbc.queryForObject("SELECT detail FROM activity WHERE detail = ?", String.class, "event\t12345"))
                .isEqualTo("event\t12345");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity WHERE occurred_at = CAST(? AS TIMESTAMP WITH TIME ZONE)",
                Long.class, java.time.OffsetDateTime.parse("2026-01-06T10:00:45.012345Z"))).isEqualTo(1L);
    }

    /**
     * A first load into an empty activity table builds the event key after the rows (and, on PostgreSQL, adds back
     * and validates the foreign key to the leads): afterwards the store has both keys anew, an event the file lists
     * twice is stored once and counted as unchanged, and the keys hold for the next writer.
     */
    @Test
    void aFirstLoadOfActivitiesBuildsItsKeysAfterTheRows(@TempDir Path dir) throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));
        boolean postgres = dialect() == StoreDialect.POSTGRESQL;
        Long leadKeyBefore = postgres ? leadKeyOid() : null;
        Path activities = dir.resolve("activities.csv");
        Files.writeString(activities, "lead_id,occurred_at,type,detail\n"
                + "L-001,2026-01-05T10:00:00Z,page_view,/pricing\n"
                + "L-002,2026-01-06T10:00:00Z,email_open,Welcome\n"
                + "L-001,2026-01-05T10:00:00Z,page_view,/pricing\n"
                + "L-404,2026-01-06T10:00:00Z,email_open,Welcome\n", StandardCharsets.UTF_8);

        ImportReport report = crmImport.run(new CrmImport.Request(null, activities.toString(), null, null));

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.files()).singleElement().extracting(ImportReport.FileSummary::imported,
                ImportReport.FileSummary::unchanged, ImportReport.FileSummary::rejected).containsExactly(2L, 1L, 1L);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5L);
            assertThat(e.reason()).contains("unknown lead 'L-404'");
        });
        assertThat(count("activity")).isEqualTo(2);
        assertThat(ActivityEventKey.present(jdbc)).as("the event key").isTrue();
        if (postgres) {
            assertThat(ActivityLeadKey.valid(jdbc)).as("the lead key, validated").isTrue();
            assertThat(leadKeyOid()).as("the lead key was dropped for the load and added back").isNotEqualTo(leadKeyBefore);
            // the key checks rows again: an activity of no stored lead is refused
            assertThatThrownBy(() -> jdbc.update("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
                    + " VALUES (987654321, CURRENT_TIMESTAMP, 0, 'x', 1)"))
                    .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        }
        // the event key refuses a repeat again
        assertThatThrownBy(() -> jdbc.update("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
                + " SELECT lead_id, occurred_at, type, detail, detail_hash FROM activity WHERE detail = '/pricing'"))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    /**
     * A load killed before it built its keys leaves the store without them; a live request meanwhile still writes
     * its events if absent (on PostgreSQL its conflict clause names no key), and the next load builds the keys,
     * keeping each event once.
     */
    @Test
    void liveEventsWrittenWhileTheKeysAreMissingAreKeptOnce() throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), fixture("activities.csv"), null, null));
        long stored = count("activity");
        ActivityEventKey.drop(jdbc);
        if (dialect() == StoreDialect.POSTGRESQL) {
            ActivityLeadKey.drop(jdbc);
        }
        long lead = jdbc.queryForObject("SELECT id FROM lead WHERE lead_key = 'L-001'", Long.class);
        java.time.Instant at = java.time.Instant.parse("2026-01-05T10:00:00Z");
        ImportRows.ActivityRow known = new ImportRows.ActivityRow(0, lead, at,
                io.leadscore.scoring.domain.ActivityType.PAGE_VIEW, "/pricing, annual");
        ImportRows.ActivityRow fresh = new ImportRows.ActivityRow(0, lead, at.plusSeconds(60),
                io.leadscore.scoring.domain.ActivityType.PAGE_VIEW, "/live");

        boolean[] inserted = new ActivityWriter(jdbc, dialect()).writeLive(List.of(known, fresh));

        assertThat(inserted[1]).as("the new live event").isTrue();
        ImportReport again = crmImport.run(new CrmImport.Request(null, fixture("activities.csv"), null, null));
        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(count("activity")).as("every event once").isEqualTo(stored + 1);
        assertThat(ActivityEventKey.present(jdbc)).isTrue();
        if (dialect() == StoreDialect.POSTGRESQL) {
            assertThat(ActivityLeadKey.valid(jdbc)).isTrue();
        }
    }

    private StoreDialect dialect() {
        return StoreDialect.of(jdbc.getDataSource());
    }

    private Long leadKeyOid() {
        return jdbc.queryForObject("SELECT CAST(oid AS BIGINT) FROM pg_constraint WHERE conname = 'activity_lead_fk'",
                Long.class);
    }

    @Test
    void rowsMayReferToLeadsImportedEarlier() throws Exception {
        crmImport.run(new CrmImport.Request(fixture("leads.csv"), null, null, null));

        ImportReport report = crmImport.run(new CrmImport.Request(null, fixture("activities.csv"), null, null));

        assertThat(report.files()).singleElement().extracting(ImportReport.FileSummary::imported).isEqualTo(4L);
    }

    @Test
    void neverWritesEmailAddressesToTheLog(CapturedOutput output) throws Exception {
        crmImport.run(allFixtures());

        assertThat(output.getAll()).isNotEmpty().doesNotContain("@acme.example", "@globex.example", "@initech.example",
                "@hooli.example", "@vandelay.example", "@umbrella.example");
    }

    @Test
    void refusesASecondImportWhileOneRuns() {
        try (JobLock.Held held = jobLock.acquire(CrmImport.JOB_NAME)) {
            assertThatThrownBy(() -> crmImport.run(allFixtures()))
                    .isInstanceOf(JobLock.HeldException.class)
                    .hasMessageContaining("in progress");
        }
        assertThat(count("lead")).isZero();
    }

    // Files rejected whole: the store is left as it was.

    @Test
    void missingRequiredColumnNamesColumnAndFileAndWritesNothing() {
        String bad = fixture("leads-missing-created-at.csv");

        assertThatThrownBy(() -> crmImport.run(new CrmImport.Request(bad, fixture("activities.csv"), null, null)))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> {
                    assertThat(e.fileName()).isEqualTo(bad);
                    assertThat(e.problem()).contains("missing required column created_at");
                });
        assertNothingWritten();
    }

    @Test
    void refusesAFileThatIsNotCsvText() {
        assertThatThrownBy(() -> crmImport.run(new CrmImport.Request(fixture("leads.csv"), fixture("not-csv.csv"), null, null)))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("not-csv.csv");
        assertNothingWritten();
    }

    @Test
    void refusesAFileSavedAsUtf16(@TempDir Path dir) throws Exception {
        Path utf16 = Files.writeString(dir.resolve("leads.csv"), "\uFEFFlead_id,created_at\nU-1,2026-03-01\n",
                StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> crmImport.run(new CrmImport.Request(utf16.toString(), null, null, null)))
                .isInstanceOfSatisfying(FileRejectedException.class, e -> assertThat(e.problem())
                        .contains("its header holds", "not UTF-8 CSV text", "UTF-16"));
        assertNothingWritten();
    }

    /**
     * A CRM export with one corrupted row (a NUL byte, a name saved in another encoding) loses that row alone:
     * it is reported at its line and field, never stored with stand-in characters, and every other row is read.
     */
    @Test
    void aRowWithBytesThatAreNotTextIsRejectedAloneAtItsField(@TempDir Path dir) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("lead_id,created_at,company,industry\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("B-1,2026-03-01,M\u00fcller GmbH,Software\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("B-2,2026-03-02,M".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFC); // 'ü' in Windows-1252
        bytes.writeBytes("ller AG,Software\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("B-3,2026-03-03,\"Quoted\nName\",Soft\u0000ware\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("B-4,2026-03-04,Acme,Software\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("B-5,2026-03-05,Trail".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE2); // a sequence cut short at the end of the file
        Path leads = Files.write(dir.resolve("leads.csv"), bytes.toByteArray());

        ImportReport report = crmImport.run(new CrmImport.Request(leads.toString(), null, null, null));

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.errors()).extracting(ImportReport.RowError::line, ImportReport.RowError::column,
                ImportReport.RowError::reason).containsExactly(
                tuple(3L, "company", "the row holds bytes that are not UTF-8 in field 3 (was the file saved in another"
                        + " encoding, such as Windows-1252? export it as UTF-8)"),
                tuple(4L, "industry", "the row holds a NUL byte in field 4"),
                tuple(7L, "company", "the row holds bytes that are not UTF-8 in field 3 (was the file saved in another"
                        + " encoding, such as Windows-1252? export it as UTF-8)"));
        assertThat(jdbc.queryForList("SELECT lead_key || '=' || company FROM lead ORDER BY lead_key", String.class))
                .containsExactly("B-1=M\u00fcller GmbH", "B-4=Acme");
    }

    @Test
    void aRowNamingALeadRefusedEarlierInTheImportSaysWhereItWasRefused(@TempDir Path dir) throws Exception {
        Path leads = Files.writeString(dir.resolve("leads.csv"), "lead_id,created_at,employees\n"
                + "R-1,2026-03-01,-1\nR-2,2026-03-02,5\n");
        Path activities = Files.writeString(dir.resolve("activities.csv"), "lead_id,occurred_at,type\n"
                + "R-1,2026-03-03,page_view\nR-2,2026-03-03,page_view\nR-9,2026-03-03,page_view\n");

        ImportReport report = crmImport.run(new CrmImport.Request(leads.toString(), activities.toString(), null, null));

        assertThat(report.errors()).filteredOn(e -> e.file().equals(activities.toString()))
                .extracting(e -> e.line() + " " + e.reason()).containsExactly(
                        "2 lead 'R-1' was refused in this import (leads.csv line 2) and is not in the store: correct"
                                + " that lead first",
                        "4 unknown lead 'R-9': it is neither in this import's leads nor in the store");
    }

    @Test
    void aQuoteNeverClosedRejectsItsRowAndKeepsEveryRowAroundIt(@TempDir Path dir) throws Exception {
        // the fixture: the quote opens on line 2, the last line is a good row; here also rows before it, a doubled
        // quote in the row that never closes, CRLFs, a blank line and a last line without its line break
        Path file = dir.resolve("open-quotes.csv");
        Files.writeString(file, "lead_id,created_at,company\r\n"
                + "Q-1,2026-03-01,\"Acme, \"\"Inc\"\"\"\r\n"
                + "Q-2,2026-03-02,y\r\n"
                + "Q-3,2026-03-03,\"unterminated \"\"x\r\n"
                + "Q-4,2026-03-04,z\r\n"
                + "\r\n"
                + "Q-5,2026-03-05,w\r\n"
                + "Q-6,not-a-date,v");
        ImportReport fixtureReport = crmImport.run(new CrmImport.Request(fixture("unterminated-quote.csv"), null, null, null));

        ImportReport report = crmImport.run(new CrmImport.Request(file.toString(), null, null, null));

        assertThat(fixtureReport.completed()).isTrue();
        assertThat(fixtureReport.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).contains("a quote opened on line 2 is never closed",
                    "the lines after it are read as rows of their own");
        });
        assertThat(jdbc.queryForList("SELECT lead_key FROM lead WHERE lead_key LIKE 'L-2%'", String.class))
                .containsExactly("L-201");
        assertThat(report.completed()).isTrue();
        // the lines after the cut row keep their own numbers: Q-6's bad date is reported on line 8
        assertThat(report.errors()).extracting(ImportReport.RowError::line).containsExactly(4L, 8L);
        assertThat(jdbc.queryForList("SELECT lead_key || '=' || company FROM lead WHERE lead_key LIKE 'Q-%'"
                + " ORDER BY lead_key", String.class))
                .containsExactly("Q-1=Acme, \"Inc\"", "Q-2=y", "Q-4=z", "Q-5=w");
    }

    @Test
    void refusesAMissingFile(@TempDir Path dir) {
        String missing = dir.resolve("nope.csv").toString();
        assertThatThrownBy(() -> crmImport.run(new CrmImport.Request(missing, null, null, null)))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("no such file");
        assertNothingWritten();
    }

    private void assertNothingWritten() {
        assertThat(count("lead")).isZero();
        assertThat(count("activity")).isZero();
        assertThat(count("import_error")).isZero();
        assertThat(count("BATCH_JOB_EXECUTION")).isZero();
    }

    long count(String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    static Path copy(Path dir, String fixture) throws IOException {
        Path target = dir.resolve(fixture);
        Files.copy(Path.of(fixture(fixture)), target);
        return target;
    }
}

package io.leadscore.batch.slacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.leadscore.batch.TestStores;
import io.leadscore.batch.store.CrmFixtures;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.domain.FollowUpOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The SLA check job on whichever store the subclass names, with the built-in
 * policy (first follow-up within 24 hours, recycling after 14 days). Chunks of
 * two leads put chunk boundaries and restarts between the fixture's leads.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "leadscore.sla-check.chunk-size=2")
abstract class SlaCheckJobTest {
    static final Instant CREATED = Instant.parse("2025-02-20T10:00:00Z");
    static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    /** The as-of time of the first run. */
    static final Instant A1 = Instant.parse("2025-03-20T02:00:00Z");

    @Autowired
    SlaCheck slaCheck;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobOperator jobOperator;
    @Autowired
    @Qualifier("slaCheckJob")
    Job slaCheckJob;
    @Autowired
    JobLock jobLock;

    CrmFixtures crm;

    @BeforeEach
    void emptyStore() {
        jdbc.update("DELETE FROM sla_check_run");
        TestStores.clean(jdbc);
        crm = new CrmFixtures(jdbc);
    }

    /**
     * Nine leads, in id order; what a check as of {@link #A1} must decide for each:
     * <pre>
     * L-JUST      MQL T0, no_answer exactly at T0+24h         met, just in time
     * L-LATE      MQL T0, accepted at T0+30h (now SAL)         breach, touched late
     * L-OLD       MQL T0, a follow-up only before it was MQL   breach, never touched; 17 days old: recycled
     * L-YOUNG     MQL A1-3d, no follow-up                      breach, not recycled yet
     * L-STALE     MQL A1-13d, no follow-up                     breach, recycled one day after A1
     * L-OPEN      MQL A1-2h                                    SLA still running
     * L-UNMARKED  MQL A1-2d by a writer that left sla_state    breach all the same (the stage-MQL safety net)
     * L-FUTURE    MQL A1+1h                                    not an MQL yet as of A1
     * L-PLAIN     never MQL                                    not looked at
     * </pre>
     */
    void standardFixture() {
        crm.becomesMql(crm.lead("L-JUST", CREATED), T0);
        crm.followUp(crm.id("L-JUST"), T0.plus(hours(24)), FollowUpOutcome.NO_ANSWER, null);
        crm.becomesMql(crm.lead("L-LATE", CREATED), T0);
        crm.followUp(crm.id("L-LATE"), T0.plus(hours(30)), FollowUpOutcome.ACCEPTED, null);
        long old = crm.lead("L-OLD", CREATED);
        crm.followUp(old, T0.minus(hours(24)), FollowUpOutcome.NO_ANSWER, null);
        crm.becomesMql(old, T0);
        crm.becomesMql(crm.lead("L-YOUNG", CREATED), A1.minus(days(3)));
        crm.becomesMql(crm.lead("L-STALE", CREATED), A1.minus(days(13)));
        crm.becomesMql(crm.lead("L-OPEN", CREATED), A1.minus(hours(2)));
        crm.becomesMql(crm.lead("L-UNMARKED", CREATED), A1.minus(days(2)), false);
        crm.becomesMql(crm.lead("L-FUTURE", CREATED), A1.plus(hours(1)));
        crm.lead("L-PLAIN", CREATED);
    }

    @Test
    void findsEachBreachOnceRecyclesTheStaleAndLeavesTheRest(CapturedOutput output) {
        standardFixture();

        SlaCheckReport report = slaCheck.run(A1);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.asOf()).isEqualTo(A1);
        assertThat(report.terms()).isEqualTo(new SlaTerms(1, 24, 14));
        assertThat(report.counts()).isEqualTo(new SlaCheckReport.Counts(7, 1, 1, 5, 0, 0, 1));
        // due = MQL time + 24 h; ordered by due time, then lead key
        assertThat(report.breaches()).containsExactly(
                breach("L-LATE", T0, T0.plus(hours(24)), report.runId(), T0.plus(hours(30)), null),
                breach("L-OLD", T0, T0.plus(hours(24)), report.runId(), null, A1),
                breach("L-STALE", A1.minus(days(13)), A1.minus(days(12)), report.runId(), null, null),
                breach("L-YOUNG", A1.minus(days(3)), A1.minus(days(2)), report.runId(), null, null),
                breach("L-UNMARKED", A1.minus(days(2)), A1.minus(days(1)), report.runId(), null, null));
        assertThat(report.recycled()).extracting(SlaCheckReport.Breach::leadKey).containsExactly("L-OLD");

        // the job's own counts per step
        JobExecution execution = jobRepository.getJobExecution(report.executionId());
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(steps(execution)).containsExactlyInAnyOrder(
                tuple("slaCheckStartStep", 0L, 0L, 0L, 0L),
                tuple("slaBreachDetectionStep", 7L, 6L, 1L, 0L),
                tuple("slaRecyclingStep", 1L, 1L, 0L, 0L));

        // what was written: the breach rows, each lead's state, the one recycling in the audit trail
        assertThat(storedBreaches()).containsExactly(
                "L-LATE mql=2025-03-03T09:00:00Z due=2025-03-04T09:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=2025-03-04T15:00:00Z recycled=null",
                "L-OLD mql=2025-03-03T09:00:00Z due=2025-03-04T09:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=null recycled=2025-03-20T02:00:00Z",
                "L-STALE mql=2025-03-07T02:00:00Z due=2025-03-08T02:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=null recycled=null",
                "L-UNMARKED mql=2025-03-18T02:00:00Z due=2025-03-19T02:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=null recycled=null",
                "L-YOUNG mql=2025-03-17T02:00:00Z due=2025-03-18T02:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=null recycled=null");
        assertThat(jdbc.queryForList("SELECT DISTINCT run_id FROM sla_breach", Long.class)).containsExactly(report.runId());
        assertThat(leadStates()).containsExactly(
                "L-JUST MQL MET", "L-LATE SAL LATE", "L-OLD NURTURE RECYCLED", "L-YOUNG MQL OVERDUE",
                "L-STALE MQL OVERDUE", "L-OPEN MQL OPEN", "L-UNMARKED MQL OVERDUE", "L-FUTURE MQL OPEN",
                "L-PLAIN LEAD null");
        assertThat(recyclings()).containsExactly(
                "L-OLD MQL>NURTURE at 2025-03-20T02:00:00Z: sla_recycled by sla-check #" + report.runId()
                        + " run " + report.runId());
        assertThat(instant("SELECT stage_changed_at FROM lead WHERE lead_key = 'L-OLD'")).isEqualTo(A1);

        // each breach logged by lead key, never with an email address
        assertThat(output.getAll())
                .contains("SLA breach: lead L-LATE", "SLA breach: lead L-UNMARKED", "Recycled lead L-OLD to nurture")
                .doesNotContain(CrmFixtures.EMAIL_DOMAIN);
    }

    @Test
    void aSecondRunAsOfTheSameTimeFindsNothingNew() {
        standardFixture();
        slaCheck.run(A1);
        List<Map<String, Object>> breachesBefore = jdbc.queryForList("SELECT * FROM sla_breach ORDER BY id");
        List<Map<String, Object>> leadsBefore = jdbc.queryForList("SELECT * FROM lead ORDER BY id");
        long transitionsBefore = count("stage_transition");

        SlaCheckReport again = slaCheck.run(A1);

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(again.breaches()).isEmpty();
        assertThat(again.recycled()).isEmpty();
        // only the MQLs still in play are read (YOUNG, STALE, OPEN, UNMARKED), and none of them has changed
        assertThat(again.counts()).isEqualTo(new SlaCheckReport.Counts(4, 4, 0, 0, 0, 0, 0));
        assertThat(steps(jobRepository.getJobExecution(again.executionId()))).containsExactlyInAnyOrder(
                tuple("slaCheckStartStep", 0L, 0L, 0L, 0L),
                tuple("slaBreachDetectionStep", 4L, 0L, 4L, 0L),
                tuple("slaRecyclingStep", 0L, 0L, 0L, 0L));
        assertThat(jdbc.queryForList("SELECT * FROM sla_breach ORDER BY id")).isEqualTo(breachesBefore);
        assertThat(jdbc.queryForList("SELECT * FROM lead ORDER BY id")).isEqualTo(leadsBefore);
        assertThat(count("stage_transition")).isEqualTo(transitionsBefore);
    }

    @Test
    void aLaterRunRecordsLateFollowUpsNewBreachesAndWhatHasGoneStale() {
        standardFixture();
        SlaCheckReport first = slaCheck.run(A1);
        crm.followUp(crm.id("L-YOUNG"), A1.plus(days(1)), FollowUpOutcome.NO_ANSWER, null);
        Instant a2 = A1.plus(days(2));

        SlaCheckReport second = slaCheck.run(a2);

        // read: YOUNG, STALE, OPEN, UNMARKED (overdue or open) and FUTURE (an MQL by now);
        // decided: YOUNG touched late, OPEN and FUTURE breached; STALE waits for the recycling step, UNMARKED for time
        assertThat(second.counts()).isEqualTo(new SlaCheckReport.Counts(5, 2, 0, 2, 1, 0, 1));
        assertThat(steps(jobRepository.getJobExecution(second.executionId()))).containsExactlyInAnyOrder(
                tuple("slaCheckStartStep", 0L, 0L, 0L, 0L),
                tuple("slaBreachDetectionStep", 5L, 3L, 2L, 0L),
                tuple("slaRecyclingStep", 1L, 1L, 0L, 0L));
        assertThat(second.breaches()).containsExactly(
                breach("L-OPEN", A1.minus(hours(2)), A1.plus(hours(22)), second.runId(), null, null, a2),
                breach("L-FUTURE", A1.plus(hours(1)), A1.plus(hours(25)), second.runId(), null, null, a2));
        // L-STALE was found by the first run and recycled by this one: MQL since A1-13d, 15 days by a2
        assertThat(second.recycled()).containsExactly(
                breach("L-STALE", A1.minus(days(13)), A1.minus(days(12)), first.runId(), null, a2));
        assertThat(instant("SELECT first_touch_at FROM sla_breach b JOIN lead l ON l.id = b.lead_id"
                + " WHERE l.lead_key = 'L-YOUNG'")).isEqualTo(A1.plus(days(1)));
        assertThat(count("sla_breach")).isEqualTo(7);
        assertThat(leadStates()).containsExactly(
                "L-JUST MQL MET", "L-LATE SAL LATE", "L-OLD NURTURE RECYCLED", "L-YOUNG MQL LATE",
                "L-STALE NURTURE RECYCLED", "L-OPEN MQL OVERDUE", "L-UNMARKED MQL OVERDUE", "L-FUTURE MQL OVERDUE",
                "L-PLAIN LEAD null");
        assertThat(recyclings()).containsExactly(
                "L-OLD MQL>NURTURE at 2025-03-20T02:00:00Z: sla_recycled by sla-check #" + first.runId() + " run " + first.runId(),
                "L-STALE MQL>NURTURE at 2025-03-22T02:00:00Z: sla_recycled by sla-check #" + second.runId() + " run " + second.runId());
    }

    @Test
    void aLeadThatBecomesMqlAgainIsCheckedAgainForItsNewMqlTime() {
        Instant m1 = Instant.parse("2025-03-01T09:00:00Z");
        Instant m2 = Instant.parse("2025-04-01T09:00:00Z");
        Instant a3 = Instant.parse("2025-04-03T09:00:00Z");
        long twice = crm.lead("L-TWICE", CREATED);
        long unmarked = crm.lead("L-TWICE-UNMARKED", CREATED);
        crm.becomesMql(twice, m1);
        crm.becomesMql(unmarked, m1);
        SlaCheckReport first = slaCheck.run(A1);
        assertThat(first.recycled()).extracting(SlaCheckReport.Breach::leadKey).containsExactly("L-TWICE", "L-TWICE-UNMARKED");
        // while in nurture: a follow-up before the new MQL time, which must not count for it
        crm.followUp(twice, Instant.parse("2025-03-25T10:00:00Z"), FollowUpOutcome.NO_ANSWER, null);
        crm.followUp(unmarked, Instant.parse("2025-03-25T10:00:00Z"), FollowUpOutcome.NO_ANSWER, null);
        crm.becomesMql(twice, m2);
        crm.becomesMql(unmarked, m2, false);

        SlaCheckReport second = slaCheck.run(a3);

        assertThat(second.breaches()).containsExactly(
                breach("L-TWICE", m2, m2.plus(hours(24)), second.runId(), null, null, a3),
                breach("L-TWICE-UNMARKED", m2, m2.plus(hours(24)), second.runId(), null, null, a3));
        assertThat(storedBreaches()).containsExactly(
                "L-TWICE mql=2025-03-01T09:00:00Z due=2025-03-02T09:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=null recycled=2025-03-20T02:00:00Z",
                "L-TWICE mql=2025-04-01T09:00:00Z due=2025-04-02T09:00:00Z detected=2025-04-03T09:00:00Z"
                        + " touch=null recycled=null",
                "L-TWICE-UNMARKED mql=2025-03-01T09:00:00Z due=2025-03-02T09:00:00Z detected=2025-03-20T02:00:00Z"
                        + " touch=null recycled=2025-03-20T02:00:00Z",
                "L-TWICE-UNMARKED mql=2025-04-01T09:00:00Z due=2025-04-02T09:00:00Z detected=2025-04-03T09:00:00Z"
                        + " touch=null recycled=null");
        assertThat(leadStates()).containsExactly("L-TWICE MQL OVERDUE", "L-TWICE-UNMARKED MQL OVERDUE");
    }

    @Test
    void aRunThatFailsMidDetectionEndsAfterRestartWithExactlyTheRowsOfAnUnbrokenRun() throws Exception {
        standardFixture();
        // the third chunk (L-STALE, L-OPEN) cannot write L-STALE's breach
        jdbc.execute("ALTER TABLE sla_breach ADD CONSTRAINT sla_breach_test_fault CHECK (lead_id <> "
                + crm.id("L-STALE") + ")");
        SlaCheckReport failed;
        try {
            failed = slaCheck.run(A1);
        } finally {
            jdbc.execute("ALTER TABLE sla_breach DROP CONSTRAINT sla_breach_test_fault");
        }

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failure()).isNotBlank();
        // two chunks committed: JUST and LATE, OLD and YOUNG; Spring Batch 6 also counts the reads and the filtered
        // L-OPEN of the chunk that rolled back, which is why the report keeps its own examined and waiting counts
        assertThat(steps(jobRepository.getJobExecution(failed.executionId()))).containsExactlyInAnyOrder(
                tuple("slaCheckStartStep", 0L, 0L, 0L, 0L),
                tuple("slaBreachDetectionStep", 6L, 4L, 1L, 0L));
        assertThat(failed.counts()).isEqualTo(new SlaCheckReport.Counts(4, 0, 1, 3, 0, 0, 0));
        assertThat(failed.breaches()).extracting(SlaCheckReport.Breach::leadKey).containsExactly("L-LATE", "L-OLD", "L-YOUNG");
        assertThat(leadStates()).containsExactly(
                "L-JUST MQL MET", "L-LATE SAL LATE", "L-OLD MQL OVERDUE", "L-YOUNG MQL OVERDUE",
                "L-STALE MQL OPEN", "L-OPEN MQL OPEN", "L-UNMARKED MQL null", "L-FUTURE MQL OPEN", "L-PLAIN LEAD null");

        SlaCheckReport restarted = slaCheck.restart(failed.executionId());

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.runId()).isEqualTo(failed.runId());
        assertThat(steps(jobRepository.getJobExecution(restarted.executionId()))).containsExactlyInAnyOrder(
                tuple("slaBreachDetectionStep", 3L, 2L, 1L, 0L),
                tuple("slaRecyclingStep", 1L, 1L, 0L, 0L));
        // the same as the unbroken run of findsEachBreachOnceRecyclesTheStaleAndLeavesTheRest
        assertThat(restarted.counts()).isEqualTo(new SlaCheckReport.Counts(7, 1, 1, 5, 0, 0, 1));
        assertThat(restarted.breaches()).extracting(SlaCheckReport.Breach::leadKey)
                .containsExactly("L-LATE", "L-OLD", "L-STALE", "L-YOUNG", "L-UNMARKED");
        assertThat(count("sla_breach")).isEqualTo(5);
        assertThat(leadStates()).containsExactly(
                "L-JUST MQL MET", "L-LATE SAL LATE", "L-OLD NURTURE RECYCLED", "L-YOUNG MQL OVERDUE",
                "L-STALE MQL OVERDUE", "L-OPEN MQL OPEN", "L-UNMARKED MQL OVERDUE", "L-FUTURE MQL OPEN",
                "L-PLAIN LEAD null");
        assertThat(recyclings()).hasSize(1);
    }

    @Test
    void aRunThatFailsMidRecyclingRecyclesEachLeadExactlyOnceAfterRestart() throws Exception {
        for (String key : List.of("R-1", "R-2", "R-3")) {
            crm.becomesMql(crm.lead(key, CREATED), T0);
        }
        // the second recycling chunk (R-3) cannot write its audit trail row
        jdbc.execute("ALTER TABLE stage_transition ADD CONSTRAINT stage_transition_test_fault CHECK (lead_id <> "
                + crm.id("R-3") + " OR reason <> 'sla_recycled')");
        SlaCheckReport failed;
        try {
            failed = slaCheck.run(A1);
        } finally {
            jdbc.execute("ALTER TABLE stage_transition DROP CONSTRAINT stage_transition_test_fault");
        }

        assertThat(failed.status()).isEqualTo("FAILED");
        // the rolled-back chunk's read of R-3 is counted too (Spring Batch 6), its write is not
        assertThat(steps(jobRepository.getJobExecution(failed.executionId()))).containsExactlyInAnyOrder(
                tuple("slaCheckStartStep", 0L, 0L, 0L, 0L),
                tuple("slaBreachDetectionStep", 3L, 3L, 0L, 0L),
                tuple("slaRecyclingStep", 3L, 2L, 0L, 0L));
        // R-3's chunk rolled back whole: stage, state and breach untouched
        assertThat(leadStates()).containsExactly("R-1 NURTURE RECYCLED", "R-2 NURTURE RECYCLED", "R-3 MQL OVERDUE");
        assertThat(jdbc.queryForList("SELECT l.lead_key FROM sla_breach b JOIN lead l ON l.id = b.lead_id"
                + " WHERE b.recycled_at IS NOT NULL ORDER BY l.lead_key", String.class)).containsExactly("R-1", "R-2");
        assertThat(failed.counts().recycled()).isEqualTo(2);

        SlaCheckReport restarted = slaCheck.restart(failed.executionId());

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(steps(jobRepository.getJobExecution(restarted.executionId())))
                .containsExactly(tuple("slaRecyclingStep", 1L, 1L, 0L, 0L));
        assertThat(restarted.counts()).isEqualTo(new SlaCheckReport.Counts(3, 0, 0, 3, 0, 0, 3));
        assertThat(restarted.recycled()).extracting(SlaCheckReport.Breach::leadKey).containsExactly("R-1", "R-2", "R-3");
        assertThat(leadStates()).containsExactly("R-1 NURTURE RECYCLED", "R-2 NURTURE RECYCLED", "R-3 NURTURE RECYCLED");
        assertThat(recyclings()).hasSize(3);
    }

    @Test
    void refusesASecondCheckWhileOneRuns() {
        standardFixture();
        try (JobLock.Held held = jobLock.acquire(SlaCheck.JOB_NAME)) {
            assertThatThrownBy(() -> slaCheck.run(A1))
                    .isInstanceOf(JobLock.HeldException.class)
                    .hasMessageContaining("in progress");
        }
        assertThat(count("sla_breach")).isZero();
        assertThat(count("sla_check_run")).isZero();
        assertThat(count("BATCH_JOB_EXECUTION")).isZero();
    }

    @Test
    void refusesAnAsOfTimeInTheFuture() {
        Instant tomorrow = Instant.now().plus(days(1));

        assertThatThrownBy(() -> slaCheck.run(tomorrow))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is in the future");
        assertThat(count("BATCH_JOB_EXECUTION")).isZero();
    }

    @Test
    void refusesJobParametersWithoutAValidAsOfTimeBeforeTheJobStarts() {
        JobParametersBuilder parameters = new JobParametersBuilder().addString("requested.at", Instant.now().toString());

        assertThatThrownBy(() -> jobOperator.start(slaCheckJob, parameters.toJobParameters()))
                .isInstanceOf(InvalidJobParametersException.class)
                .hasMessageContaining("as.of");
        assertThatThrownBy(() -> jobOperator.start(slaCheckJob, parameters.addString("as.of", "yesterday").toJobParameters()))
                .isInstanceOf(InvalidJobParametersException.class)
                .hasMessageContaining("Invalid as.of: 'yesterday'");
        assertThat(count("BATCH_JOB_EXECUTION")).isZero();
    }

    @Test
    void restartsOnlyAFailedRun() {
        SlaCheckReport done = slaCheck.run(A1);

        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThatThrownBy(() -> slaCheck.restart(done.executionId()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is COMPLETED");
        assertThatThrownBy(() -> slaCheck.restart(done.executionId() + 1000))
                .isInstanceOf(org.springframework.batch.core.launch.NoSuchJobExecutionException.class);
    }

    // helpers

    static SlaCheckReport.Breach breach(String key, Instant mqlAt, Instant dueAt, long run, Instant touch, Instant recycled) {
        return breach(key, mqlAt, dueAt, run, touch, recycled, A1);
    }

    static SlaCheckReport.Breach breach(String key, Instant mqlAt, Instant dueAt, long run, Instant touch, Instant recycled,
                                        Instant detected) {
        return new SlaCheckReport.Breach(key, mqlAt, dueAt, detected, run, touch, recycled);
    }

    static List<org.assertj.core.groups.Tuple> steps(JobExecution execution) {
        assertThat(execution.getStatus()).isIn(BatchStatus.COMPLETED, BatchStatus.FAILED);
        return execution.getStepExecutions().stream()
                .map(s -> tuple(s.getStepName(), s.getReadCount(), s.getWriteCount(), s.getFilterCount(), s.getSkipCount()))
                .toList();
    }

    List<String> storedBreaches() {
        return jdbc.query("SELECT l.lead_key, b.mql_at, b.due_at, b.detected_at, b.first_touch_at, b.recycled_at"
                        + " FROM sla_breach b JOIN lead l ON l.id = b.lead_id ORDER BY l.lead_key, b.mql_at",
                (rs, i) -> rs.getString(1) + " mql=" + Instants.read(rs, 2) + " due=" + Instants.read(rs, 3)
                        + " detected=" + Instants.read(rs, 4) + " touch=" + Instants.read(rs, 5)
                        + " recycled=" + Instants.read(rs, 6));
    }

    List<String> leadStates() {
        return jdbc.query("SELECT lead_key, stage, sla_state FROM lead ORDER BY id",
                (rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
    }

    List<String> recyclings() {
        return jdbc.query("SELECT l.lead_key, t.from_stage, t.to_stage, t.occurred_at, t.reason, t.actor, t.run_id"
                        + " FROM stage_transition t JOIN lead l ON l.id = t.lead_id WHERE t.reason = 'sla_recycled'"
                        + " ORDER BY t.occurred_at, l.lead_key",
                (rs, i) -> rs.getString(1) + " " + rs.getString(2) + ">" + rs.getString(3) + " at " + Instants.read(rs, 4)
                        + ": " + rs.getString(5) + " by " + rs.getString(6) + " run " + rs.getLong(7));
    }

    Instant instant(String sql) {
        return jdbc.queryForObject(sql, (rs, i) -> Instants.read(rs, 1));
    }

    long count(String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    static Duration hours(long n) {
        return Duration.ofHours(n);
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }
}

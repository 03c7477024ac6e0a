package io.leadscore.batch.rescoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.batch.GeneratedHistory;
import io.leadscore.batch.TestStores;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.GradeBands;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * rescoreJob on a generated history (2,000 leads, seed 13) with a trained
 * champion, two partitions and chunks of 100 leads.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
abstract class RescoreJobTest {
    static final GeneratedHistory HISTORY = GeneratedHistory.of(2_000, 13);
    static final String OPEN = OpenLeadReader.scored("");

    @Autowired
    Rescoring rescoring;
    @Autowired
    Retraining retraining;
    @Autowired
    ModelRegistry registry;
    @Autowired
    CrmImport crmImport;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ScoreExport scoreExport;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobLock jobLock;
    @Autowired
    RescoreFloor floor;
    @Autowired
    ChampionModels champions;

    @BeforeEach
    void importAndTrain() {
        TestStores.clean(jdbc);
        HISTORY.importInto(crmImport);
        retraining.run(new Retraining.Request(HISTORY.until(), Algorithm.GRADIENT_BOOSTING, PromotionMode.FORCE, 7L,
                List.of("sales_verdict")));
    }

    long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    @Test
    void refusesAChampionWhoseFileWasSwappedAndRecordsNoRun() {
        // another model's file in the champion's place: it used to score every lead, labelled with the old version
        String champion = registry.champion().orElseThrow().version();
        retraining.run(new Retraining.Request(HISTORY.until(), Algorithm.LOGISTIC_REGRESSION, PromotionMode.NEVER, 7L,
                List.of("sales_verdict")));
        byte[] other = jdbc.queryForObject("SELECT artifact FROM model WHERE version = 'v2'", byte[].class);
        jdbc.update("UPDATE model SET artifact = ? WHERE version = ?", other, champion);

        assertThatThrownBy(() -> rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2)))
                .isInstanceOf(ModelRefusedException.class)
                .hasMessageStartingWith("model " + champion + " is refused: its file does not match the SHA-256");
        assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Rescoring.JOB_NAME)).isZero();
        assertThat(count("SELECT COUNT(*) FROM score_history")).isZero();
        assertThat(count("SELECT COUNT(*) FROM job_lock")).isZero();
    }

    @Test
    void aRestartRefusesARunWhoseModelNoLongerVerifies() throws Exception {
        RescoreReport first = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));
        var execution = jobRepository.getJobExecution(first.executionId());
        execution.setStatus(org.springframework.batch.core.BatchStatus.FAILED);
        jobRepository.update(execution);
        jdbc.update("UPDATE model SET artifact_signature = NULL WHERE version = 'v1'");

        assertThatThrownBy(() -> rescoring.restart()).isInstanceOf(ModelRefusedException.class)
                .hasMessageContaining("model v1 is refused: it carries no signature");
    }

    @Test
    void exportsIdsASpreadsheetWouldRunAsFormulasWithAnApostrophe() {
        rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));
        jdbc.update("UPDATE lead SET lead_key = '=HYPERLINK(\"http://x.example\",\"open\")'"
                + " WHERE id = (SELECT MIN(lead_id) FROM lead_score)");
        jdbc.update("UPDATE lead SET lead_key = '@SUM(1+1)' WHERE id = (SELECT MAX(lead_id) FROM lead_score)");
        java.io.StringWriter csv = new java.io.StringWriter();

        long written = scoreExport.write(csv);

        List<String> lines = csv.toString().lines().toList();
        assertThat(lines).hasSize((int) written + 1);
        assertThat(lines.get(1)).startsWith("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"open\"\")\",");
        assertThat(lines.get(lines.size() - 1)).startsWith("\"'@SUM(1+1)\",");
        assertThat(lines.subList(1, lines.size())).noneMatch(l -> l.startsWith("=") || l.startsWith("@")
                || l.startsWith("+") || l.startsWith("-"));
    }

    @Test
    void leadsOfEveryAgeAreComparedWithTheChampionsLeadsOfTheirOwnAge() {
        RescoreReport report = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));
        ChampionModel champion = champions.get(report.figures().modelVersion(), report.figures().threshold());
        PopulationStability stability = RunDrift.stabilityOf(champion);

        // a store of few arrivals: fewer than 200 leads of the last 30 days, so the run compares every lead, each
        // against the champion's leads of its own age band in the store's proportions: what the champion saw
        long[][] young = RunDrift.counts(jdbc, stability, report.runId(), HISTORY.until(),
                HISTORY.until().minus(java.time.Duration.ofDays(30)));
        long[][] all = RunDrift.counts(jdbc, stability, report.runId(), HISTORY.until(), null);
        assertThat(Arrays.stream(RunDrift.total(young, stability.bins())).sum()).isPositive()
                .isLessThan(RunDrift.MIN_RECENT_LEADS);
        assertThat(Arrays.stream(RunDrift.total(all, stability.bins())).sum()).isEqualTo(report.figures().leadsScored());
        double bandByBand = stability.index(all, RunDrift.bandCurves(champion));
        assertThat(report.figures().psi()).isEqualTo(bandByBand).isLessThan(0.1);
        // the same scores held to a band they are not of read as a shift: the bands are told apart
        long[][] allAsYoungest = new long[all.length][];
        for (int b = 0; b < allAsYoungest.length; b++) {
            allAsYoungest[b] = b == 0 ? RunDrift.total(all, stability.bins()) : new long[stability.bins()];
        }
        assertThat(stability.index(allAsYoungest, RunDrift.bandCurves(champion))).isGreaterThan(bandByBand);
    }

    @Test
    void aRunLongAfterTheLastArrivalSaysSoBesideItsDrift() {
        RescoreReport late = rescoring.run(new Rescoring.Request(HISTORY.until().plus(java.time.Duration.ofDays(120)),
                false, 2));

        // no lead is young, so every lead is compared at its own age; the store's silence is a real shift
        assertThat(late.figures().psi()).isGreaterThan(0.2);
        assertThat(RunDrift.staleness(jdbc, HISTORY.until().plus(java.time.Duration.ofDays(120)), 30)).isPresent().get()
                .asString().startsWith("the newest lead arrived 12").contains("days before the run's as-of time");
        assertThat(RunDrift.staleness(jdbc, HISTORY.until(), 30)).isEmpty();
    }

    @Test
    void scoresEveryOpenLeadOnceAndMovesLeadsAcrossTheThreshold() {
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        long leadsBefore = count("SELECT COUNT(*) FROM lead WHERE stage = 'LEAD'");

        RescoreReport report = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.partitions()).isEqualTo(2);
        assertThat(report.read()).isEqualTo(open);
        assertThat(report.written()).isEqualTo(open);
        assertThat(report.skipped()).isZero();
        assertThat(report.figures().leadsScored()).isEqualTo(open);
        assertThat(report.figures().psi()).isNotNull().isNotNegative();

        // one history row per open lead without a deal, none for leads with one (open, won or lost: the score
        // claims a won deal from a lead that has none yet); the current score matches it
        long run = report.runId();
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", run)).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = ?", run)).isEqualTo(open);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE stage = 'OPPORTUNITY'")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.stage IN ('OPPORTUNITY', 'WON', 'LOST')", run)).isZero();
        assertThat(count("SELECT COUNT(*) FROM lead_score s JOIN score_history h ON h.lead_id = s.lead_id AND h.run_id = ?"
                + " WHERE s.score <> h.score OR s.grade <> h.grade", run)).isZero();

        // leads that became MQL: stage, SLA clock, and the audit trail with reasons and the run as actor
        long mqls = report.figures().mqlsCreated();
        assertThat(mqls).isPositive().isLessThan(leadsBefore);
        assertThat(count("SELECT COUNT(*) FROM stage_transition WHERE run_id = ? AND to_stage = 'MQL' AND actor = ?",
                run, "rescore #" + run)).isEqualTo(mqls);
        assertThat(count("SELECT COUNT(*) FROM stage_transition WHERE run_id = ? AND to_stage = 'MQL'"
                + " AND (reason LIKE 'score % reached the MQL threshold%' OR reason LIKE 'fast-track: %')", run)).isEqualTo(mqls);
        assertThat(count("SELECT COUNT(*) FROM lead l JOIN stage_transition t ON t.lead_id = l.id AND t.run_id = ?"
                + " WHERE t.to_stage = 'MQL' AND (l.stage <> 'MQL' OR l.sla_state <> 'OPEN' OR l.mql_at <> t.occurred_at)",
                run)).isZero();
        // an MQL by score reached the threshold
        double threshold = report.figures().threshold();
        assertThat(count("SELECT COUNT(*) FROM stage_transition t JOIN lead_score s ON s.lead_id = t.lead_id"
                + " WHERE t.run_id = ? AND t.reason LIKE 'score %' AND s.score < ?", run, threshold)).isZero();

        JobExecution execution = jobRepository.getJobExecution(report.executionId());
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(execution.getStepExecutions()).extracting(StepExecution::getStepName)
                .contains("rescoreStartStep", "rescorePartitionedStep", "rescoreLeadsStep:partition0",
                        "rescoreLeadsStep:partition1", "rescoreFinishStep");
    }

    @Test
    void rollsStatesForwardWithOnlyWhatIsNewAndAgreesWithAFullRecompute() {
        Instant first = HISTORY.until().minus(Duration.ofDays(20));
        rescoring.run(new Rescoring.Request(first, false, 2));
        // events between the two as-of times were in the store already: the first run kept them pending
        assertThat(count("SELECT COUNT(*) FROM lead_score WHERE pending_from IS NOT NULL")).isPositive();

        RescoreReport second = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));

        assertThat(sampledScoresAgreeWithAFullRecompute(second.runId(), HISTORY.until())).isGreaterThan(15);
    }

    /** A close dated after now (a CRM's expected close written as closed_at) is no past night's: no replay advice. */
    @Test
    void aPlainRunDoesNotAdviseReplayingAPastNightForACloseDatedInTheFuture(
            org.springframework.boot.test.system.CapturedOutput output) {
        jdbc.update("UPDATE lead SET stage = 'WON', stage_changed_at = ? WHERE id = (SELECT MIN(id) FROM lead)",
                Instants.utc(Instant.now().plus(Duration.ofDays(365))));

        RescoreReport now = rescoring.run(new Rescoring.Request(Instant.now(), false, 2));

        assertThat(now.completed()).isTrue();
        assertThat(output.getAll()).doesNotContain("were won or lost after it");
    }

    @Test
    void aRunAsOfAnEarlierTimeThanTheLastRebuildsStatesFromTheWholeHistory(
            org.springframework.boot.test.system.CapturedOutput output) {
        rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));
        Instant earlier = HISTORY.until().minus(Duration.ofDays(30));

        RescoreReport back = rescoring.run(new Rescoring.Request(earlier, false, 2));

        // the leads won or lost since are not open now, so not scored as of then: said, with how many
        long closedSince = count("SELECT COUNT(*) FROM lead WHERE stage IN ('WON', 'LOST') AND stage_changed_at > ?"
                + " AND created_at <= ?", Instants.utc(earlier), Instants.utc(earlier));
        assertThat(closedSince).isPositive();
        assertThat(output.getAll()).contains(closedSince + " leads open at " + earlier
                + " were won or lost after it and are not scored as of it");

        // every stored state is as of the later run: none can be rolled back, so each is rebuilt from its history
        assertThat(back.completed()).isTrue();
        assertThat(sampledScoresAgreeWithAFullRecompute(back.runId(), earlier)).isGreaterThan(15);
        assertThat(count("SELECT COUNT(*) FROM lead_score WHERE run_id = ? AND features_as_of <> ?", back.runId(),
                Instants.utc(earlier))).isZero();
        // a lead created after the as-of time did not exist then: it is not scored as of it
        long existed = count("SELECT COUNT(*) FROM lead WHERE " + OPEN + " AND created_at <= ?", Instants.utc(earlier));
        assertThat(count("SELECT COUNT(*) FROM lead WHERE " + OPEN + " AND created_at > ?", Instants.utc(earlier)))
                .isPositive();
        assertThat(back.figures().leadsScored()).isEqualTo(existed);
        assertThat(count("SELECT COUNT(*) FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.created_at > ?", back.runId(), Instants.utc(earlier))).isZero();
    }

    @Test
    void thePlainJdbcFloorDoesTheJobsWork() throws Exception {
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        String champion = registry.champion().orElseThrow().version();

        long scored = floor.run(HISTORY.until(), champion, 2);

        // its own run id (negative: no job instance has it), the job's writes, the job's MQL moves
        Long run = jdbc.queryForObject("SELECT MIN(run_id) FROM score_history", Long.class);
        assertThat(run).isNegative();
        assertThat(scored).isEqualTo(open);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", run)).isEqualTo(open);
        assertThat(count("SELECT COUNT(*) FROM lead_score WHERE run_id = ?", run)).isEqualTo(open);
        assertThat(sampledScoresAgreeWithAFullRecompute(run, HISTORY.until())).isGreaterThan(15);
        assertThat(count("SELECT COUNT(*) FROM stage_transition WHERE run_id = ? AND to_stage = 'MQL' AND actor = ?",
                run, "rescore #" + run)).isPositive()
                .isEqualTo(count("SELECT COUNT(*) FROM lead WHERE stage = 'MQL' AND sla_state = 'OPEN'"));
    }

    /** Compares every 7th lead's score of a run with one from its raw activities; returns how many it compared. */
    int sampledScoresAgreeWithAFullRecompute(long runId, Instant asOf) {
        ModelArtifact champion = registry.artifact(registry.champion().orElseThrow().version());
        FeatureExtractor extractor = FeatureExtractor.forSchema(champion.schema(),
                FeatureSettings.fromMap(champion.extractorSettings()));
        var scorer = champion.scorer(GradeBands.relativeTo(0.1));
        List<Map<String, Object>> sample = jdbc.queryForList("SELECT h.lead_id, h.score FROM score_history h"
                + " WHERE h.run_id = ? ORDER BY h.lead_id", runId);
        assertThat(sample).hasSizeGreaterThan(100);
        var leads = new io.leadscore.batch.store.LeadRowsForTests(jdbc);
        int checked = 0;
        for (int i = 0; i < sample.size(); i += 7) {
            long id = ((Number) sample.get(i).get("LEAD_ID")).longValue();
            var lead = leads.lead(id);
            List<Activity> events = jdbc.query("SELECT occurred_at, type FROM activity WHERE lead_id = ?",
                    (rs, n) -> new Activity(lead.leadId(), Instants.read(rs, 1), ActivityType.ofOrdinal(rs.getInt(2)), null),
                    id);
            double expected = scorer.score(extractor.extract(lead, events, asOf));
            assertThat(((Number) sample.get(i).get("SCORE")).doubleValue()).as("lead %d", id).isCloseTo(expected, within(1e-9));
            checked++;
        }
        return checked;
    }

    @Test
    void aLeadWithoutActivitiesTakesTheRunsHighMarkAndTheNextRunSeesItsFirstActivity() {
        Instant first = HISTORY.until().minus(Duration.ofDays(2));
        Long quiet = jdbc.queryForObject("SELECT MIN(id) FROM lead WHERE stage = 'LEAD'", Long.class);
        jdbc.update("DELETE FROM activity WHERE lead_id = ?", quiet);
        long highest = count("SELECT MAX(id) FROM activity");

        rescoring.run(new Rescoring.Request(first, false, 2));

        // no watermark below the highest activity of the run's start: the next pass starts there, not at 0
        assertThat(count("SELECT COUNT(*) FROM lead_score WHERE activity_watermark < ?", highest)).isZero();
        assertThat(count("SELECT activity_watermark FROM lead_score WHERE lead_id = ?", quiet)).isEqualTo(highest);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE id = ? AND stage = 'LEAD'", quiet)).isOne();

        insertActivity(quiet, first.plus(Duration.ofHours(20)), ActivityType.DEMO_REQUEST);
        RescoreReport next = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));

        assertThat(count("SELECT COUNT(*) FROM stage_transition WHERE lead_id = ? AND run_id = ? AND to_stage = 'MQL'"
                + " AND reason LIKE 'fast-track: demo request%'", quiet, next.runId())).isOne();
        assertThat(count("SELECT activity_watermark FROM lead_score WHERE lead_id = ?", quiet))
                .isEqualTo(count("SELECT MAX(id) FROM activity"));
    }

    private void insertActivity(long lead, Instant at, ActivityType type) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
                    + " VALUES (?, ?, ?, NULL, ?)");
            ps.setLong(1, lead);
            Instants.bind(ps, 2, at);
            ps.setShort(3, (short) type.ordinal());
            ps.setLong(4, io.leadscore.batch.store.ContentHash.of(null));
            return ps;
        });
    }

    @Test
    void aFirstRunWithForceStillRefusesAPlainRepeatOfItsTime() {
        // the job repository alone takes a forced run for another time; the store's runs do not
        rescoring.run(new Rescoring.Request(HISTORY.until(), true, 2));

        assertThatThrownBy(() -> rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2)))
                .isInstanceOf(Rescoring.AlreadyRescoredException.class)
                .hasMessageStartingWith("leads were already rescored as of " + HISTORY.until() + " (run ")
                .hasMessageEndingWith("add --force to start a new run")
                .hasMessageNotContaining(".0");
        // an earlier time goes ahead (with a warning that current scores become older ones)
        assertThat(rescoring.run(new Rescoring.Request(HISTORY.until().minus(Duration.ofDays(3)), false, 2)).completed())
                .isTrue();
        // and the earlier time, once run, is a time already rescored too
        assertThatThrownBy(() -> rescoring.run(new Rescoring.Request(HISTORY.until().minus(Duration.ofDays(3)), false, 2)))
                .isInstanceOf(Rescoring.AlreadyRescoredException.class)
                .hasMessage("leads were already rescored as of " + HISTORY.until().minus(Duration.ofDays(3))
                        + "; add --force to start a new run");
    }

    @Test
    void refusesToRescoreTheSameAsOfAgainUnlessForced() {
        RescoreReport first = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));

        assertThatThrownBy(() -> rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2)))
                .isInstanceOf(Rescoring.AlreadyRescoredException.class)
                .hasMessageContaining("already rescored as of " + HISTORY.until())
                .hasMessageContaining("--force");

        RescoreReport forced = rescoring.run(new Rescoring.Request(HISTORY.until(), true, 2));
        assertThat(forced.status()).isEqualTo("COMPLETED");
        assertThat(forced.runId()).isNotEqualTo(first.runId());
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", forced.runId()))
                .isEqualTo(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", first.runId()));
    }

    /** A run that stops at the chunk of a lead three quarters of the way through the open leads. */
    RescoreReport runThatStopsThreeQuartersThrough(long open) {
        Long poisoned = jdbc.queryForObject("SELECT id FROM lead WHERE " + OPEN + " ORDER BY id OFFSET ? ROWS"
                + " FETCH NEXT 1 ROWS ONLY", Long.class, open * 3 / 4);
        jdbc.execute("ALTER TABLE score_history ADD CONSTRAINT test_poisoned_lead CHECK (lead_id <> " + poisoned + ")");
        RescoreReport failed;
        try {
            failed = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));
        } finally {
            jdbc.execute("ALTER TABLE score_history DROP CONSTRAINT test_poisoned_lead");
        }
        assertThat(failed.status()).isEqualTo("FAILED");
        long committed = count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId());
        assertThat(committed).isPositive().isLessThan(open);
        // the failed run's report counts what its committed chunks hold, not the zero its unwritten end would say
        assertThat(failed.figures().leadsScored()).isEqualTo(committed);
        return failed;
    }

    @Test
    void restartsAFailedRunFromItsLastCommittedChunkWithOneHistoryRowPerLead() {
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        RescoreReport failed = runThatStopsThreeQuartersThrough(open);

        RescoreReport restarted = rescoring.restart();

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.runId()).isEqualTo(failed.runId());
        assertThat(restarted.read()).isLessThan(open);   // the finished partition and the committed chunks were not redone
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
        assertThatThrownBy(() -> rescoring.restart()).hasMessageContaining("nothing to restart");
    }

    @Test
    void refusesASecondRunWhileOneRuns() {
        try (JobLock.Held held = jobLock.acquire(Rescoring.JOB_NAME)) {
            assertThatThrownBy(() -> rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2)))
                    .isInstanceOf(JobLock.HeldException.class)
                    .hasMessageContaining("in progress");
        }
        assertThat(count("SELECT COUNT(*) FROM score_history")).isZero();
    }

    @Test
    void resumesARunKilledMidwayFromItsLastCommittedChunk() throws Exception {
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        RescoreReport killed = runThatStopsThreeQuartersThrough(open);
        long committed = count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", killed.runId());
        // what kill -9 leaves behind: the run and its unfinished partition still marked running, with no end,
        // the step contexts of their last committed chunks, and the lock of a process that is gone
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', EXIT_MESSAGE = '',"
                + " END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", killed.executionId());
        assertThat(jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING',"
                + " EXIT_MESSAGE = '', END_TIME = NULL WHERE JOB_EXECUTION_ID = ? AND STATUS = 'FAILED'",
                killed.executionId())).isPositive();
        leaveTheLockOfAnEndedProcess();

        RescoreReport resumed = rescoring.restart();

        assertThat(resumed.status()).isEqualTo("COMPLETED");
        assertThat(resumed.runId()).isEqualTo(killed.runId());
        // only what was not committed was read again: the leads of the finished partition and chunks were not
        assertThat(resumed.read()).isEqualTo(open - committed);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", killed.runId())).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = ?", killed.runId()))
                .isEqualTo(open);
        assertThat(count("SELECT COUNT(*) FROM lead_score WHERE run_id = ?", killed.runId())).isEqualTo(open);
        assertThat(sampledScoresAgreeWithAFullRecompute(killed.runId(), HISTORY.until())).isGreaterThan(15);
        // every MQL move of the run is recorded once, on a lead that is an MQL since then
        assertThat(count("SELECT COUNT(*) FROM stage_transition WHERE run_id = ? AND to_stage = 'MQL'", killed.runId()))
                .isEqualTo(count("SELECT COUNT(DISTINCT lead_id) FROM stage_transition WHERE run_id = ?"
                        + " AND to_stage = 'MQL'", killed.runId()))
                .isEqualTo(count("SELECT COUNT(*) FROM lead WHERE stage = 'MQL' AND sla_state = 'OPEN'"));
        assertThat(count("SELECT COUNT(*) FROM job_lock WHERE lock_name = ?", Rescoring.JOB_NAME)).isZero();
    }

    @Test
    void aKilledRunThatALaterRunSupersedesIsMarkedFailedNotLeftRunning() throws Exception {
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        RescoreReport killed = runThatStopsThreeQuartersThrough(open);
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', EXIT_MESSAGE = '',"
                + " END_TIME = NULL WHERE JOB_EXECUTION_ID = ?", killed.executionId());
        leaveTheLockOfAnEndedProcess();

        // the next night runs as of a later time instead of restarting the killed run
        RescoreReport later = rescoring.run(new Rescoring.Request(HISTORY.until().plus(Duration.ofDays(1)), false, 2));

        assertThat(later.status()).isEqualTo("COMPLETED");
        assertThat(jobRepository.getJobExecution(killed.executionId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(jobRepository.getJobExecution(killed.executionId()).getEndTime()).isNotNull();
        assertThat(jobRepository.findRunningJobExecutions(Rescoring.JOB_NAME)).isEmpty();
    }

    /** Inserts the rescoring lock as a run killed with kill -9 leaves it: held by a process that has ended. */
    private Process leaveTheLockOfAnEndedProcess() throws Exception {
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        ended.waitFor();
        String self = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        String holder = ended.pid() + self.substring(self.indexOf('@')) + "/1";
        Object now = Instants.utc(Instant.now());
        jdbc.update("INSERT INTO job_lock (lock_name, holder, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)",
                Rescoring.JOB_NAME, holder, now, now);
        return ended;
    }

    @Test
    void takesOverAtOnceTheLockOfARunWhoseProcessOnThisMachineHasEnded() throws Exception {
        // a run killed with kill -9 leaves its lock behind with a fresh heartbeat
        Process ended = leaveTheLockOfAnEndedProcess();
        Object now = Instants.utc(Instant.now());
        assertThat(jobLock.isHeld(Rescoring.JOB_NAME)).isFalse();

        RescoreReport report = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 2));

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(count("SELECT COUNT(*) FROM job_lock WHERE lock_name = ?", Rescoring.JOB_NAME)).isZero();

        // a holder on another machine is judged by its heartbeat alone
        jdbc.update("INSERT INTO job_lock (lock_name, holder, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)",
                Rescoring.JOB_NAME, ended.pid() + "@elsewhere.example/1", now, Instants.utc(Instant.now()));
        assertThat(jobLock.isHeld(Rescoring.JOB_NAME)).isTrue();
        jdbc.update("DELETE FROM job_lock WHERE lock_name = ?", Rescoring.JOB_NAME);
    }
}

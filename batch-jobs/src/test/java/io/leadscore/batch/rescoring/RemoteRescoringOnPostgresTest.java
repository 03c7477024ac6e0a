package io.leadscore.batch.rescoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadscore.batch.BatchTestApplication;
import io.leadscore.batch.GeneratedHistory;
import io.leadscore.batch.RequiresPostgres;
import io.leadscore.batch.TestStores;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.PollableChannel;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * rescoreJob with its partitions handed to workers through the PostgreSQL
 * store's channel ({@code rescore --remote}), on a generated history (1,500
 * leads, seed 13) with a trained champion and chunks of 100 leads. The
 * workers here run in this JVM, one {@link RescoreWorker} each; the
 * multi-process runs (kill -9 included) are in the app's
 * {@code RemoteRescoringProcessesTest}. Timings are short by settings: polls
 * every 50 ms, heartbeats every 100 ms; a lease silent for 10 s is dead (a worker whose
 * process on this machine ended, at once).
 */
@RequiresPostgres
@SpringBatchTest
@SpringBootTest(classes = BatchTestApplication.class, properties = {"leadscore.rescore.chunk-size=100",
        "leadscore.remote.poll-interval=50ms", "leadscore.remote.heartbeat=100ms",
        "leadscore.remote.lease-stale-after=10s"})
class RemoteRescoringOnPostgresTest {
    static final GeneratedHistory HISTORY = GeneratedHistory.of(1_500, 13);
    static final String OPEN = OpenLeadReader.scored("");
    static final Duration MINUTE = Duration.ofMinutes(1);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.postgres(registry);
    }

    @Autowired
    Rescoring rescoring;
    @Autowired
    Retraining retraining;
    @Autowired
    CrmImport crmImport;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    PollableChannel rescorePartitionRequests;
    @Autowired
    PartitionLeases leases;
    @Autowired
    RemoteSettings settings;
    @Autowired
    @Qualifier("rescoreLeadsStep")
    Step rescoreLeadsStep;

    final List<RescoreWorker> workers = new ArrayList<>();
    final List<String> said = new CopyOnWriteArrayList<>();

    @BeforeEach
    void importAndTrain() {
        TestStores.clean(jdbc);
        HISTORY.importInto(crmImport);
        retraining.run(new Retraining.Request(HISTORY.until(), Algorithm.GRADIENT_BOOSTING, PromotionMode.FORCE, 7L,
                List.of("sales_verdict")));
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(RescoreWorker::stop);
    }

    RescoreWorker worker(Step step, int threads) {
        RescoreWorker worker = new RescoreWorker(rescorePartitionRequests, leases, jobRepository, step, settings);
        workers.add(worker);
        worker.start(threads, said::add);
        return worker;
    }

    long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    Rescoring.Request remote(int partitions, Duration workerTimeout) {
        return new Rescoring.Request(HISTORY.until(), false, partitions, new Rescoring.Remote(workerTimeout));
    }

    /** What a run left in the store, keyed by the export's lead ids (store ids differ between imports). */
    record Outcome(List<Map<String, Object>> history, List<Map<String, Object>> moves, List<Map<String, Object>> leads,
                   long leadsScored, long mqlsCreated, double psi, long read, long written, int partitions) {
        static Outcome of(JdbcTemplate jdbc, RescoreReport report) {
            long run = report.runId();
            return new Outcome(
                    jdbc.queryForList("SELECT l.lead_key, h.score, h.grade FROM score_history h JOIN lead l ON l.id = h.lead_id"
                            + " WHERE h.run_id = ? ORDER BY l.lead_key", run),
                    jdbc.queryForList("SELECT l.lead_key, t.from_stage, t.to_stage, t.occurred_at, t.reason FROM"
                            + " stage_transition t JOIN lead l ON l.id = t.lead_id WHERE t.run_id = ?"
                            + " ORDER BY l.lead_key, t.occurred_at, t.to_stage", run),
                    jdbc.queryForList("SELECT l.lead_key, l.stage, l.mql_at, l.sla_state, s.score, s.grade, s.reasons,"
                            + " s.features_as_of FROM lead l LEFT JOIN lead_score s ON s.lead_id = l.id ORDER BY l.lead_key"),
                    report.figures().leadsScored(), report.figures().mqlsCreated(), report.figures().psi(),
                    report.read(), report.written(), report.partitions());
        }
    }

    @Test
    void aRemoteRunWritesWhatALocalRunWrites() {
        RescoreReport local = rescoring.run(new Rescoring.Request(HISTORY.until(), false, 3));
        assertThat(local.status()).isEqualTo("COMPLETED");
        Outcome expected = Outcome.of(jdbc, local);
        importAndTrain();
        worker(rescoreLeadsStep, 2);
        worker(rescoreLeadsStep, 1);

        RescoreReport remote = rescoring.run(remote(3, MINUTE));

        assertThat(remote.status()).isEqualTo("COMPLETED");
        Outcome actual = Outcome.of(jdbc, remote);
        assertThat(actual.history()).hasSize((int) count("SELECT COUNT(*) FROM lead WHERE " + OPEN));
        assertThat(actual.moves()).isNotEmpty();
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        // the partitions were worked by the workers, each taken once, and ended
        assertThat(count("SELECT COUNT(*) FROM rescore_partition_lease WHERE job_execution_id = ? AND ended_at IS NOT NULL"
                + " AND holder <> 'manager'", remote.executionId())).isEqualTo(3);
        assertThat(said).filteredOn(s -> s.startsWith("took ")).hasSize(3);
        assertThat(count("SELECT COUNT(*) FROM int_channel_message")).isZero();
    }

    @Test
    void aPartitionThatFailsOnItsWorkerFailsTheRunAndOnlyItIsWorkedAgain() {
        worker(rescoreLeadsStep, 2);
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        Long poisoned = jdbc.queryForObject("SELECT id FROM lead WHERE " + OPEN + " ORDER BY id OFFSET ? ROWS"
                + " FETCH NEXT 1 ROWS ONLY", Long.class, open / 2);
        jdbc.execute("ALTER TABLE score_history ADD CONSTRAINT test_poisoned_lead CHECK (lead_id <> " + poisoned + ")");
        RescoreReport failed;
        try {
            failed = rescoring.run(remote(4, MINUTE));
        } finally {
            jdbc.execute("ALTER TABLE score_history DROP CONSTRAINT test_poisoned_lead");
        }
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failure()).startsWith("1 of 4 partitions did not complete: partition").contains("failed (");
        long committed = count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId());
        assertThat(committed).isPositive().isLessThan(open);

        RescoreReport restarted = rescoring.restart();

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.runId()).isEqualTo(failed.runId());
        assertThat(restarted.read()).isEqualTo(open - committed);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
    }

    @Test
    void aWorkerWhoseStepThrowsWithoutRecordingItsEndDoesNotLeaveTheManagerWaiting() {
        // the trap of remote partitioning: the step fails before it records anything, so the repository still says
        // the partition runs; the worker records the end itself
        worker(new Step() {
            @Override
            public String getName() {
                return "rescoreLeadsStep";
            }

            @Override
            public void execute(StepExecution stepExecution) {
                throw new IllegalStateException("the worker cannot load the model");
            }
        }, 1);

        RescoreReport failed = rescoring.run(remote(2, MINUTE));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failure()).isEqualTo("2 of 2 partitions did not complete: partition0, partition1 failed"
                + " (java.lang.IllegalStateException: the worker cannot load the model)");
        stopWorkers();
        worker(rescoreLeadsStep, 2);
        assertThat(rescoring.restart().status()).isEqualTo("COMPLETED");
    }

    @Test
    void partitionsNobodyTakesFailTheRunAfterTheWorkerTimeoutAndARestartHandsThemOut() {
        RescoreReport failed = rescoring.run(remote(2, Duration.ofSeconds(1)));

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failure()).isEqualTo("2 of 2 partitions did not complete: partition0, partition1 were not"
                + " taken by any worker within 1 s (are 'leadscore worker' processes running on this store?)");
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId())).isZero();

        worker(rescoreLeadsStep, 2);
        RescoreReport restarted = rescoring.restart();

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
        // the first execution's requests were dropped by the worker, not worked
        assertThat(said).filteredOn(s -> s.startsWith("dropped ")).hasSize(2);
        assertThat(said).filteredOn(s -> s.startsWith("took ")).hasSize(2);
    }

    @Test
    void aWorkerThatDiesWithAPartitionInHandFailsItAndTheRestartHandsOutOnlyThatOne() throws Exception {
        long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
        CompletableFuture<RescoreReport> run = CompletableFuture.supplyAsync(() -> rescoring.run(remote(3, MINUTE)));
        // a worker takes a partition and dies (its process ends: kill -9) with the partition marked running
        StepExecution partition = jobRepository.getStepExecution(takeOneRequest());
        partition.setStatus(BatchStatus.STARTED);
        partition.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(partition);
        String deadHolder = endedProcess().pid() + selfHost() + "/1";
        assertThat(leases.take(partition.getId(), partition.getJobExecutionId(), deadHolder)).isTrue();
        worker(rescoreLeadsStep, 2);

        RescoreReport failed = run.get(1, TimeUnit.MINUTES);

        assertThat(failed.status()).isEqualTo("FAILED");
        String name = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
        assertThat(failed.failure()).isEqualTo("1 of 3 partitions did not complete: " + name + " was left unfinished by"
                + " worker " + deadHolder + ", which stopped answering (last heartbeat "
                + leases.of(failed.executionId()).get(partition.getId()).heartbeatAt() + ")");
        long done = count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId());
        assertThat(done).isPositive().isLessThan(open);

        RescoreReport restarted = rescoring.restart();

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.read()).isEqualTo(open - done);
        assertThat(said).filteredOn(s -> s.startsWith("took " + partition.getStepName() + " ")).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = ?", failed.runId())).isEqualTo(open);
    }

    @Test
    void aRestartAfterTheManagerDiedWaitsForThePartitionALiveWorkerStillHoldsAndNeverHandsItOutAgain() throws Exception {
        // a run whose manager died (kill -9) while partition0 was being worked by a worker that is alive, and the
        // requests of partition1 and partition2 still waited in the channel, taken by nobody
        RescoreReport first = rescoring.run(remote(3, Duration.ofSeconds(1)));
        assertThat(first.status()).isEqualTo("FAILED");
        JobExecution execution = jobRepository.getJobExecution(first.executionId());
        StepExecution held = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().equals("rescoreLeadsStep:partition0")).findFirst().orElseThrow();
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'UNKNOWN', END_TIME = NULL"
                + " WHERE JOB_EXECUTION_ID = ?", execution.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', EXIT_CODE = 'EXECUTING', EXIT_MESSAGE = '',"
                + " END_TIME = NULL WHERE STEP_EXECUTION_ID = ?", held.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'FAILED' WHERE JOB_EXECUTION_ID = ?"
                + " AND STEP_NAME = 'rescorePartitionedStep'", execution.getId());
        jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTING', EXIT_CODE = 'EXECUTING', EXIT_MESSAGE = '',"
                + " END_TIME = NULL WHERE JOB_EXECUTION_ID = ? AND STEP_NAME IN ('rescoreLeadsStep:partition1',"
                + " 'rescoreLeadsStep:partition2')", execution.getId());
        jdbc.update("DELETE FROM rescore_partition_lease WHERE job_execution_id = ? AND step_execution_id <> ?",
                execution.getId(), held.getId());
        String liveHolder = ManagementFactory.getRuntimeMXBean().getName() + "/" + Thread.currentThread().getId();
        jdbc.update("UPDATE rescore_partition_lease SET holder = ?, heartbeat_at = ?, ended_at = NULL"
                + " WHERE step_execution_id = ?", liveHolder, Instants.utc(Instant.now()), held.getId());
        ScheduledExecutorService beating = Executors.newSingleThreadScheduledExecutor();
        beating.scheduleWithFixedDelay(() -> leases.beat(List.of(held.getId())), 100, 100, TimeUnit.MILLISECONDS);
        try {
            CompletableFuture<RescoreReport> restart = CompletableFuture.supplyAsync(() -> rescoring.restart());

            // while the live worker holds partition0, the restart waits: nothing is recovered, nothing handed out
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !restart.isDone()
                    && jobRepository.getStepExecution(held.getId()).getStatus() == BatchStatus.STARTED
                    && jobRepository.getJobExecutions(execution.getJobInstance()).size() == 1);
            // a worker that comes now finds the dead manager's three requests and works none of them: partition0
            // is held, the waiting two were closed by the restart (else it would work them beside the restart)
            worker(rescoreLeadsStep, 2);
            String ofRun = " of run " + first.runId() + ": ";
            await().atMost(Duration.ofSeconds(30)).until(() -> said.stream().filter(s -> s.contains(ofRun)).count() == 3);
            assertThat(said).filteredOn(s -> s.contains(ofRun)).containsExactlyInAnyOrder(
                    "dropped rescoreLeadsStep:partition0" + ofRun + "it is no longer waiting (STARTED)",
                    "dropped rescoreLeadsStep:partition1" + ofRun + "taken by another worker, or given up by the manager",
                    "dropped rescoreLeadsStep:partition2" + ofRun + "taken by another worker, or given up by the manager");
            assertThat(execution.getStepExecutions()).filteredOn(s -> s.getStepName().startsWith("rescoreLeadsStep:"))
                    .filteredOn(s -> s.getId() != held.getId())
                    .allSatisfy(s -> assertThat(jobRepository.getStepExecution(s.getId()).getStatus())
                            .isEqualTo(BatchStatus.STARTING));
            assertThat(restart).isNotDone();
            // the live worker finishes partition0 and lets it go
            StepExecution partition = jobRepository.getStepExecution(held.getId());
            rescoreLeadsStep.execute(partition);
            assertThat(partition.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            beating.shutdownNow();
            leases.end(held.getId());
            long doneByLiveWorker = partition.getWriteCount();

            RescoreReport restarted = restart.get(1, TimeUnit.MINUTES);

            assertThat(restarted.status()).isEqualTo("COMPLETED");
            long open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
            assertThat(restarted.read()).isEqualTo(open - doneByLiveWorker);
            assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = ?", first.runId())).isEqualTo(open);
            assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = ?", first.runId()))
                    .isEqualTo(open);
            assertThat(said).noneMatch(s -> s.startsWith("took rescoreLeadsStep:partition0 "));
        } finally {
            beating.shutdownNow();
        }
    }

    /** Takes one partition request from the store's channel, as a worker's poll does: its step execution's id. */
    long takeOneRequest() {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            var message = rescorePartitionRequests.receive(0);
            return message == null ? null
                    : ((org.springframework.batch.integration.partition.StepExecutionRequest) message.getPayload())
                            .getStepExecutionId();
        }, id -> id != null);
    }

    static Process endedProcess() throws Exception {
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        ended.waitFor();
        return ended;
    }

    static String selfHost() {
        String self = ManagementFactory.getRuntimeMXBean().getName();
        return self.substring(self.indexOf('@'));
    }
}

package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadscore.app.PostgresTestDatabases;
import io.leadscore.app.webhooks.ServeWebhooksOnPostgresTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remote rescoring as operators run it: {@code rescore --remote} managers and
 * {@code worker} processes of the application (separate JVMs) on one
 * PostgreSQL store of 1,000 generated leads, killed with kill -9 where the
 * contract says they may be. Workers are held mid-partition where a test needs
 * them there by a row lock the test takes on leads' current scores (their
 * writes wait for it), so every kill lands where it should, on any machine.
 */
@ExtendWith(ServeWebhooksOnPostgresTest.PostgresConfigured.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteRescoringProcessesTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String OPEN = "stage NOT IN ('OPPORTUNITY', 'WON', 'LOST')";
    static final Duration LONG = Duration.ofMinutes(2);

    @TempDir
    static Path dir;
    String db;
    Path config;
    long open;
    final List<Process> started = new ArrayList<>();
    Worker first;
    Worker second;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    /** A process of the application, its output kept in files. */
    record Launched(Process process, Path out, Path err) {
        String stderr() throws IOException {
            return Files.readString(err);
        }

        Run finish() throws Exception {
            assertThat(process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)).as("finished in time").isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    record Worker(Launched launched) {
        long pid() {
            return launched.process().pid();
        }
    }

    @BeforeAll
    void store() throws Exception {
        db = PostgresTestDatabases.create("leadscore_remote_");
        // short waits: polls every 100 ms, heartbeats every 200 ms; small chunks, so a partition has many
        config = Files.writeString(dir.resolve("remote.yml"), """
                leadscore:
                  rescore:
                    chunk-size: 10
                  remote:
                    poll-interval: 100ms
                    heartbeat: 200ms
                    lease-stale-after: 10s
                """);
        Path export = dir.resolve("export");
        assertThat(inProcess("generate", "--out", export.toString(), "--leads", "1000", "--seed", "11").exit()).isZero();
        Run imported = inProcess("import", "--leads", export.resolve("leads.csv").toString(), "--activities",
                export.resolve("activities.csv").toString(), "--deals", export.resolve("deals.csv").toString(),
                "--followups", export.resolve("followups.csv").toString(), "--db", db, "--create");
        assertThat(imported.exit()).as(imported.err()).isZero();
        Run train = inProcess("train", "--as-of", "2026-11-01", "--exclude", "sales_verdict", "--db", db);
        assertThat(train.exit()).as(train.err()).isZero();
        open = count("SELECT COUNT(*) FROM lead WHERE " + OPEN);
    }

    @AfterAll
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    @Order(1)
    void aManagerWaitsForWorkersHoldsTheNightAgainstASecondManagerAndTwoWorkersRescoreTheStore() throws Exception {
        // the manager starts first: its partitions wait in the store for workers
        Launched manager = launch("rescore", "--remote", "--partitions", "4", "--as-of", "2026-11-02T00:00:00Z",
                "--format", "json");
        await().atMost(LONG).until(() -> count("SELECT COUNT(*) FROM int_channel_message") == 4);

        Run second = launch("rescore", "--remote", "--as-of", "2026-11-02T06:00:00Z").finish();

        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.err()).contains("another rescoreJob run is in progress");
        try (RowLocks locks = new RowLocks(4)) {
            // each worker takes a partition and waits on the test's lock, so both work whichever starts first
            first = startWorker();
            this.second = startWorker();
            awaitBothWorkersHoldingAPartition();
        }
        Run run = manager.finish();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(run.json().get("leads_scored").asLong()).isEqualTo(open);
        assertThat(run.json().get("read").asLong()).isEqualTo(open);
        assertThat(run.json().get("partitions").asInt()).isEqualTo(4);
        long runId = run.json().get("run_id").asLong();
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = " + runId)).isEqualTo(open);
        // both workers worked, each partition taken once: the partitions' leases name both processes
        assertThat(count("SELECT COUNT(*) FROM rescore_partition_lease l JOIN BATCH_STEP_EXECUTION s"
                + " ON s.STEP_EXECUTION_ID = l.step_execution_id JOIN BATCH_JOB_EXECUTION e"
                + " ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = " + runId)).isEqualTo(4);
        assertThat(count("SELECT COUNT(DISTINCT SUBSTRING(holder FROM 1 FOR POSITION('@' IN holder)))"
                + " FROM rescore_partition_lease l JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = l.step_execution_id"
                + " JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = " + runId))
                .isEqualTo(2);
    }

    @Test
    @Order(2)
    void aWorkerKilledMidPartitionFailsTheRunAndTheRestartResumesItsPartitionElsewhere() throws Exception {
        Launched manager;
        long runId;
        try (RowLocks locks = new RowLocks(4)) {
            manager = launch("rescore", "--remote", "--partitions", "4", "--as-of", "2026-11-03T00:00:00Z",
                    "--worker-timeout", "30s");
            runId = awaitBothWorkersHoldingAPartition();
            first.launched().process().destroyForcibly();   // kill -9
            first.launched().process().waitFor();
        }

        Run failed = manager.finish();

        assertThat(failed.exit()).as(failed.err()).isEqualTo(1);
        assertThat(failed.err()).contains("was left unfinished by worker " + first.pid() + "@")
                .contains("finish it with 'leadscore rescore --restart'");
        long committed = count("SELECT COUNT(*) FROM score_history WHERE run_id = " + runId);
        assertThat(committed).isLessThan(open);

        Run restarted = launch("rescore", "--restart", "--format", "json").finish();

        assertThat(restarted.exit()).as(restarted.err()).isZero();
        assertThat(restarted.json().get("run_id").asLong()).isEqualTo(runId);
        assertThat(restarted.json().get("read").asLong()).isEqualTo(open - committed);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = " + runId)).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = " + runId)).isEqualTo(open);
    }

    @Test
    @Order(3)
    void aManagerKilledMidRunIsRestartedWithoutHandingOutThePartitionsLiveWorkersStillHold() throws Exception {
        first = startWorker();
        Launched restart;
        long runId;
        try (RowLocks locks = new RowLocks(4)) {
            Launched manager = launch("rescore", "--remote", "--partitions", "4", "--as-of", "2026-11-04T00:00:00Z");
            runId = awaitBothWorkersHoldingAPartition();
            manager.process().destroyForcibly();   // kill -9
            manager.process().waitFor();
            restart = launch("rescore", "--restart", "--format", "json");
            // the restart sees the partitions the two live workers hold, and waits for them
            await().atMost(LONG).until(() -> restart.stderr().contains("still being worked by live workers"));
        }

        Run restarted = restart.finish();

        assertThat(restarted.exit()).as(restarted.err()).isZero();
        assertThat(restarted.json().get("run_id").asLong()).isEqualTo(runId);
        assertThat(restarted.json().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE run_id = " + runId)).isEqualTo(open);
        assertThat(count("SELECT COUNT(DISTINCT lead_id) FROM score_history WHERE run_id = " + runId)).isEqualTo(open);
        // each lead moved at most once by the run
        assertThat(count("SELECT COUNT(*) FROM stage_transition WHERE run_id = " + runId))
                .isEqualTo(count("SELECT COUNT(DISTINCT lead_id) FROM stage_transition WHERE run_id = " + runId));
    }

    @Test
    @Order(4)
    void remoteRescoringIsRefusedOnAnH2Store() {
        String h2 = "jdbc:h2:file:" + dir.resolve("h2-store").toAbsolutePath();

        Run manager = inProcess("rescore", "--remote", "--db", h2);
        Run worker = inProcess("worker", "--db", h2);

        assertThat(manager.exit()).isEqualTo(2);
        assertThat(manager.err().strip()).isEqualTo("leadscore rescore: rescore --remote needs a store that several"
                + " machines share: PostgreSQL (--db jdbc:postgresql://...); the embedded H2 store rescores on local"
                + " threads only");
        assertThat(worker.exit()).isEqualTo(2);
        assertThat(worker.err().strip()).startsWith("leadscore worker: worker needs a store that several machines share");
    }

    /**
     * Waits until each of the two workers holds a partition of the newest run and has committed a chunk of it
     * (their next writes wait on the test's row locks); the run's id.
     */
    long awaitBothWorkersHoldingAPartition() {
        await().atMost(LONG).until(() -> count("SELECT COUNT(DISTINCT SUBSTRING(l.holder FROM 1 FOR POSITION('@' IN l.holder)))"
                + " FROM rescore_partition_lease l JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = l.step_execution_id"
                + " WHERE l.ended_at IS NULL AND l.holder <> 'manager' AND s.STATUS = 'STARTED' AND s.COMMIT_COUNT > 0"
                + " AND s.JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)") == 2);
        return count("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1");
    }

    /**
     * Locks the current score of the 16th lead of each of a run's partitions (their ranges split the open leads as
     * {@code LeadRangePartitioner} does) until closed: a worker writing the chunk that holds it (chunks of 10) waits
     * there, the partition's first chunk committed. A lead not scored yet gets a row the test never commits, which
     * the worker's insert waits on just the same.
     */
    final class RowLocks implements AutoCloseable {
        private final Connection connection;

        RowLocks(int partitions) throws Exception {
            connection = DriverManager.getConnection(db);
            connection.setAutoCommit(false);
            StringBuilder positions = new StringBuilder();
            for (int p = 0; p < partitions; p++) {
                positions.append(p == 0 ? "" : ", ").append(open * p / partitions + 16);
            }
            String leads = "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM lead WHERE " + OPEN
                    + ") o WHERE n IN (" + positions + ")";
            try (Statement s = connection.createStatement()) {
                s.executeUpdate("INSERT INTO lead_score (lead_id, score, grade, scored_at, run_id, model_version)"
                        + " SELECT id, 0, 'D', now(), 0, 'test lock' FROM (" + leads + ") l ON CONFLICT (lead_id) DO NOTHING");
                s.executeQuery("SELECT lead_id FROM lead_score WHERE lead_id IN (" + leads + ") FOR UPDATE").close();
            }
        }

        @Override
        public void close() throws Exception {
            connection.rollback();
            connection.close();
        }
    }

    @Test
    @Order(5)
    void aWorkerThatCannotVerifyTheChampionRefusesToStartInsteadOfFailingEveryPartition() throws Exception {
        // another signing key than the one the champion was signed with: this process may not score with it
        Path otherKey = dir.resolve("another-model.key");

        Run worker = launch(otherKey, "worker", "--threads", "1").finish();

        assertThat(worker.exit()).as(worker.err()).isEqualTo(2);
        assertThat(worker.err().lines().filter(l -> l.startsWith("leadscore worker:")).toList()).singleElement()
                .asString().startsWith("leadscore worker: model v").contains(" is refused: ");
    }

    Worker startWorker() throws Exception {
        Launched worker = launch("worker", "--threads", "1");
        await().atMost(LONG).until(() -> worker.stderr().contains("waiting for rescoring partitions"));
        return new Worker(worker);
    }

    /** The application in a process of its own, as the jar runs it, on the test's store and settings. */
    Launched launch(String... args) throws IOException {
        return launch(Path.of(System.getProperty("leadscore.model-signing.key-file")), args);
    }

    /** The same, with a model-signing key file of its own. */
    Launched launch(Path keyFile, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dleadscore.model-signing.key-file=" + keyFile,
                "-cp", System.getProperty("java.class.path"), LeadscoreMain.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--db", db, "--config", config.toString()));
        String name = args[0] + "-" + started.size();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        started.add(process);
        return new Launched(process, out, err);
    }

    Run inProcess(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--quiet");
        InProcessCli.Result r = InProcessCli.run(all);
        return new Run(r.exit(), r.out(), r.err());
    }

    long count(String sql) {
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

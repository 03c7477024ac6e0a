package io.leadscore.batch.rescoring;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobLock;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.scoring.domain.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs the nightly rescoring ({@code rescoreJob}) with the champion and the
 * current policy, one run at a time across processes. A run is identified by
 * its as-of time: rescoring the same as-of again is refused unless forced
 * (which starts a new run), and a failed or killed run is restarted from its
 * last committed chunk.
 */
@Service
public class Rescoring {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Rescoring.class);
    public static final String JOB_NAME = "rescoreJob";
    static final String AS_OF = "as.of";
    static final String ATTEMPT = "attempt";
    static final String MODEL_VERSION = "model.version";
    static final String THRESHOLD = "mql.threshold";
    static final String GRID_SIZE = "grid.size";
    /** Set on a remote run ({@code rescore --remote}): its partitions go to the store's workers. */
    static final String REMOTE = "remote";
    static final String WORKER_TIMEOUT = "worker.timeout";

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job rescoreJob;
    private final JobLock jobLock;
    private final ModelRegistry registry;
    private final PolicyStore policies;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StoreDialect dialect;
    private final RemotePartitionHandler remote;

    public Rescoring(JobOperator jobOperator, JobRepository jobRepository, Job rescoreJob, JobLock jobLock,
                     ModelRegistry registry, PolicyStore policies, JdbcTemplate jdbc, Clock clock, StoreDialect dialect,
                     RemotePartitionHandler remote) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.rescoreJob = rescoreJob;
        this.jobLock = jobLock;
        this.registry = registry;
        this.policies = policies;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dialect = dialect;
        this.remote = remote;
    }

    /** No champion to score with: train one first. */
    public static final class NoChampionException extends RuntimeException {
        NoChampionException(int registered) {
            super(registered == 0 ? "there is no champion model to score with; train one first: leadscore train"
                    : "there is no champion model to score with: " + registered + " model(s) registered, none"
                    + " promoted; leadscore models list shows them and why, leadscore models promote VERSION makes"
                    + " one the champion");
        }
    }

    /** This as-of time was rescored already. */
    public static final class AlreadyRescoredException extends RuntimeException {
        AlreadyRescoredException(String message) {
            super(message);
        }
    }

    /** A remote run on a store that other machines cannot share. */
    public static final class RemoteNeedsSharedStoreException extends RuntimeException {
        RemoteNeedsSharedStoreException() {
            super("--remote needs a store that several machines share: PostgreSQL (--db jdbc:postgresql://...);"
                    + " the embedded H2 store rescores on local threads only");
        }
    }

    /**
     * @param asOf     the time to score as of (default now)
     * @param force    start a new run even if this as-of time was rescored already
     * @param gridSize partitions, or {@code null} for the configured default (local threads, or
     *                 {@code leadscore.remote.partitions} for a remote run)
     * @param remote   hand the partitions to the store's worker processes instead of local threads, or {@code null}
     */
    public record Request(Instant asOf, boolean force, Integer gridSize, Remote remote) {
        public Request(Instant asOf, boolean force, Integer gridSize) {
            this(asOf, force, gridSize, null);
        }
    }

    /**
     * A remote run's terms.
     *
     * @param workerTimeout how long partitions may wait while no worker works on the run, or {@code null} for
     *                      {@code leadscore.remote.worker-timeout}
     */
    public record Remote(Duration workerTimeout) {
        public Remote {
            if (workerTimeout != null && !RemoteSettings.validWorkerTimeout(workerTimeout)) {
                throw new IllegalArgumentException("Invalid worker timeout: " + workerTimeout + ", expected 1 s to 24 h");
            }
        }
    }

    static boolean isRemote(JobParameters parameters) {
        return "true".equals(parameters.getString(REMOTE));
    }

    static JobParametersValidator parametersValidator() {
        DefaultJobParametersValidator names = new DefaultJobParametersValidator(
                new String[] {AS_OF, MODEL_VERSION, THRESHOLD}, new String[] {ATTEMPT, GRID_SIZE, REMOTE, WORKER_TIMEOUT});
        return parameters -> {
            names.validate(parameters);
            try {
                Instant.parse(parameters.getString(AS_OF));
            } catch (RuntimeException e) {
                throw new InvalidJobParametersException("Invalid as.of: " + parameters.getString(AS_OF));
            }
            Double threshold = parameters.getDouble(THRESHOLD);
            if (threshold == null || !(threshold > 0 && threshold < 1)) {
                throw new InvalidJobParametersException("Invalid mql.threshold: " + threshold);
            }
            Long grid = parameters.getLong(GRID_SIZE);
            int most = isRemote(parameters) ? RemoteSettings.MAX_PARTITIONS : 64;
            if (grid != null && (grid < 1 || grid > most)) {
                throw new InvalidJobParametersException("Invalid grid.size: " + grid + ", expected 1 to " + most);
            }
            String timeout = parameters.getString(WORKER_TIMEOUT);
            if (timeout != null) {
                try {
                    new Remote(Duration.parse(timeout));
                } catch (RuntimeException e) {
                    throw new InvalidJobParametersException("Invalid worker.timeout: " + timeout + ", expected 1 s to 24 h");
                }
            }
        };
    }

    /**
     * Starts a run.
     *
     * @throws NoChampionException      when no model is the champion
     * @throws ModelRefusedException    when the champion's file does not verify (no run is started)
     * @throws AlreadyRescoredException when the as-of time was rescored and {@code force} is off
     * @throws JobLock.HeldException    when a run is in progress
     * @throws RemoteNeedsSharedStoreException when a remote run is asked of an H2 store
     */
    /**
     * The champion a rescoring would score with, verified (its bytes against the recorded SHA-256, its signature
     * against this installation's key): what a caller that starts a run later (in the background) asks first.
     *
     * @throws NoChampionException   when there is no champion
     * @throws ModelRefusedException when the champion does not verify
     */
    public ModelRecord checkChampion() {
        ModelRecord champion = registry.champion().orElseThrow(() -> new NoChampionException(registry.list().size()));
        registry.verify(champion.version());
        return champion;
    }

    public RescoreReport run(Request request) {
        if (request.remote() != null && dialect != StoreDialect.POSTGRESQL) {
            throw new RemoteNeedsSharedStoreException();
        }
        // checked before a run exists: a run that could only fail would be recorded FAILED and invite a restart
        ModelRecord champion = checkChampion();
        Instant asOf = request.asOf() == null ? clock.instant() : request.asOf();
        if (!request.force()) {
            refuseStaleOrRepeated(asOf);
        }
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(AS_OF, asOf.toString())
                .addString(MODEL_VERSION, champion.version(), false)
                .addDouble(THRESHOLD, policies.current().mqlThreshold(), false);
        if (request.force()) {
            parameters.addString(ATTEMPT, clock.instant().toString());
        }
        if (request.gridSize() != null) {
            parameters.addLong(GRID_SIZE, request.gridSize().longValue(), false);
        }
        if (request.remote() != null) {
            parameters.addString(REMOTE, "true", false);
            if (request.remote().workerTimeout() != null) {
                parameters.addString(WORKER_TIMEOUT, request.remote().workerTimeout().toString(), false);
            }
        }
        try (JobLock.Held lock = jobLock.acquire(JOB_NAME)) {
            recoverAbandoned();
            JobExecution execution = jobOperator.start(rescoreJob, parameters.toJobParameters());
            return report(execution);
        } catch (JobInstanceAlreadyCompleteException e) {
            JobExecution done = jobRepository.getLastJobExecution(JOB_NAME, parameters.toJobParameters());
            throw new AlreadyRescoredException("leads were already rescored as of " + asOf
                    + (done == null ? "" : " (run " + done.getJobInstance().getInstanceId() + ")")
                    + "; add --force to start a new run");
        } catch (JobLock.HeldException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The rescoring could not start: " + e.getMessage(), e);
        }
    }

    /**
     * A run that would only repeat a finished one (the same as-of time, also of a first run with {@code --force},
     * which the job repository alone would take for another) is refused; one earlier than the latest finished run's
     * goes ahead with a warning, since its scores replace the current ones with older ones.
     */
    private void refuseStaleOrRepeated(Instant asOf) {
        record Finished(long run, Instant asOf, Instant finished) {
            String said() {
                return "run " + run + ", finished " + Timestamps.format(finished.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            }
        }
        // a past night replayed on a store that holds what came after it: the leads closed since are not open now
        // (closes dated after now, a CRM's expected close written as closed_at, are not a past night's: no warning)
        Long closedSince = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE stage IN ('WON', 'LOST')"
                + " AND stage_changed_at > ? AND stage_changed_at <= ? AND created_at <= ?", Long.class,
                Instants.utc(asOf), Instants.utc(clock.instant()), Instants.utc(asOf));
        if (closedSince != null && closedSince > 0) {
            log.warn("{} leads open at {} were won or lost after it and are not scored as of it: a rescoring scores the"
                    + " leads open now, with what was known at its time; to score a past night as it stood, rescore a"
                    + " store that holds the history up to that night", closedSince, asOf);
        }
        List<Finished> latest = jdbc.query("SELECT run_id, as_of, finished_at FROM scoring_run WHERE finished_at IS NOT NULL"
                        + " ORDER BY as_of DESC, run_id DESC FETCH FIRST 1 ROWS ONLY",
                (rs, row) -> new Finished(rs.getLong(1), Instants.read(rs, 2), Instants.read(rs, 3)));
        if (latest.isEmpty()) {
            return;
        }
        Finished last = latest.get(0);
        Integer same = jdbc.queryForObject("SELECT COUNT(*) FROM scoring_run WHERE finished_at IS NOT NULL AND as_of = ?",
                Integer.class, Instants.utc(asOf));
        if (same != null && same > 0) {
            throw new AlreadyRescoredException("leads were already rescored as of " + asOf
                    + (last.asOf().equals(asOf) ? " (" + last.said() + ")" : "") + "; add --force to start a new run");
        }
        if (last.asOf().isAfter(asOf)) {
            log.warn("Leads were rescored as of a later time, {} ({}): this run's scores as of {} replace their current"
                    + " ones with older ones", last.asOf(), last.said(), asOf);
        }
    }

    /**
     * Marks FAILED, with an end time, every rescoring run the repository still calls running: with the lock held
     * here no live process runs one, so each was killed (its process ended, or fell silent and lost the lock). A run
     * that only a later run supersedes would otherwise be listed as STARTED for ever; marked, it reads as what it
     * was, and restarts like any failed run while it is the last.
     */
    private void recoverAbandoned() {
        for (JobExecution abandoned : jobRepository.findRunningJobExecutions(JOB_NAME)) {
            log.info("Rescoring run {} (execution {}) was left running by a process that has ended; marked FAILED",
                    abandoned.getJobInstance().getInstanceId(), abandoned.getId());
            try {
                jobOperator.recover(abandoned);
            } catch (RuntimeException e) {
                log.warn("Could not mark rescoring execution {} failed: {}", abandoned.getId(), e.getMessage());
            }
        }
    }

    /**
     * Restarts the last run if it failed, was stopped or died (killed, even with {@code kill -9}): the
     * partitions that finished are kept, the others resume after their last committed chunk.
     *
     * @throws IllegalStateException  when the last run completed or there is none
     * @throws ModelRefusedException  when the run's model no longer verifies
     */
    public RescoreReport restart() {
        JobInstance last = jobRepository.getLastJobInstance(JOB_NAME);
        if (last == null) {
            throw new IllegalStateException("there is no rescoring run to restart");
        }
        try (JobLock.Held lock = jobLock.acquire(JOB_NAME)) {
            JobExecution execution = jobRepository.getLastJobExecution(last);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                throw new IllegalStateException("the last rescoring run (" + last.getInstanceId() + ", as of "
                        + execution.getJobParameters().getString(AS_OF) + ") completed: there is nothing to restart");
            }
            registry.verify(execution.getJobParameters().getString(MODEL_VERSION));
            // partitions of a remote run that live workers still work are waited for, never handed out twice; the
            // ones nobody took are closed first, so no worker takes one of them while the restart waits
            if (isRemote(execution.getJobParameters())) {
                remote.closeWaiting(execution);
            }
            remote.awaitLiveWorkers(execution);
            execution = jobRepository.getLastJobExecution(last);
            if (execution.getStatus().isRunning()) {
                // the lock was free, so the process that ran it is gone: mark it failed so it can restart
                execution = jobOperator.recover(execution);
            }
            JobExecution restarted = jobOperator.restart(execution);
            return report(restarted);
        } catch (JobLock.HeldException | IllegalStateException | ModelRefusedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The rescoring could not restart: " + e.getMessage(), e);
        }
    }

    /**
     * How many of a finished run's leads were older than any lead its model was trained or validated on.
     *
     * @param oldestSeenDays the oldest lead age among the model's training and validation snapshots, in whole days
     * @param leads          the run's scored leads older than that at its as-of time
     */
    public record BeyondTraining(long oldestSeenDays, long leads) {
    }

    /**
     * The run's leads older than any its model was trained or validated on: scored beyond what its figures speak
     * for (a tree takes such a lead for one of the oldest it saw). Empty for a run that did not finish, or a model
     * that did not record the ages it saw.
     */
    public java.util.Optional<BeyondTraining> beyondTraining(RescoreReport report) {
        if (!report.completed() || report.figures() == null || report.figures().modelVersion() == null) {
            return java.util.Optional.empty();
        }
        java.util.OptionalLong oldest = io.leadscore.scoring.labels.TrainingSet.oldestSeenDays(
                registry.artifact(report.figures().modelVersion()).provenance().trainingSet());
        if (oldest.isEmpty()) {
            return java.util.Optional.empty();
        }
        long days = oldest.getAsLong();
        Long leads = jdbc.queryForObject("SELECT COUNT(*) FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.created_at < ?", Long.class, report.runId(),
                Instants.utc(report.asOf().minus(java.time.Duration.ofDays(days + 1))));
        return java.util.Optional.of(new BeyondTraining(days, leads == null ? 0 : leads));
    }

    /** The report of a run, from the store and the job repository. */
    public RescoreReport report(JobExecution execution) {
        long runId = execution.getJobInstance().getInstanceId();
        // an unfinished run's counts are written at its end: until then, what its committed chunks hold
        List<RescoreReport.RunFigures> figures = jdbc.query("SELECT model_version, mql_threshold,"
                        + " CASE WHEN finished_at IS NULL THEN (SELECT COUNT(*) FROM score_history h WHERE h.run_id = r.run_id)"
                        + " ELSE leads_scored END,"
                        + " CASE WHEN finished_at IS NULL THEN (SELECT COUNT(*) FROM stage_transition t WHERE t.run_id = r.run_id"
                        + " AND t.to_stage = 'MQL' AND t.actor = CONCAT('rescore #', r.run_id)) ELSE mqls_created END,"
                        + " psi, started_at, finished_at FROM scoring_run r WHERE run_id = ?",
                (rs, i) -> new RescoreReport.RunFigures(rs.getString(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5) == null ? null : rs.getDouble(5), Instants.read(rs, 6), Instants.read(rs, 7)),
                runId);
        long read = 0;
        long written = 0;
        long skipped = 0;
        int partitions = 0;
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStepName().startsWith("rescoreLeadsStep")) {
                // as the repository has it: a remote run's partitions were worked, and counted, by other processes
                step = isRemote(execution.getJobParameters()) ? jobRepository.getStepExecution(step.getId()) : step;
                partitions++;
                read += step.getReadCount();
                written += step.getWriteCount();
                skipped += step.getSkipCount();
            }
        }
        String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst().orElse(null);
        return new RescoreReport(runId, execution.getId(), execution.getStatus().name(), failure,
                Instant.parse(execution.getJobParameters().getString(AS_OF)),
                figures.isEmpty() ? null : figures.get(0), partitions, read, written, skipped,
                execution.getStartTime() == null || execution.getEndTime() == null ? null
                        : java.time.Duration.between(execution.getStartTime(), execution.getEndTime()).toMillis() / 1000.0);
    }
}

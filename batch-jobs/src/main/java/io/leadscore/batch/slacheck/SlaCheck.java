package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.stages.StageEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Checks the follow-up SLA: runs {@code slaCheckJob} as of a given time, one
 * run at a time across processes, and reads back what it found.
 */
@Service
public class SlaCheck {
    public static final String JOB_NAME = "slaCheckJob";
    /** The audit trail's reason for an MQL returned to nurture after its SLA breach went stale. */
    public static final String RECYCLED_REASON = StageEngine.RECYCLED_REASON;
    /** Breaches listed in a report; the counts always give the totals. */
    public static final int BREACHES_LISTED = 1_000;

    static final String DETECTION_STEP = "slaBreachDetectionStep";
    private static final String BREACH_COLUMNS = "SELECT l.lead_key, b.mql_at, b.due_at, b.detected_at, b.run_id,"
            + " b.first_touch_at, b.recycled_at FROM sla_breach b JOIN lead l ON l.id = b.lead_id";
    private static final String BREACH_ORDER = " ORDER BY b.due_at, l.lead_key FETCH FIRST " + BREACHES_LISTED + " ROWS ONLY";

    private final JobOperator jobOperator;
    private final Job slaCheckJob;
    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final JobLock jobLock;
    private final Clock clock;
    private final SlaCheckRuns runs;

    SlaCheck(JobOperator jobOperator, Job slaCheckJob, JobRepository jobRepository, JdbcTemplate jdbc, JobLock jobLock,
             Clock clock, SlaCheckRuns runs) {
        this.jobOperator = jobOperator;
        this.slaCheckJob = slaCheckJob;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.jobLock = jobLock;
        this.clock = clock;
        this.runs = runs;
    }

    /** Checks the SLA as of now. */
    public SlaCheckReport run() {
        return run(clock.instant());
    }

    /**
     * Checks the SLA as of the given time: finds the new breaches and recycles the stale MQLs.
     *
     * @throws IllegalArgumentException when {@code asOf} is in the future
     * @throws JobLock.HeldException    when another SLA check is running
     */
    public SlaCheckReport run(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        JobParameters parameters = new JobParametersBuilder()
                .addString(SlaCheckParameters.AS_OF, asOf.toString())
                .addString(SlaCheckParameters.REQUESTED_AT, clock.instant().toString())
                .toJobParameters();
        try (JobLock.Held lock = jobLock.acquire(JOB_NAME)) {
            return report(jobOperator.start(slaCheckJob, parameters));
        } catch (InvalidJobParametersException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (JobLock.HeldException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The SLA check could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Restarts a failed or stopped run from its last committed chunk, with the as-of time and terms it began with.
     *
     * @throws NoSuchJobExecutionException when there is no SLA check execution with that id
     * @throws IllegalArgumentException    when that execution did not fail or stop
     * @throws JobLock.HeldException       when another SLA check is running
     */
    public SlaCheckReport restart(long executionId) throws NoSuchJobExecutionException {
        JobExecution previous;
        try {
            previous = jobRepository.getJobExecution(executionId);
        } catch (EmptyResultDataAccessException e) {
            previous = null;
        }
        if (previous == null || !JOB_NAME.equals(previous.getJobInstance().getJobName())) {
            throw new NoSuchJobExecutionException("No SLA check execution " + executionId);
        }
        BatchStatus status = previous.getStatus();
        if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
            throw new IllegalArgumentException("SLA check execution " + executionId + " is " + status
                    + "; only a failed or stopped run can be restarted");
        }
        try (JobLock.Held lock = jobLock.acquire(JOB_NAME)) {
            return report(jobOperator.restart(previous));
        } catch (JobLock.HeldException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("SLA check execution " + executionId + " could not restart: " + e.getMessage(), e);
        }
    }

    /** The report of a run, read from the store after the given execution of it. */
    public SlaCheckReport report(JobExecution execution) {
        long runId = execution.getJobInstance().getInstanceId();
        Optional<SlaCheckRuns.Run> run = runs.find(runId);
        Instant asOf = run.map(SlaCheckRuns.Run::asOf).orElseGet(() -> SlaCheckParameters.asOf(execution.getJobParameters()));
        // kept in the step's context as of its last committed chunk, and carried over by a restart
        StepExecution detection = jobRepository.getLastStepExecution(execution.getJobInstance(), DETECTION_STEP);
        long examined = detection == null ? 0 : detection.getExecutionContext().getLong(SlaRules.EXAMINED, 0L);
        long waiting = detection == null ? 0 : detection.getExecutionContext().getLong(SlaRules.WAITING, 0L);
        SlaCheckRuns.Run decided = run.orElse(null);
        SlaCheckReport.Counts counts = decided == null
                ? new SlaCheckReport.Counts(examined, waiting, 0, 0, 0, 0, 0)
                : new SlaCheckReport.Counts(examined, waiting, decided.met(), decided.breached(),
                        decided.touchedAfterBreach(), decided.expired(), decided.recycled());
        String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst().orElse(null);
        return new SlaCheckReport(runId, execution.getId(), execution.getStatus().name(), failure, asOf,
                run.map(SlaCheckRuns.Run::terms).orElse(null), counts,
                breaches(BREACH_COLUMNS + " WHERE b.run_id = ?" + BREACH_ORDER, runId),
                breaches(BREACH_COLUMNS + " WHERE b.recycled_run_id = ?" + BREACH_ORDER, runId));
    }

    /** MQLs whose SLA breach has no follow-up yet, now. */
    public long overdueNow() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE sla_state = ?", Long.class, SlaState.OVERDUE.name());
        return n == null ? 0 : n;
    }

    private List<SlaCheckReport.Breach> breaches(String sql, long runId) {
        return jdbc.query(sql, (rs, i) -> new SlaCheckReport.Breach(rs.getString(1), Instants.read(rs, 2), Instants.read(rs, 3),
                Instants.read(rs, 4), rs.getLong(5), Instants.read(rs, 6), Instants.read(rs, 7)), runId);
    }
}

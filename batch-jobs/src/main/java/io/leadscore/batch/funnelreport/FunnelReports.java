package io.leadscore.batch.funnelreport;

import io.leadscore.scoring.domain.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Service;

/**
 * Funnel reports: takes one with {@code funnelReportJob} and reads it back;
 * every report taken is kept, so earlier ones can be read again. Reports only
 * read the CRM store, so they need no job lock and may run beside any job.
 */
@Service
public class FunnelReports {
    public static final String JOB_NAME = "funnelReportJob";

    private final JobOperator jobOperator;
    private final Job funnelReportJob;
    private final FunnelReportStore store;
    private final Clock clock;

    FunnelReports(JobOperator jobOperator, Job funnelReportJob, FunnelReportStore store, Clock clock) {
        this.jobOperator = jobOperator;
        this.funnelReportJob = funnelReportJob;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Reports on the leads created in {@code [from, to)} as of now.
     *
     * @param from leads created at or after this instant; {@code null} for no lower bound
     * @param to   leads created before this instant; {@code null} for no upper bound
     * @throws IllegalArgumentException    when {@code from} is not before {@code to}
     * @throws FunnelReportFailedException when the report job fails
     */
    public FunnelReport run(Instant from, Instant to) {
        return run(new Cohort(from, to, clock.instant()));
    }

    /**
     * Reports on a cohort as of its as-of time, which may lie in the past: the report then counts only what had
     * happened by it.
     *
     * @throws IllegalArgumentException    when the as-of time is in the future
     * @throws FunnelReportFailedException when the report job fails
     */
    public FunnelReport run(Cohort cohort) {
        Objects.requireNonNull(cohort, "cohort");
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(FunnelReportParameters.AS_OF, cohort.asOf().toString())
                .addString(FunnelReportParameters.REQUESTED_AT, clock.instant().toString());
        if (cohort.from() != null) {
            parameters.addString(FunnelReportParameters.FROM, cohort.from().toString());
        }
        if (cohort.to() != null) {
            parameters.addString(FunnelReportParameters.TO, cohort.to().toString());
        }
        JobExecution execution;
        try {
            execution = jobOperator.start(funnelReportJob, parameters.toJobParameters());
        } catch (InvalidJobParametersException e) {
            // the cohort's bounds, as the caller was given them, refused by the job's validator
            throw new InvalidInputException(e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("The funnel report could not start: " + e.getMessage(), e);
        }
        long runId = execution.getJobInstance().getInstanceId();
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).findFirst()
                    .orElse(execution.getStatus().name());
            throw new FunnelReportFailedException(runId, execution.getId(), "Funnel report run " + runId + " failed: " + failure);
        }
        return find(runId).orElseThrow(() -> new IllegalStateException("Funnel report run " + runId
                + " completed but was not published"));
    }

    /** A completed report; empty when there is no such run or it did not complete. */
    public Optional<FunnelReport> find(long runId) {
        return store.find(runId);
    }

    /** The latest completed reports, newest first. */
    public List<FunnelReport> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("Invalid limit: " + limit + ", expected at least 1");
        }
        return store.recent(limit).stream().map(store::find).flatMap(Optional::stream).toList();
    }
}

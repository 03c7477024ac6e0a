package io.leadscore.app.web.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One execution of a job as ops read it.
 *
 * @param executionId  the execution; a restart is a new execution of the same run
 * @param runId        the run (job instance)
 * @param job          the job's name, e.g. rescoreJob
 * @param asOf         the run's as-of time, for jobs that have one
 * @param status       COMPLETED, FAILED, STARTED, …
 * @param exitMessage  why it failed (first line), or {@code null}
 * @param read         items read (leads, rows), over the run's steps
 * @param written      items written
 * @param skipped      items skipped
 * @param psi          rescoring: drift of the scores against the champion's (population stability index)
 * @param leadsScored  rescoring: leads scored by the run
 * @param mqlsCreated  rescoring: leads that became MQLs
 * @param breaches     SLA check: new breaches found
 * @param recycled     SLA check: MQLs recycled to nurture
 * @param restartable  whether it can be restarted from here
 * @param restartNote  why not, when it failed but cannot be
 */
public record JobRun(@JsonProperty("execution_id") long executionId,
                     @JsonProperty("run_id") long runId,
                     String job,
                     @JsonProperty("as_of") String asOf,
                     String status,
                     @JsonProperty("exit_message") String exitMessage,
                     @JsonProperty("started_at") Instant startedAt,
                     @JsonProperty("duration_seconds") Double durationSeconds,
                     long read,
                     long written,
                     long skipped,
                     Double psi,
                     @JsonProperty("leads_scored") Long leadsScored,
                     @JsonProperty("mqls_created") Long mqlsCreated,
                     Long breaches,
                     Long recycled,
                     boolean restartable,
                     @JsonProperty("restart_note") String restartNote) {

    /** How people call the job. */
    public String label() {
        return switch (job) {
            case "rescoreJob" -> "rescoring";
            case "slaCheckJob" -> "SLA check";
            case "crmImportJob" -> "import";
            case "retrainJob" -> "training";
            case "funnelReportJob" -> "funnel report";
            default -> job;
        };
    }

    public boolean failed() {
        return "FAILED".equals(status) || "STOPPED".equals(status);
    }
}

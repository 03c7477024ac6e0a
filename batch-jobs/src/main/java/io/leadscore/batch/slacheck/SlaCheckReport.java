package io.leadscore.batch.slacheck;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an SLA check run did.
 *
 * @param runId       the run (job instance) its breaches and recyclings are recorded under
 * @param executionId the job execution this report was read after
 * @param status      the job's status, e.g. COMPLETED or FAILED
 * @param failure     why the job failed, or {@code null}
 * @param asOf        the time the SLAs were judged at
 * @param terms       the SLA terms applied, or {@code null} when the run failed before it read the policy
 * @param counts      what the run decided, over all its executions
 * @param breaches    breaches this run found, by due time then lead key; the first {@link SlaCheck#BREACHES_LISTED}
 *                    of {@link Counts#breached()}
 * @param recycled    breaches this run recycled to nurture (found by it or by an earlier run), same order; the
 *                    first {@link SlaCheck#BREACHES_LISTED} of {@link Counts#recycled()}
 */
public record SlaCheckReport(long runId, long executionId, String status, String failure, Instant asOf, SlaTerms terms,
                             Counts counts, List<Breach> breaches, List<Breach> recycled) {

    public SlaCheckReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(counts, "counts");
        breaches = List.copyOf(breaches);
        recycled = List.copyOf(recycled);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    /**
     * Counts of one run.
     *
     * @param examined           MQLs whose SLA was in play (OPEN or OVERDUE) and looked at
     * @param waiting            of those, nothing to decide yet: SLA still running, or overdue and waiting for a
     *                           follow-up or the recycling time
     * @param met                first follow-up within the SLA
     * @param breached           new breaches
     * @param touchedAfterBreach earlier breaches whose first follow-up came in since
     * @param expired            breaches never followed up whose lead left MQL another way: no longer watched
     * @param recycled           MQLs returned to nurture
     */
    public record Counts(long examined, long waiting, long met, long breached, long touchedAfterBreach, long expired,
                         long recycled) {
    }

    /**
     * One breach of the SLA: an MQL not followed up by its due time.
     *
     * @param leadKey      the lead's id in the CRM export
     * @param mqlAt        when it became MQL
     * @param dueAt        when its SLA ran out
     * @param detectedAt   the as-of time of the run that found it
     * @param detectedRun  the run that found it
     * @param firstTouchAt its first follow-up (after the due time), or {@code null} when none has come
     * @param recycledAt   when it was recycled to nurture, or {@code null}
     */
    public record Breach(String leadKey, Instant mqlAt, Instant dueAt, Instant detectedAt, long detectedRun,
                         Instant firstTouchAt, Instant recycledAt) {
        public Breach {
            Objects.requireNonNull(leadKey, "leadKey");
            Objects.requireNonNull(mqlAt, "mqlAt");
            Objects.requireNonNull(dueAt, "dueAt");
            Objects.requireNonNull(detectedAt, "detectedAt");
        }

        public boolean recycled() {
            return recycledAt != null;
        }
    }
}

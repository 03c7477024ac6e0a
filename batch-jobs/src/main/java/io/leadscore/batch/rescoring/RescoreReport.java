package io.leadscore.batch.rescoring;

import java.time.Instant;

/**
 * What a rescoring run did.
 *
 * @param runId       the run (job instance); score history rows carry it
 * @param status      COMPLETED, FAILED, …
 * @param failure     why it failed, or {@code null}
 * @param asOf        the time leads were scored as of
 * @param figures     the run's figures from the store (model, threshold, counts, drift), or {@code null}
 *                    when it failed before recording them
 * @param partitions  partitions of this execution
 * @param read        leads read by this execution's partitions
 * @param written     leads written by this execution's partitions
 * @param skipped     leads skipped
 * @param seconds     how long this execution took, or {@code null} when it has no end time; after a restart
 *                    it is the restart's time, not the run's since its first start
 */
public record RescoreReport(long runId, long executionId, String status, String failure, Instant asOf,
                            RunFigures figures, int partitions, long read, long written, long skipped, Double seconds) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    /**
     * @param psi population stability index of the run's scores against the champion's, or {@code null}
     *            before the run finished
     */
    public record RunFigures(String modelVersion, double threshold, long leadsScored, long mqlsCreated, Double psi,
                             Instant startedAt, Instant finishedAt) {
    }
}

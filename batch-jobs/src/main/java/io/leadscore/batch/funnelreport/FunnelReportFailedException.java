package io.leadscore.batch.funnelreport;

/** A funnel report run did not complete; its partial sections are not published. */
public final class FunnelReportFailedException extends RuntimeException {
    private final long runId;
    private final long executionId;

    public FunnelReportFailedException(long runId, long executionId, String message) {
        super(message);
        this.runId = runId;
        this.executionId = executionId;
    }

    public long runId() {
        return runId;
    }

    public long executionId() {
        return executionId;
    }
}

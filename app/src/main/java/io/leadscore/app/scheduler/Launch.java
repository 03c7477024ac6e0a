package io.leadscore.app.scheduler;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to run a job in the background, and how it ended.
 *
 * @param id          this process's number for it
 * @param kind        the job
 * @param restart     whether it continues a failed run rather than starting one
 * @param requestedBy who asked: a console user ({@code web:name}), a token, or the scheduler
 * @param requestedAt when
 * @param state       running, completed, failed, or refused (another run was in progress)
 * @param finishedAt  when it ended, or {@code null} while it runs
 * @param runId       the run (job instance) it started or continued, once known
 * @param executionId the job execution, once known
 * @param outcome     what it did, or why it failed or was refused; {@code null} while it runs
 */
public record Launch(long id, JobKind kind, boolean restart, String requestedBy, Instant requestedAt, State state,
                     Instant finishedAt, Long runId, Long executionId, String outcome) {

    /** Where a launch stands. */
    public enum State {
        RUNNING, COMPLETED, FAILED, REFUSED
    }

    public Launch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(state, "state");
    }

    static Launch running(long id, JobKind kind, boolean restart, String requestedBy, Instant at) {
        return new Launch(id, kind, restart, requestedBy, at, State.RUNNING, null, null, null, null);
    }

    Launch ended(State end, Instant at, Long run, Long execution, String what) {
        return new Launch(id, kind, restart, requestedBy, requestedAt, end, at, run, execution, what);
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}

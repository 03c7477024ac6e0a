package io.leadscore.app.web.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.app.scheduler.Launch;
import java.time.Instant;
import java.util.Locale;

/** A background run asked of this server, as the API shows it. */
record LaunchView(long id,
                  String job,
                  boolean restart,
                  @JsonProperty("requested_by") String requestedBy,
                  @JsonProperty("requested_at") Instant requestedAt,
                  String state,
                  @JsonProperty("finished_at") Instant finishedAt,
                  @JsonProperty("run_id") Long runId,
                  @JsonProperty("execution_id") Long executionId,
                  String outcome) {

    static LaunchView of(Launch l) {
        return new LaunchView(l.id(), l.kind().jobName(), l.restart(), l.requestedBy(), l.requestedAt(),
                l.state().name().toLowerCase(Locale.ROOT), l.finishedAt(), l.runId(), l.executionId(), l.outcome());
    }
}

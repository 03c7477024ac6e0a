package io.leadscore.scoring.domain;

import java.time.Instant;
import java.util.Objects;

/** What a rep did with a lead; {@code rep}, {@code channel} and {@code reason} may be {@code null}. */
public record FollowUp(
        String leadId,
        Instant occurredAt,
        String rep,
        FollowUpChannel channel,
        FollowUpOutcome outcome,
        String reason) {

    public FollowUp {
        Lead.requireId("leadId", leadId);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}

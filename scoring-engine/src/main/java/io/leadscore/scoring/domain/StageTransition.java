package io.leadscore.scoring.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the stage audit trail: a lead moved from one stage to another,
 * when, why, and by whom ({@code actor} names a job run, an import or a person).
 * {@code from} is {@code null} for a lead's first stage.
 */
public record StageTransition(String leadId, Stage from, Stage to, Instant at, String reason, String actor) {
    public StageTransition {
        Lead.requireId("leadId", leadId);
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        if (from == to) {
            throw new IllegalArgumentException("Invalid transition: from and to are both " + to);
        }
    }
}

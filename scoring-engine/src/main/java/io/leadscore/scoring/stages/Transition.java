package io.leadscore.scoring.stages;

import io.leadscore.scoring.domain.Stage;
import java.time.Instant;
import java.util.Objects;

/**
 * One stage move as the audit trail records it: from where to where, when,
 * and why. {@code from} is {@code null} for a lead's first stage.
 */
public record Transition(Stage from, Stage to, Instant at, String reason) {
    public Transition {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        if (from == to) {
            throw new IllegalArgumentException("Invalid transition: from and to are both " + to);
        }
    }

    /** The same move with more words after its reason (e.g. the score's top reasons). */
    public Transition withDetail(String detail) {
        return detail == null || detail.isEmpty() ? this : new Transition(from, to, at, reason + ": " + detail);
    }
}

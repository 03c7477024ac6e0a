package io.leadscore.scoring.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something sales did, or a deal did, that can move a lead's stage.
 *
 * @param kind   what happened
 * @param at     when it happened
 * @param detail the rejection reason, the deal id: words for the audit trail
 */
public record StageEvent(Kind kind, Instant at, String detail) {

    /** The events of DOMAIN.md's stage table that the import brings in. */
    public enum Kind {
        FOLLOW_UP_ACCEPTED,
        FOLLOW_UP_MEETING_BOOKED,
        FOLLOW_UP_REJECTED,
        FOLLOW_UP_NO_ANSWER,
        DEAL_OPENED,
        DEAL_WON,
        DEAL_LOST
    }

    public StageEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }

    public static StageEvent of(FollowUpOutcome outcome, Instant at, String reason) {
        return switch (outcome) {
            case ACCEPTED -> new StageEvent(Kind.FOLLOW_UP_ACCEPTED, at, reason);
            case MEETING_BOOKED -> new StageEvent(Kind.FOLLOW_UP_MEETING_BOOKED, at, reason);
            case REJECTED -> new StageEvent(Kind.FOLLOW_UP_REJECTED, at, reason);
            case NO_ANSWER -> new StageEvent(Kind.FOLLOW_UP_NO_ANSWER, at, reason);
        };
    }
}

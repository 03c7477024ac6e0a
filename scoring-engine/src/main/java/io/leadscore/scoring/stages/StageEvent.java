package io.leadscore.scoring.stages;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpOutcome;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that can move a lead's stage (DOMAIN.md's stage table). Each
 * event carries what the rules need to decide and nothing else; where an event
 * has no time of its own (a score), the move happens at the decision's time.
 */
public sealed interface StageEvent {

    /** The lead arrived (imported, or posted to the live flow): it enters the funnel at LEAD as of its creation. */
    record Arrived(Instant createdAt) implements StageEvent {
        public Arrived {
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * The lead was scored (the nightly rescoring, or the live flow after an event touched it).
     *
     * @param score      its calibrated score, in [0, 1]
     * @param newSignal  the first fast-track signal among the activities this scoring took in that occurred after
     *                   the lead entered its stage, or {@code null}
     * @param pastSignal a fast-track signal in the lead's earlier history (its time not kept), or {@code null};
     *                   looked at only when there is no new one
     */
    record Scored(double score, Signal newSignal, ActivityType pastSignal) implements StageEvent {
        public Scored {
            if (!(score >= 0 && score <= 1)) {
                throw new IllegalArgumentException("Invalid score: " + score + ", expected a probability in [0, 1]");
            }
            if (pastSignal != null && !StageEngine.isFastTrack(pastSignal)) {
                throw new IllegalArgumentException("Invalid past signal: " + pastSignal.wireName()
                        + " is not a fast-track signal, expected one of " + StageEngine.FAST_TRACK_SIGNALS);
            }
        }

        /** A score with no fast-track signal behind it. */
        public static Scored of(double score) {
            return new Scored(score, null, null);
        }
    }

    /** A fast-track signal (a demo request, say) and when the lead showed it. */
    record Signal(ActivityType type, Instant at) {
        public Signal {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
            if (!StageEngine.isFastTrack(type)) {
                throw new IllegalArgumentException("Invalid signal: " + type.wireName()
                        + " is not a fast-track signal, expected one of " + StageEngine.FAST_TRACK_SIGNALS);
            }
        }
    }

    /** A sales follow-up; {@code reason} is what sales gave when rejecting, and may be {@code null}. */
    record FollowedUp(FollowUpOutcome outcome, String reason, Instant at) implements StageEvent {
        public FollowedUp {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A deal was opened from the lead. */
    record DealOpened(String dealId, Instant at) implements StageEvent {
        public DealOpened {
            Objects.requireNonNull(dealId, "dealId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A deal of the lead closed, won or lost. */
    record DealClosed(String dealId, DealStatus status, Instant at) implements StageEvent {
        public DealClosed {
            Objects.requireNonNull(dealId, "dealId");
            Objects.requireNonNull(at, "at");
            if (status == null || !status.isClosed()) {
                throw new IllegalArgumentException("Invalid deal status: " + status + ", expected won or lost");
            }
        }
    }

    /**
     * An MQL has had no follow-up at all since it became one ({@code mqlAt}): the SLA check asks what that means
     * at its as-of time (a breach keeps it an MQL; a stale one is recycled to nurture).
     */
    record Unanswered(Instant mqlAt) implements StageEvent {
        public Unanswered {
            Objects.requireNonNull(mqlAt, "mqlAt");
        }
    }
}

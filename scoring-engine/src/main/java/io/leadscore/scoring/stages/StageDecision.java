package io.leadscore.scoring.stages;

import java.util.Objects;
import java.util.Optional;

/**
 * What an event does to a lead's stage: it moves the lead, or the lead stays
 * where it is, or the lead's stage does not take the event at all (the live
 * flow answers such a follow-up with 409; the import records the follow-up and
 * moves nothing). Every decision says why.
 */
public sealed interface StageDecision {

    /** The lead moves; the transition carries the reason for the audit trail. */
    record Move(Transition transition) implements StageDecision {
        public Move {
            Objects.requireNonNull(transition, "transition");
        }

        @Override
        public String why() {
            return transition.reason();
        }
    }

    /** The event is taken and the lead stays where it is. */
    record Stay(String why) implements StageDecision {
        public Stay {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The lead's stage does not take this event. */
    record Refuse(String why) implements StageDecision {
        public Refuse {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Why the lead moves, stays or refuses, in words. */
    String why();

    /** The move, when the lead moves. */
    default Optional<Transition> move() {
        return this instanceof Move move ? Optional.of(move.transition()) : Optional.empty();
    }
}

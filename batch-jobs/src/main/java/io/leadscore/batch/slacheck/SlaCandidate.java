package io.leadscore.batch.slacheck;

import io.leadscore.scoring.domain.Stage;
import java.time.Instant;
import java.util.Objects;

/**
 * An MQL the breach detection looks at, with its first follow-up since it
 * became MQL (at or after {@code mqlAt}, by the run's as-of time), found by the
 * reader's query.
 *
 * @param state      the stored state, or {@code null} when none was set
 * @param stateMqlAt the MQL time the stored state was decided for, or {@code null}
 * @param firstTouch the first follow-up of any outcome since {@code mqlAt}, or {@code null}
 */
record SlaCandidate(long leadId, String leadKey, Stage stage, Instant mqlAt, SlaState state, Instant stateMqlAt,
                    Instant firstTouch) {
    SlaCandidate {
        Objects.requireNonNull(leadKey, "leadKey");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(mqlAt, "mqlAt");
        if (firstTouch != null && firstTouch.isBefore(mqlAt)) {
            throw new IllegalArgumentException("Invalid first follow-up of lead " + leadKey + ": " + firstTouch
                    + " is before its MQL time " + mqlAt);
        }
    }

    /** OVERDUE only when the breach was recorded for this MQL time; anything else left from an earlier one is OPEN. */
    SlaState effectiveState() {
        return state == SlaState.OVERDUE && mqlAt.equals(stateMqlAt) ? SlaState.OVERDUE : SlaState.OPEN;
    }
}

package io.leadscore.batch.slacheck;

import java.time.Instant;
import java.util.Objects;

/**
 * What the breach detection decided for one MQL: its new state, and whether
 * that records a new breach.
 *
 * @param newBreach  a breach is recorded for this MQL time now
 * @param dueAt      when the SLA ran out
 * @param firstTouch the first follow-up, when there is one
 */
record SlaDecision(SlaCandidate candidate, SlaState state, boolean newBreach, Instant dueAt, Instant firstTouch) {
    SlaDecision {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dueAt, "dueAt");
        if (state == SlaState.OPEN) {
            throw new IllegalArgumentException("Invalid decision for lead " + candidate.leadKey()
                    + ": OPEN is no decision");
        }
    }

    /** An earlier breach whose first follow-up has come in since. */
    boolean touchedAfterBreach() {
        return !newBreach && state == SlaState.LATE;
    }
}

package io.leadscore.batch.slacheck;

import java.util.Optional;

/**
 * Where an MQL stands with its SLA, for its current MQL time; kept in
 * {@code lead.sla_state}. The nightly check reads only the leads in
 * {@link #OPEN} or {@link #OVERDUE}, so its cost follows the MQLs still in play,
 * not the history of every MQL there ever was.
 *
 * <p>Contract for whoever makes a lead an MQL (the nightly rescoring): set
 * {@code sla_state = 'OPEN'} in the same statement that sets {@code mql_at},
 * also when the lead was an MQL before. A current MQL whose state was not set
 * is still checked, but only while its stage is MQL.
 */
public enum SlaState {
    /** The SLA clock runs, or has run out and no check has seen it yet. */
    OPEN,
    /** First follow-up came within the SLA. Settled. */
    MET,
    /** Breach recorded and no follow-up yet: watched for one, recycled to nurture when stale. */
    OVERDUE,
    /** Breach recorded, and a follow-up came after the due time. Settled. */
    LATE,
    /** Breach recorded, never followed up, returned to nurture. Settled. */
    RECYCLED,
    /** Breach recorded, never followed up, and the lead left MQL another way by the recycling time. Settled. */
    EXPIRED;

    /** The state as stored; {@code null} (never an MQL, or not marked) is empty. */
    static Optional<SlaState> fromColumn(String value) {
        return value == null ? Optional.empty() : Optional.of(valueOf(value));
    }
}

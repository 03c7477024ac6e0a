package io.leadscore.data.synthetic;

/**
 * The timestamp forms the import contract accepts, as exports mix them:
 * marketing automation writes UTC with milliseconds, a CRM writes the user's
 * offset, a spreadsheet round trip drops the offset, close dates are dates.
 */
enum TimeStyle {
    /** {@code 2026-03-14T09:30:00Z} */
    UTC,
    /** {@code 2026-03-14T09:30:00.123Z} */
    UTC_MILLIS,
    /** {@code 2026-03-14T10:30:00+01:00}: the same instant in a local offset. */
    OFFSET,
    /** {@code 2026-03-14T09:30:00}: no offset, which the contract reads as UTC. */
    NO_OFFSET,
    /**
     * {@code 2026-03-14}: read as 00:00 UTC. Only for instants that are already
     * at midnight UTC, or whose written (earlier) value cannot break an ordering
     * the contract or the labels rely on.
     */
    DATE
}

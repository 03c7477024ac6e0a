package io.leadscore.scoring.labels;

/** The outcome of a snapshot of a lead, as known at a point in time ({@link LabelRule}). */
public enum Outcome {
    /** A deal of the lead was won within the label horizon of the snapshot. */
    CONVERTED,
    /** The horizon has passed without such a win. */
    NOT_CONVERTED,
    /**
     * The snapshot's horizon has not passed yet, whether or not the lead has already won: left out of training
     * and evaluation, since counting early wins but not pending losses would inflate the conversion rate of the
     * most recent snapshots.
     */
    CENSORED;

    /** Whether the lead has a label (1 or 0). */
    public boolean isKnown() {
        return this != CENSORED;
    }
}

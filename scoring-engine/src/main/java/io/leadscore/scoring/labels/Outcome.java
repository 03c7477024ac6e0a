package io.leadscore.scoring.labels;

/** A lead's outcome as known at a point in time (docs/crm-csv.md, "What a lead's outcome is"). */
public enum Outcome {
    /** A deal of the lead was won within the label horizon of its creation. */
    CONVERTED,
    /** The horizon has passed without such a win. */
    NOT_CONVERTED,
    /**
     * The lead is still inside its horizon, whether or not it has already won: left out of training and
     * evaluation, since counting early wins but not pending losses would inflate the conversion rate of
     * the most recent leads.
     */
    CENSORED;

    /** Whether the lead has a label (1 or 0). */
    public boolean isKnown() {
        return this != CENSORED;
    }
}

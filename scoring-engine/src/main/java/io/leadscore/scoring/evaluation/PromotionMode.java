package io.leadscore.scoring.evaluation;

/** Whether a newly trained model may replace the champion. */
public enum PromotionMode {
    /** Promote when {@link PromotionRule} finds the challenger at least as good as the champion. */
    AUTO,
    /** Never promote; register the challenger only. */
    NEVER,
    /** Promote whatever the metrics say (an operator's explicit decision). */
    FORCE
}

package io.leadscore.scoring.scoring;

/** How a model's raw score is mapped to a probability of conversion. */
public enum CalibrationMethod {
    /** A logistic curve on the raw score (Platt 1999): two parameters, smooth, hard to overfit. The default. */
    PLATT,
    /** A non-decreasing step-wise curve fitted by pool-adjacent-violators (Zadrozny and Elkan 2002). */
    ISOTONIC,
    /** The model's own probability, unchanged. */
    NONE
}

package io.leadscore.scoring.scoring;

/** The model families leadscore trains and compiles. */
public enum Algorithm {
    /** Gradient tree boosting with logistic loss (Friedman 2001); the default. */
    GRADIENT_BOOSTING,
    /** L2-regularised logistic regression on standardised features. */
    LOGISTIC_REGRESSION,
    /** Random forest of classification trees; its raw score is the weighted vote share. */
    RANDOM_FOREST
}

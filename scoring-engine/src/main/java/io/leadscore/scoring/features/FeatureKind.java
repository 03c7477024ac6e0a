package io.leadscore.scoring.features;

/** How a feature's values are to be read. */
public enum FeatureKind {
    /** A real number (a log size, a decayed count, a number of days). */
    NUMERIC,
    /** 0 or 1: a one-hot level, a missing-value indicator, a signal seen or not. */
    INDICATOR
}

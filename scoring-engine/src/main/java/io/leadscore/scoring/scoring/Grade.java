package io.leadscore.scoring.scoring;

/** A coarse label for a score that sales reads at a glance; see {@link GradeBands}. */
public enum Grade {
    A, B, C, D
}

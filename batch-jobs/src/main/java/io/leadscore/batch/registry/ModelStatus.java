package io.leadscore.batch.registry;

/** Where a model stands in the registry. */
public enum ModelStatus {
    /** Trained and registered, not scoring. */
    CHALLENGER,
    /** The one model the nightly job scores with. */
    CHAMPION,
    /** A former champion, replaced or rolled back. */
    RETIRED
}

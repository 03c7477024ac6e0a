package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/** The funnel stages both teams share (DOMAIN.md). */
public enum Stage {
    LEAD,
    MQL,
    SAL,
    SQL,
    OPPORTUNITY,
    WON,
    LOST,
    NURTURE;

    private static final Stage[] VALUES = values();

    /** Won and lost leads are closed: they are no longer rescored. */
    public boolean isClosed() {
        return this == WON || this == LOST;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Stage> fromWire(String text) {
        return Enums.parse(VALUES, text);
    }
}

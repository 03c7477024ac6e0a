package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/** State of an opportunity. */
public enum DealStatus {
    OPEN,
    WON,
    LOST;

    private static final DealStatus[] VALUES = values();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isClosed() {
        return this != OPEN;
    }

    public static Optional<DealStatus> fromWire(String text) {
        return Enums.parse(VALUES, text);
    }

    public static String allowedValues() {
        return Enums.allowed(VALUES);
    }
}

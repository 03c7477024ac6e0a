package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/** A lead's seniority, as the import contract names it. */
public enum Seniority {
    C_LEVEL,
    VP,
    DIRECTOR,
    MANAGER,
    INDIVIDUAL,
    STUDENT,
    UNKNOWN;

    private static final Seniority[] VALUES = values();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Seniority> fromWire(String text) {
        return Enums.parse(VALUES, text);
    }

    public static String allowedValues() {
        return Enums.allowed(VALUES);
    }
}

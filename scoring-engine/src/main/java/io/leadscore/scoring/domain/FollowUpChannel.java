package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/** How a rep reached a lead. */
public enum FollowUpChannel {
    CALL,
    EMAIL,
    MEETING,
    OTHER;

    private static final FollowUpChannel[] VALUES = values();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FollowUpChannel> fromWire(String text) {
        return Enums.parse(VALUES, text);
    }

    public static String allowedValues() {
        return Enums.allowed(VALUES);
    }
}

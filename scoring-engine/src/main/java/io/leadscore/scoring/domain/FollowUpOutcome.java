package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What came of a follow-up. {@code ACCEPTED} makes an MQL a SAL,
 * {@code MEETING_BOOKED} an SQL, {@code REJECTED} returns it to nurture;
 * {@code NO_ANSWER} counts as a follow-up for the SLA but moves no stage.
 */
public enum FollowUpOutcome {
    ACCEPTED,
    REJECTED,
    NO_ANSWER,
    MEETING_BOOKED;

    private static final FollowUpOutcome[] VALUES = values();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FollowUpOutcome> fromWire(String text) {
        return Enums.parse(VALUES, text);
    }

    public static String allowedValues() {
        return Enums.allowed(VALUES);
    }
}

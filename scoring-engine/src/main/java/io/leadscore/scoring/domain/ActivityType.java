package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The engagement events of the import contract, with their wire names. Which
 * of them are fast-track signals is a stage rule: {@code StageEngine.FAST_TRACK_SIGNALS}.
 */
public enum ActivityType {
    PAGE_VIEW,
    PRICING_VIEW,
    CONTENT_DOWNLOAD,
    WEBINAR_REGISTERED,
    WEBINAR_ATTENDED,
    EMAIL_OPEN,
    EMAIL_CLICK,
    FORM_SUBMIT,
    DEMO_REQUEST,
    CONTACT_REQUEST,
    PRICING_QUESTION,
    TRIAL_SIGNUP,
    EVENT_ATTENDED,
    UNSUBSCRIBE;

    private static final ActivityType[] VALUES = values();

    /** The name used in CSV files and the store, e.g. {@code pricing_view}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, ignoring case and surrounding spaces. */
    public static Optional<ActivityType> fromWire(String text) {
        return Enums.parse(VALUES, text);
    }

    public static ActivityType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}

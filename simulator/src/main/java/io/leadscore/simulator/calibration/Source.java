package io.leadscore.simulator.calibration;

import java.util.Locale;

/** Where a simulator input came from. */
public enum Source {
    /** Estimated from the store's history (the count says from how many observations). */
    STORE,
    /** A built-in default; its note names the published figure it rests on. */
    DEFAULT;

    /** "store" or "default", as written in the JSON {@code assumptions} object. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

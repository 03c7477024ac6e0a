package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * Where one input came from and on how much data it rests.
 *
 * @param source store or default
 * @param count  number of observations behind a store estimate; 0 for a default
 *               (a default may still report how many observations were found and
 *               judged too few, in its note)
 * @param note   a short human explanation: the source of a default, the fit used,
 *               or why the data was not enough
 */
public record Provenance(Source source, long count, String note) {

    public Provenance {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
        if (count < 0) {
            throw new IllegalArgumentException("Invalid observation count: " + count + ", expected >= 0");
        }
        if (source == Source.DEFAULT && count != 0) {
            throw new IllegalArgumentException("Invalid observation count for a default: " + count + ", expected 0");
        }
    }

    public static Provenance byDefault(String note) {
        return new Provenance(Source.DEFAULT, 0, note);
    }

    public static Provenance fromStore(long count, String note) {
        return new Provenance(Source.STORE, count, note);
    }
}

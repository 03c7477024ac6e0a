package io.leadscore.scoring.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A range of lead ages, {@code [fromDays, toDays)}, over which a model is judged on its own: a score must be right
 * for a lead a day old and for one a year old alike.
 *
 * @param label    how reports name it, e.g. {@code 30–90 d}
 * @param fromDays the youngest age in the band, inclusive, &ge; 0
 * @param toDays   the oldest, exclusive; {@link Double#POSITIVE_INFINITY} for the last band
 */
public record AgeBand(String label, double fromDays, double toDays) {

    /** 0–1 d, 1–7, 7–30, 30–90, 90–180 and 180+ days: a lead's first day, week, month, quarter, half year, and on. */
    public static final List<AgeBand> DEFAULTS = List.of(
            new AgeBand("0–1 d", 0, 1), new AgeBand("1–7 d", 1, 7), new AgeBand("7–30 d", 7, 30),
            new AgeBand("30–90 d", 30, 90), new AgeBand("90–180 d", 90, 180),
            new AgeBand("180+ d", 180, Double.POSITIVE_INFINITY));

    public AgeBand {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("An age band needs a label");
        }
        if (!(fromDays >= 0) || Double.isInfinite(fromDays)) {
            throw new IllegalArgumentException("Invalid age band start: " + fromDays + " days, expected a finite age of 0 or more");
        }
        if (!(toDays > fromDays)) {
            throw new IllegalArgumentException("Invalid age band " + label + ": ends at " + toDays + " days, expected after its start at "
                    + fromDays);
        }
    }

    public boolean contains(double ageDays) {
        return ageDays >= fromDays && ageDays < toDays;
    }

    /** The band of {@code ageDays} among {@code bands}, or {@code null} when none holds it. */
    public static AgeBand of(List<AgeBand> bands, double ageDays) {
        for (AgeBand band : bands) {
            if (band.contains(ageDays)) {
                return band;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s [%s, %s)", label, fromDays, toDays);
    }
}

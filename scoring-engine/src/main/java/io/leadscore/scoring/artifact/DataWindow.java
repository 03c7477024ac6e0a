package io.leadscore.scoring.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * Which labelled leads a model saw: their time window and how many there were.
 *
 * @param from      start (inclusive)
 * @param to        end (exclusive), not before {@code from}
 * @param rows      leads, &ge; 1
 * @param positives converters among them, 0 to {@code rows}
 */
public record DataWindow(Instant from, Instant to, int rows, int positives) {
    public DataWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Invalid window: " + from + " to " + to + ", expected the end not before the start");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("Invalid number of rows: " + rows + ", expected at least 1");
        }
        if (positives < 0 || positives > rows) {
            throw new IllegalArgumentException("Invalid number of positives: " + positives + ", expected 0 to " + rows);
        }
    }
}

package io.leadscore.scoring.labels;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a training set was cut in time: every training lead was created before every validation lead
 * (leads created at the same instant are never split across the two). Bounds are the created_at of the
 * first and last lead of each window, both inclusive; a model's provenance records them.
 *
 * @param trainRows      rows of the training window (the first rows of the set)
 * @param validationRows rows of the validation window (the last rows)
 */
public record OutOfTimeSplit(int trainRows, int validationRows, Instant trainFrom, Instant trainTo,
                             Instant validationFrom, Instant validationTo) {
    public OutOfTimeSplit {
        if (trainRows < 1 || validationRows < 1) {
            throw new IllegalArgumentException("Invalid split: " + trainRows + " training and " + validationRows
                    + " validation rows, expected at least one of each");
        }
        Objects.requireNonNull(trainFrom, "trainFrom");
        Objects.requireNonNull(trainTo, "trainTo");
        Objects.requireNonNull(validationFrom, "validationFrom");
        Objects.requireNonNull(validationTo, "validationTo");
        if (trainFrom.isAfter(trainTo) || !trainTo.isBefore(validationFrom) || validationFrom.isAfter(validationTo)) {
            throw new IllegalArgumentException("Invalid split: training " + trainFrom + ".." + trainTo
                    + " must end before validation " + validationFrom + ".." + validationTo + " starts");
        }
    }
}

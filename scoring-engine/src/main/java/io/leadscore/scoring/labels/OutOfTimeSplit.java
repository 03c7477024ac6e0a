package io.leadscore.scoring.labels;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a training set was cut in time: every training snapshot was taken before every validation snapshot
 * (snapshots taken at the same instant are never split across the two). Bounds are the times of the first and
 * last snapshot of each window, both inclusive; a model's provenance records them. A lead may have snapshots on
 * both sides: it was open before the cut and still open after it, as the leads a model trained at the cut scores
 * in the months that follow.
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

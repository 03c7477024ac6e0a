package io.leadscore.scoring.evaluation;

/**
 * One point of a ROC curve: leads scoring at or above {@code threshold} are called positive.
 *
 * @param threshold         score threshold ({@code +Infinity} for the origin)
 * @param falsePositiveRate share of non-converters at or above it
 * @param truePositiveRate  share of converters at or above it
 */
public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {
    public RocPoint {
        if (!(falsePositiveRate >= 0 && falsePositiveRate <= 1) || !(truePositiveRate >= 0 && truePositiveRate <= 1)) {
            throw new IllegalArgumentException("Invalid ROC point: FPR " + falsePositiveRate + ", TPR " + truePositiveRate + ", expected rates in [0, 1]");
        }
    }
}

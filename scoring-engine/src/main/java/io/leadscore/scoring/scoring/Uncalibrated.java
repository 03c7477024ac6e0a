package io.leadscore.scoring.scoring;

import java.util.Objects;

/**
 * The model's own probability: the logistic link for boosting and logistic regression, the vote share
 * (clamped to [0, 1]) for a random forest.
 */
public record Uncalibrated(Algorithm algorithm) implements Calibration {

    public Uncalibrated {
        Objects.requireNonNull(algorithm, "algorithm");
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.NONE;
    }

    @Override
    public double probability(double raw) {
        if (algorithm == Algorithm.RANDOM_FOREST) {
            return Math.min(1.0, Math.max(0.0, raw));
        }
        return 1.0 / (1.0 + Math.exp(-raw));
    }
}

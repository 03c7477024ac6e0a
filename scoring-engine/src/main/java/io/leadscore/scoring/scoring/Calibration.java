package io.leadscore.scoring.scoring;

/**
 * A fitted map from a model's raw score to the probability of conversion that is shown, thresholded and
 * simulated. Immutable; {@link #probability(double)} neither allocates nor boxes.
 */
public sealed interface Calibration permits PlattCalibration, IsotonicCalibration, Uncalibrated {

    CalibrationMethod method();

    /** @return a probability in [0, 1] */
    double probability(double raw);
}

package io.leadscore.scoring.scoring;

/**
 * {@code P = 1 / (1 + exp(−(slope · raw + intercept)))} (Platt 1999).
 *
 * @param slope     finite; positive for a model whose raw score rises with conversion
 * @param intercept finite
 */
public record PlattCalibration(double slope, double intercept) implements Calibration {

    public PlattCalibration {
        if (!Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("Invalid Platt calibration: slope " + slope + ", intercept " + intercept
                    + ", expected finite numbers");
        }
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.PLATT;
    }

    @Override
    public double probability(double raw) {
        return 1.0 / (1.0 + Math.exp(-(slope * raw + intercept)));
    }
}

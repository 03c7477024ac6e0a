package io.leadscore.scoring.scoring;

import java.util.Arrays;

/**
 * A non-decreasing curve through knots {@code (raw[k], probability[k])}: linear between knots, flat beyond the
 * first and last (the interpolation scikit-learn's {@code IsotonicRegression} uses, which avoids the large
 * jumps of a pure step function between pooled blocks).
 */
public final class IsotonicCalibration implements Calibration {

    private final double[] raw;
    private final double[] probability;

    /**
     * @param raw         strictly increasing finite raw scores, at least one
     * @param probability non-decreasing probabilities in [0, 1], one per knot
     */
    public IsotonicCalibration(double[] raw, double[] probability) {
        if (raw.length < 1 || raw.length != probability.length) {
            throw new IllegalArgumentException("Invalid isotonic calibration: " + raw.length + " knots and "
                    + probability.length + " probabilities, expected the same positive number");
        }
        for (int k = 0; k < raw.length; k++) {
            if (!Double.isFinite(raw[k]) || (k > 0 && !(raw[k] > raw[k - 1]))) {
                throw new IllegalArgumentException("Invalid isotonic knot " + k + ": " + raw[k] + ", expected finite and strictly increasing");
            }
            if (!(probability[k] >= 0 && probability[k] <= 1) || (k > 0 && probability[k] < probability[k - 1])) {
                throw new IllegalArgumentException("Invalid isotonic probability " + k + ": " + probability[k]
                        + ", expected non-decreasing values in [0, 1]");
            }
        }
        this.raw = raw.clone();
        this.probability = probability.clone();
    }

    @Override
    public CalibrationMethod method() {
        return CalibrationMethod.ISOTONIC;
    }

    @Override
    public double probability(double x) {
        int last = raw.length - 1;
        if (x <= raw[0] || Double.isNaN(x)) {
            return probability[0];
        }
        if (x >= raw[last]) {
            return probability[last];
        }
        int k = Arrays.binarySearch(raw, x);
        if (k >= 0) {
            return probability[k];
        }
        int hi = -k - 1;
        int lo = hi - 1;
        double w = (x - raw[lo]) / (raw[hi] - raw[lo]);
        return probability[lo] + w * (probability[hi] - probability[lo]);
    }

    public int knots() {
        return raw.length;
    }

    public double[] raw() {
        return raw.clone();
    }

    public double[] probabilities() {
        return probability.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration other && Arrays.equals(raw, other.raw)
                && Arrays.equals(probability, other.probability);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(raw) + Arrays.hashCode(probability);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[" + raw.length + " knots]";
    }
}

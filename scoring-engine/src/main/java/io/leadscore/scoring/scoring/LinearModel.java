package io.leadscore.scoring.scoring;

/**
 * Logistic regression on standardised features: {@code raw = intercept + Σ w_j (x_j − mean_j) / scale_j},
 * the log-odds of conversion. The standardisation is part of the model, so its coefficients are comparable
 * across features and an explanation of feature j is {@code w_j (x_j − mean_j) / scale_j}.
 */
public final class LinearModel implements CompiledModel {

    private final double[] means;
    private final double[] scales;
    private final double[] weights;
    private final double intercept;

    /**
     * @param means     per-feature training mean
     * @param scales    per-feature divisor (the training standard deviation, 1 for a constant feature), &gt; 0
     * @param weights   coefficients on the standardised features
     * @param intercept the log-odds of a lead at the mean
     */
    public LinearModel(double[] means, double[] scales, double[] weights, double intercept) {
        if (weights.length < 1) {
            throw new IllegalArgumentException("Invalid linear model: no coefficients");
        }
        if (means.length != weights.length || scales.length != weights.length) {
            throw new IllegalArgumentException(String.format(
                    "Invalid linear model: %d means, %d scales, %d coefficients, expected equal lengths",
                    means.length, scales.length, weights.length));
        }
        for (int j = 0; j < weights.length; j++) {
            if (!Double.isFinite(means[j]) || !Double.isFinite(weights[j])) {
                throw new IllegalArgumentException("Invalid linear model: feature " + j + " has mean " + means[j]
                        + " and coefficient " + weights[j] + ", expected finite numbers");
            }
            if (!(scales[j] > 0) || Double.isInfinite(scales[j])) {
                throw new IllegalArgumentException("Invalid scale of feature " + j + ": " + scales[j] + ", expected a positive number");
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("Invalid intercept: " + intercept);
        }
        this.means = means.clone();
        this.scales = scales.clone();
        this.weights = weights.clone();
        this.intercept = intercept;
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.LOGISTIC_REGRESSION;
    }

    @Override
    public int featureCount() {
        return weights.length;
    }

    @Override
    public double rawScore(double[] x) {
        CompiledModel.checkVector(x, weights.length);
        return dot(x, 0);
    }

    // Same expression and order as the standardised row handed to Smile and Smile's own dot product
    // (intercept first, then feature by feature), so the result is identical to Smile's.
    private double dot(double[] rows, int offset) {
        double dot = intercept;
        for (int j = 0; j < weights.length; j++) {
            dot += ((rows[offset + j] - means[j]) / scales[j]) * weights[j];
        }
        return dot;
    }

    @Override
    public void rawScores(double[] rows, int n, double[] out) {
        CompiledModel.checkBatch(rows, n, out, weights.length);
        for (int i = 0; i < n; i++) {
            out[i] = dot(rows, i * weights.length);
        }
    }

    @Override
    public double probabilityOfRaw(double raw) {
        return 1.0 / (1.0 + Math.exp(-raw));
    }

    /** Standardises {@code x} the way the model reads it. */
    public double standardised(int feature, double x) {
        return (x - means[feature]) / scales[feature];
    }

    public double intercept() {
        return intercept;
    }

    public double weight(int feature) {
        return weights[feature];
    }

    public double mean(int feature) {
        return means[feature];
    }

    public double scale(int feature) {
        return scales[feature];
    }

    public double[] means() {
        return means.clone();
    }

    public double[] scales() {
        return scales.clone();
    }

    public double[] weights() {
        return weights.clone();
    }

    @Override
    public String toString() {
        return "LinearModel[" + weights.length + " features]";
    }
}

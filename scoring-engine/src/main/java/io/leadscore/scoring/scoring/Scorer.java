package io.leadscore.scoring.scoring;

import java.util.Objects;

/**
 * The final score of a lead: the compiled model's raw score through the calibration, and its grade.
 * Immutable and thread-safe; {@link #score(double[])} does not allocate.
 */
public final class Scorer {

    private final CompiledModel model;
    private final Calibration calibration;
    private final GradeBands bands;

    public Scorer(CompiledModel model, Calibration calibration, GradeBands bands) {
        this.model = Objects.requireNonNull(model, "model");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
        this.bands = Objects.requireNonNull(bands, "bands");
    }

    /** @return the calibrated probability of conversion of the lead with feature vector {@code x} */
    public double score(double[] x) {
        return calibration.probability(model.rawScore(x));
    }

    /**
     * Scores {@code n} leads laid out one after the other in {@code rows} (see
     * {@link CompiledModel#rawScores(double[], int, double[])}); {@code out[i]} receives lead i's score.
     */
    public void scoreBatch(double[] rows, int n, double[] out) {
        model.rawScores(rows, n, out);
        for (int i = 0; i < n; i++) {
            out[i] = calibration.probability(out[i]);
        }
    }

    public Grade grade(double score) {
        return bands.grade(score);
    }

    public CompiledModel model() {
        return model;
    }

    public Calibration calibration() {
        return calibration;
    }

    public GradeBands bands() {
        return bands;
    }
}

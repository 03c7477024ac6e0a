package io.leadscore.scoring.explain;

import io.leadscore.scoring.features.FeatureSchema;

import java.util.List;

/**
 * Why one lead scored as it did, in the model's raw-score units (log-odds for boosting and logistic regression,
 * probability for a random forest): {@code expectedValue + Σ contributions = rawScore}, and
 * {@code fit + engagement = rawScore − expectedValue}.
 */
public final class Explanation {

    private final FeatureSchema schema;
    private final double rawScore;
    private final double expectedValue;
    private final double[] contributions;
    private final double fit;
    private final double engagement;
    private final List<Reason> raising;
    private final List<Reason> lowering;

    Explanation(FeatureSchema schema, double rawScore, double expectedValue, double[] contributions, double fit,
                double engagement, List<Reason> raising, List<Reason> lowering) {
        this.schema = schema;
        this.rawScore = rawScore;
        this.expectedValue = expectedValue;
        this.contributions = contributions.clone();
        this.fit = fit;
        this.engagement = engagement;
        this.raising = List.copyOf(raising);
        this.lowering = List.copyOf(lowering);
    }

    /** The model's raw score for the lead. */
    public double rawScore() {
        return rawScore;
    }

    /** The raw score of the average lead: what the contributions are measured from. */
    public double expectedValue() {
        return expectedValue;
    }

    /** Per-feature contributions in schema order (a copy). */
    public double[] contributions() {
        return contributions.clone();
    }

    public double contribution(String featureName) {
        return contributions[schema.require(featureName)];
    }

    /** Sum of the contributions of fit features. */
    public double fit() {
        return fit;
    }

    /** Sum of the contributions of engagement features. */
    public double engagement() {
        return engagement;
    }

    /** Up to three sources that raised the score most, strongest first. */
    public List<Reason> raising() {
        return raising;
    }

    /** Up to three sources that lowered the score most, strongest first. */
    public List<Reason> lowering() {
        return lowering;
    }

    @Override
    public String toString() {
        return String.format("Explanation[raw %.4f = expected %.4f + fit %.4f + engagement %.4f; up %s; down %s]",
                rawScore, expectedValue, fit, engagement, raising, lowering);
    }
}

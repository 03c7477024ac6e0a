package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;

import java.util.Objects;

/**
 * The model as Smile trained it, kept beside the compiled one so that their agreement can be checked and
 * Smile's own prediction measured. Never written to a model file; never needed to score.
 */
public final class SmileModel {

    private final Algorithm algorithm;
    private final Object model;
    private final StructType schema;
    private final double[] means;
    private final double[] scales;

    private SmileModel(Algorithm algorithm, Object model, StructType schema, double[] means, double[] scales) {
        this.algorithm = algorithm;
        this.model = model;
        this.schema = schema;
        this.means = means;
        this.scales = scales;
    }

    static SmileModel boosting(GradientTreeBoost model) {
        return new SmileModel(Algorithm.GRADIENT_BOOSTING, model, model.schema(), null, null);
    }

    static SmileModel forest(RandomForest model) {
        return new SmileModel(Algorithm.RANDOM_FOREST, model, model.schema(), null, null);
    }

    static SmileModel logistic(LogisticRegression.Binomial model, double[] means, double[] scales) {
        return new SmileModel(Algorithm.LOGISTIC_REGRESSION, model, null, means.clone(), scales.clone());
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * The Smile object: a {@link GradientTreeBoost}, a {@link RandomForest} (both read {@link Tuple}s of
     * {@link #schema()}) or a {@link LogisticRegression.Binomial} (reads vectors standardised as in
     * {@link #probability(double[])}).
     */
    public Object model() {
        return model;
    }

    /** The predictor schema of a tree model's tuples; {@code null} for logistic regression. */
    public StructType schema() {
        return schema;
    }

    /** A tuple of a tree model's schema over {@code x} (no copy). */
    public Tuple tuple(double[] x) {
        Objects.requireNonNull(schema, "logistic regression reads vectors, not tuples");
        return Tuple.of(x, schema);
    }

    /** Smile's own probability of conversion, {@code posteriori[1]} of its {@code predict}. */
    public double probability(double[] x) {
        double[] posteriori = new double[2];
        switch (algorithm) {
            case GRADIENT_BOOSTING -> ((GradientTreeBoost) model).predict(tuple(x), posteriori);
            case RANDOM_FOREST -> ((RandomForest) model).predict(tuple(x), posteriori);
            case LOGISTIC_REGRESSION -> {
                double[] z = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    z[j] = (x[j] - means[j]) / scales[j];
                }
                ((LogisticRegression.Binomial) model).predict(z, posteriori);
            }
        }
        return posteriori[1];
    }
}

package io.leadscore.scoring.labels;

import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.policy.Policy;

import java.util.Objects;

/**
 * How a training set is built.
 *
 * @param labelRule          outcome horizon and observation window
 * @param validationFraction share of the labelled leads, the most recently created, held out for
 *                           out-of-time validation; strictly between 0 and 1
 * @param features           how the feature space is learned from the training window
 */
public record TrainingSetConfig(LabelRule labelRule, double validationFraction, FeatureConfig features) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    public TrainingSetConfig {
        Objects.requireNonNull(labelRule, "labelRule");
        Objects.requireNonNull(features, "features");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Invalid validation fraction: " + validationFraction
                    + ", expected a share strictly between 0 and 1");
        }
    }

    /** The policy's horizon and half-life, a 30-day observation window, 20% validation, default features. */
    public static TrainingSetConfig of(Policy policy) {
        return new TrainingSetConfig(LabelRule.of(policy), DEFAULT_VALIDATION_FRACTION,
                FeatureConfig.builder().policy(policy).build());
    }

    public TrainingSetConfig withLabelRule(LabelRule rule) {
        return new TrainingSetConfig(rule, validationFraction, features);
    }

    public TrainingSetConfig withValidationFraction(double fraction) {
        return new TrainingSetConfig(labelRule, fraction, features);
    }

    public TrainingSetConfig withFeatures(FeatureConfig config) {
        return new TrainingSetConfig(labelRule, validationFraction, config);
    }
}

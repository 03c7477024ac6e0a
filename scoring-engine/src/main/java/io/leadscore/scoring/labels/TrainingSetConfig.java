package io.leadscore.scoring.labels;

import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.policy.Policy;

import java.util.Objects;

/**
 * How a training set is built.
 *
 * @param labelRule           the claim's horizon
 * @param schedule            the ages at which each lead is looked at (the spine)
 * @param maxSnapshotsPerLead most training snapshots kept per lead: a lead with more eligible ones keeps this many,
 *                            drawn at random without replacement (seeded by {@code samplingSeed} and the lead's id),
 *                            so that the set stays within memory and time on large histories; the validation window
 *                            keeps every eligible snapshot; 1 to 1000
 * @param samplingSeed        seeds that draw
 * @param validationFraction  share of the sampled snapshots, the most recent ones, held out for out-of-time
 *                            validation (the window then also holds the snapshots the cap left out); strictly between
 *                            0 and 1
 * @param features            how the feature space is learned from the training window
 * @param holdoutFrom         when set, the out-of-time validation window is every snapshot taken at or after this
 *                            instant (for example the newest quarter), in place of {@code validationFraction};
 *                            null for the fraction
 */
public record TrainingSetConfig(LabelRule labelRule, SnapshotSchedule schedule, int maxSnapshotsPerLead,
                                long samplingSeed, double validationFraction, FeatureConfig features,
                                java.time.Instant holdoutFrom) {

    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    /**
     * A lead open for a year has nine eligible snapshots, one open for two years about thirteen: six keeps 100,000
     * leads' training set within a 2 GB heap and three minutes on two cores (docs/benchmarks.md). The cap thins the
     * training window only: there it thins long-lived leads more than converters, which training, drawing snapshots
     * by lead, does not mind; calibration and evaluation see every snapshot of the validation window.
     */
    public static final int DEFAULT_MAX_SNAPSHOTS_PER_LEAD = 6;
    public static final long DEFAULT_SAMPLING_SEED = 42L;

    public TrainingSetConfig {
        Objects.requireNonNull(labelRule, "labelRule");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(features, "features");
        if (maxSnapshotsPerLead < 1 || maxSnapshotsPerLead > 1000) {
            throw new IllegalArgumentException("Invalid snapshots per lead: " + maxSnapshotsPerLead + ", expected 1 to 1000");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Invalid validation fraction: " + validationFraction
                    + ", expected a share strictly between 0 and 1");
        }
    }

    /** The policy's horizon and half-life, the default schedule and cap, 20% validation, default features. */
    public static TrainingSetConfig of(Policy policy) {
        return new TrainingSetConfig(LabelRule.of(policy), SnapshotSchedule.defaults(), DEFAULT_MAX_SNAPSHOTS_PER_LEAD,
                DEFAULT_SAMPLING_SEED, DEFAULT_VALIDATION_FRACTION, FeatureConfig.builder().policy(policy).build(), null);
    }

    public TrainingSetConfig withLabelRule(LabelRule rule) {
        return new TrainingSetConfig(rule, schedule, maxSnapshotsPerLead, samplingSeed, validationFraction, features, holdoutFrom);
    }

    public TrainingSetConfig withSchedule(SnapshotSchedule ages) {
        return new TrainingSetConfig(labelRule, ages, maxSnapshotsPerLead, samplingSeed, validationFraction, features, holdoutFrom);
    }

    public TrainingSetConfig withMaxSnapshotsPerLead(int max) {
        return new TrainingSetConfig(labelRule, schedule, max, samplingSeed, validationFraction, features, holdoutFrom);
    }

    public TrainingSetConfig withSamplingSeed(long seed) {
        return new TrainingSetConfig(labelRule, schedule, maxSnapshotsPerLead, seed, validationFraction, features, holdoutFrom);
    }

    public TrainingSetConfig withValidationFraction(double fraction) {
        return new TrainingSetConfig(labelRule, schedule, maxSnapshotsPerLead, samplingSeed, fraction, features, holdoutFrom);
    }

    public TrainingSetConfig withFeatures(FeatureConfig config) {
        return new TrainingSetConfig(labelRule, schedule, maxSnapshotsPerLead, samplingSeed, validationFraction, config, holdoutFrom);
    }

    /** Holds out every snapshot taken at or after {@code from} (null: the most recent {@code validationFraction}). */
    public TrainingSetConfig withHoldoutFrom(java.time.Instant from) {
        return new TrainingSetConfig(labelRule, schedule, maxSnapshotsPerLead, samplingSeed, validationFraction, features, from);
    }

    /** The spine's settings as a model's provenance records them. */
    public java.util.Map<String, String> describe() {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        map.put("labelHorizonDays", Integer.toString(labelRule.horizonDays()));
        map.put("snapshotAges", schedule.describe());
        map.put("maxSnapshotsPerLead", Integer.toString(maxSnapshotsPerLead));
        map.put("snapshotSamplingSeed", Long.toString(samplingSeed));
        if (holdoutFrom != null) {
            map.put("holdoutFrom", holdoutFrom.toString());
        }
        if (features != null && !features.excludedFields().isEmpty()) {
            // which fields no model trained so may use (filled by sales after contact, say): checkable afterwards
            map.put("excludedFields", String.join(",", features.excludedFields()));
        }
        return map;
    }
}

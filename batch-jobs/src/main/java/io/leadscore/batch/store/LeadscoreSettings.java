package io.leadscore.batch.store;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Job settings from {@code --config} (properties or YAML under {@code leadscore.}); the policy itself lives
 * in the store, versioned.
 *
 * @param features features settings: fields to leave out of models, e.g. ones filled by sales after contact
 * @param rescore  rescoring: partitions (default: the number of cores) and chunk size
 * @param policy   policy values to put in force (recorded as a new policy version when they differ)
 * @param training how training sets are built (snapshot ages, cap per lead)
 */
@ConfigurationProperties("leadscore")
public record LeadscoreSettings(Features features, Rescore rescore, PolicySettings policy, Training training) {

    public LeadscoreSettings {
        features = features == null ? new Features(null, null) : features;
        training = training == null ? new Training(null, null, null, null) : training;
        rescore = rescore == null ? new Rescore(null, null) : rescore;
        policy = policy == null ? new PolicySettings(null, null, null, null, null) : policy;
    }

    /**
     * Policy values a config file sets (any subset); see {@link #apply}. Names as in
     * {@code leadscore.policy.mql-threshold}, {@code sla-hours}, {@code recycle-after-days},
     * {@code label-horizon-days}, {@code engagement-half-life-days}.
     */
    public record PolicySettings(Double mqlThreshold, Double slaHours, Integer recycleAfterDays,
                                 Integer labelHorizonDays, Double engagementHalfLifeDays) {

        public boolean any() {
            return mqlThreshold != null || slaHours != null || recycleAfterDays != null || labelHorizonDays != null
                    || engagementHalfLifeDays != null;
        }

        /**
         * The given policy with the configured values.
         *
         * @throws IllegalArgumentException naming the bad value, as {@link io.leadscore.scoring.policy.Policy} does
         */
        public io.leadscore.scoring.policy.Policy apply(io.leadscore.scoring.policy.Policy base) {
            return new io.leadscore.scoring.policy.Policy(
                    mqlThreshold != null ? mqlThreshold : base.mqlThreshold(),
                    slaHours != null ? slaHours : base.slaHours(),
                    recycleAfterDays != null ? recycleAfterDays : base.recycleAfterDays(),
                    labelHorizonDays != null ? labelHorizonDays : base.labelHorizonDays(),
                    engagementHalfLifeDays != null ? engagementHalfLifeDays : base.engagementHalfLifeDays());
        }
    }

    /**
     * @param exclude         lead fields and custom attributes no model may use (names matched ignoring case)
     * @param observationDays how young a lead must be for its score to be compared with the champion's validation
     *                        scores in the nightly drift check (default 30)
     */
    public record Features(List<String> exclude, Integer observationDays) {
        public Features {
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            if (observationDays != null && observationDays < 1) {
                throw new IllegalArgumentException("Invalid leadscore.features.observation-days: " + observationDays
                        + ", expected at least 1");
            }
        }
    }

    /**
     * How training sets are built: the ages at which every open lead is looked at, and how many of its snapshots a
     * lead keeps at most (see {@link io.leadscore.scoring.labels.TrainingSetConfig}).
     *
     * @param snapshotAges        ages such as {@code 0h,1d,3d,7d,14d,30d,60d,90d,180d,365d}
     * @param snapshotEvery       the step after the last age while the lead stays open, e.g. {@code 91d}
     * @param maxSnapshotsPerLead at most this many training snapshots per lead (a seeded random subset beyond it;
     *                            the validation window keeps every one)
     * @param holdoutFrom         the out-of-time validation window: every snapshot at or after this date
     *                            ({@code 2025-02-01}, 00:00 UTC) or instant; absent for the window that begins where
     *                            the most recent fifth of the sampled snapshots begins
     */
    public record Training(String snapshotAges, String snapshotEvery, Integer maxSnapshotsPerLead, String holdoutFrom) {
        public Training {
            schedule(snapshotAges, snapshotEvery);
            holdoutFrom(holdoutFrom);
            if (maxSnapshotsPerLead != null && (maxSnapshotsPerLead < 1 || maxSnapshotsPerLead > 1000)) {
                throw new IllegalArgumentException("Invalid leadscore.training.max-snapshots-per-lead: " + maxSnapshotsPerLead
                        + ", expected 1 to 1000");
            }
        }

        /** The configured schedule, or the default one. */
        public io.leadscore.scoring.labels.SnapshotSchedule schedule() {
            return schedule(snapshotAges, snapshotEvery);
        }

        private static io.leadscore.scoring.labels.SnapshotSchedule schedule(String ages, String every) {
            io.leadscore.scoring.labels.SnapshotSchedule defaults = io.leadscore.scoring.labels.SnapshotSchedule.defaults();
            if (ages == null && every == null) {
                return defaults;
            }
            try {
                return io.leadscore.scoring.labels.SnapshotSchedule.parse(
                        ages != null ? ages : defaults.listed(),
                        every != null ? every : io.leadscore.scoring.labels.SnapshotSchedule.format(defaults.every()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid leadscore.training snapshot ages: " + e.getMessage(), e);
            }
        }

        /** The configured start of the validation window, or null for the most recent fifth of the sampled snapshots. */
        public java.time.Instant holdoutFromInstant() {
            return holdoutFrom(holdoutFrom);
        }

        private static java.time.Instant holdoutFrom(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return io.leadscore.scoring.domain.Timestamps.parse(text.strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid leadscore.training.holdout-from: '" + text
                        + "', expected a date (2025-02-01) or an instant (2025-02-01T00:00:00Z)", e);
            }
        }

        public int maxSnapshotsPerLeadOrDefault() {
            return maxSnapshotsPerLead != null ? maxSnapshotsPerLead
                    : io.leadscore.scoring.labels.TrainingSetConfig.DEFAULT_MAX_SNAPSHOTS_PER_LEAD;
        }
    }

    /**
     * @param gridSize  partitions of the rescoring step (default: available processors)
     * @param chunkSize leads per chunk (default 1000)
     */
    public record Rescore(Integer gridSize, Integer chunkSize) {
        public Rescore {
            if (gridSize != null && (gridSize < 1 || gridSize > 64)) {
                throw new IllegalArgumentException("Invalid leadscore.rescore.grid-size: " + gridSize + ", expected 1 to 64");
            }
            if (chunkSize != null && (chunkSize < 1 || chunkSize > 100_000)) {
                throw new IllegalArgumentException("Invalid leadscore.rescore.chunk-size: " + chunkSize
                        + ", expected 1 to 100000");
            }
        }

        public int gridSizeOrDefault() {
            return gridSize != null ? gridSize : Runtime.getRuntime().availableProcessors();
        }

        public int chunkSizeOrDefault() {
            return chunkSize != null ? chunkSize : 1_000;
        }
    }
}

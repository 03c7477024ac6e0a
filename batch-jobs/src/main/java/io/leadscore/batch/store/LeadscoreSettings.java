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
 */
@ConfigurationProperties("leadscore")
public record LeadscoreSettings(Features features, Rescore rescore, PolicySettings policy) {

    public LeadscoreSettings {
        features = features == null ? new Features(null, null) : features;
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
     * @param observationDays how many days after creation a training row looks at a lead (default 30)
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

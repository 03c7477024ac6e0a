package io.leadscore.batch.store;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Job settings from {@code --config} (properties or YAML under {@code leadscore.}); the policy itself lives
 * in the store, versioned.
 *
 * @param features features settings: fields to leave out of models, e.g. ones filled by sales after contact
 * @param rescore  rescoring: partitions (default: the number of cores) and chunk size
 */
@ConfigurationProperties("leadscore")
public record LeadscoreSettings(Features features, Rescore rescore) {

    public LeadscoreSettings {
        features = features == null ? new Features(null, null) : features;
        rescore = rescore == null ? new Rescore(null, null) : rescore;
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

package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.CalibrationMethod;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainingOptionsTest {

    @Test
    void defaultsAreBoostingWithPlattCalibration() {
        TrainingOptions o = TrainingOptions.defaults();

        assertThat(o.algorithm()).isEqualTo(Algorithm.GRADIENT_BOOSTING);
        assertThat(o.trees()).isEqualTo(100);
        assertThat(o.maxDepth()).isEqualTo(6);
        assertThat(o.calibration()).isEqualTo(CalibrationMethod.PLATT);
        assertThat(o.seed()).isEqualTo(TrainingOptions.DEFAULT_SEED);
    }

    @Test
    void builderStartsFromTheAlgorithmsDefaultsAndOverridesOneSetting() {
        TrainingOptions forest = TrainingOptions.builder(Algorithm.RANDOM_FOREST).trees(50).build();

        assertThat(forest.trees()).isEqualTo(50);
        assertThat(forest.maxDepth()).isEqualTo(TrainingOptions.defaults(Algorithm.RANDOM_FOREST).maxDepth());
        assertThat(forest.toBuilder().build()).isEqualTo(forest);
    }

    @Test
    void hyperparametersNameOnlyWhatTheAlgorithmUses() {
        assertThat(TrainingOptions.defaults(Algorithm.LOGISTIC_REGRESSION).hyperparameters())
                .containsOnlyKeys("l2", "tolerance", "maxIterations", "calibration");
        assertThat(TrainingOptions.defaults().hyperparameters())
                .containsEntry("trees", "100").containsEntry("shrinkage", "0.1").containsEntry("snapshotsPerLead", "3")
                .doesNotContainKey("l2");
    }

    @Nested
    class Rejects {

        @Test
        void noSnapshotPerLead() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingOptions.defaults().toBuilder().snapshotsPerLead(0).build());
            assertThat(e).hasMessage("Invalid snapshots per lead: 0, expected 1 to 100");
        }

        @Test
        void zeroTrees() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TrainingOptions.defaults().toBuilder().trees(0).build());
            assertThat(e).hasMessageContaining("Invalid number of trees: 0");
        }

        @Test
        void shrinkageAboveOne() {
            assertThrows(IllegalArgumentException.class, () -> TrainingOptions.defaults().toBuilder().shrinkage(1.5).build());
        }

        @Test
        void subsampleOfZero() {
            assertThrows(IllegalArgumentException.class, () -> TrainingOptions.defaults().toBuilder().subsample(0).build());
        }

        @Test
        void negativePenalty() {
            assertThrows(IllegalArgumentException.class, () -> TrainingOptions.defaults().toBuilder().l2(-1).build());
        }

        @Test
        void depthBeyondThirty() {
            assertThrows(IllegalArgumentException.class, () -> TrainingOptions.defaults().toBuilder().maxDepth(31).build());
        }
    }
}

package io.leadscore.scoring.training;

import io.leadscore.scoring.features.FeatureSchema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainingDataTest {

    private static final FeatureSchema SCHEMA = SyntheticLeads.schema(16);

    @Test
    void copiesRowsOnTheWayIn() {
        double[][] x = {new double[16], new double[16]};
        int[] y = {0, 1};
        TrainingData data = new TrainingData(SCHEMA, x, y, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO);

        x[0][0] = 99;
        y[0] = 1;

        assertThat(data.x()[0][0]).isZero();
        assertThat(data.positives()).isEqualTo(1);
        assertThat(data.flatRows()).hasSize(32);
    }

    @Nested
    class Rejects {

        @Test
        void aRowOfTheWrongLength() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingData(SCHEMA,
                    new double[][]{new double[15]}, new int[]{0}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO));
            assertThat(e).hasMessageContaining("Invalid row 0: 15 values, expected 16");
        }

        @Test
        void aNonFiniteValue() {
            double[] row = new double[16];
            row[3] = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingData(SCHEMA,
                    new double[][]{row}, new int[]{0}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO));
            assertThat(e).hasMessageContaining("industry=software").hasMessageContaining("row 0");
        }

        @Test
        void aLabelOtherThanZeroOrOne() {
            assertThrows(IllegalArgumentException.class, () -> new TrainingData(SCHEMA,
                    new double[][]{new double[16]}, new int[]{2}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO));
        }

        @Test
        void aWindowThatEndsBeforeItStarts() {
            assertThrows(IllegalArgumentException.class, () -> new TrainingData(SCHEMA,
                    new double[][]{new double[16]}, new int[]{0}, SyntheticLeads.TRAIN_TO, SyntheticLeads.TRAIN_FROM));
        }
    }
}

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

    @Test
    void columnsHandedOverHoldTheSameRowsAsTheRowsCopiedIn() {
        double[][] rows = {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, new double[16], new double[16]};
        rows[2][15] = -3.5;
        double[][] columns = new double[16][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 16; j++) {
                columns[j][i] = rows[i][j];
            }
        }
        int[] y = {1, 0, 1};

        TrainingData fromRows = new TrainingData(SCHEMA, rows, y, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO);
        TrainingData fromColumns = TrainingData.ofColumns(SCHEMA, columns, y, SyntheticLeads.TRAIN_FROM,
                SyntheticLeads.TRAIN_TO, null, null);

        assertThat(fromColumns.x()).isDeepEqualTo(fromRows.x()).isDeepEqualTo(rows);
        assertThat(fromColumns.flatRows()).isEqualTo(fromRows.flatRows());
        assertThat(fromColumns.flatRows(1, 2)).isEqualTo(java.util.Arrays.copyOfRange(fromRows.flatRows(), 16, 48));
        assertThat(fromColumns.y()).isEqualTo(y);
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
        void aColumnOfTheWrongLengthOrANonFiniteValueInAColumn() {
            double[][] columns = new double[16][2];
            columns[4] = new double[1];
            IllegalArgumentException shortColumn = assertThrows(IllegalArgumentException.class, () -> TrainingData.ofColumns(
                    SCHEMA, columns, new int[]{0, 1}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO, null, null));
            assertThat(shortColumn).hasMessageContaining("Invalid column 4").hasMessageContaining("1 values for 2 labels");

            columns[4] = new double[]{0, Double.POSITIVE_INFINITY};
            IllegalArgumentException infinite = assertThrows(IllegalArgumentException.class, () -> TrainingData.ofColumns(
                    SCHEMA, columns, new int[]{0, 1}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO, null, null));
            assertThat(infinite).hasMessageContaining("in row 1").hasMessageContaining("Infinity");

            IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> TrainingData.ofColumns(
                    SCHEMA, new double[15][2], new int[]{0, 1}, SyntheticLeads.TRAIN_FROM, SyntheticLeads.TRAIN_TO, null, null));
            assertThat(tooFew).hasMessageContaining("15 columns, expected 16");
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

package io.leadscore.scoring.scoring;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TreeEnsembleTest {

    /**
     * One boosted tree: x0 <= 1 ? (x1 <= 5 ? 0.3 : 0.1) : -0.2, base 0.05.
     * Node 0 splits on x0; children 1 (x0 > 1, leaf -0.2) and 2 (x0 <= 1, split on x1);
     * node 2's children 3 (x1 > 5, leaf 0.1) and 4 (x1 <= 5, leaf 0.3).
     */
    static TreeEnsemble tinyBoostedTree() {
        double nan = Double.NaN;
        return new TreeEnsemble(Algorithm.GRADIENT_BOOSTING, 2, 0.05,
                new int[]{0}, new int[]{2},
                new int[]{0, 0, 1, 0, 0},
                new double[]{1, nan, 5, nan, nan},
                new int[]{1, 1, 3, 3, 4},
                new double[]{0, -0.2, 0, 0.1, 0.3},
                new double[]{100, 40, 60, 20, 40});
    }

    @Test
    void routesLessOrEqualToTheSecondChildAndGreaterToTheFirst() {
        TreeEnsemble trees = tinyBoostedTree();

        assertThat(trees.rawScore(new double[]{1, 5})).isEqualTo(2 * (0.05 + 0.3));
        assertThat(trees.rawScore(new double[]{1, 5.5})).isEqualTo(2 * (0.05 + 0.1));
        assertThat(trees.rawScore(new double[]{1.5, 0})).isEqualTo(2 * (0.05 - 0.2));
    }

    @Test
    void sendsMissingValuesWhereSmileDoes() {
        // Smile's OrdinalNode tests x <= value, which is false for NaN: the greater-than side.
        assertThat(tinyBoostedTree().rawScore(new double[]{Double.NaN, 0})).isEqualTo(2 * (0.05 - 0.2));
    }

    @Test
    void boostingProbabilityIsTheLogisticOfTheRawScore() {
        TreeEnsemble trees = tinyBoostedTree();
        double raw = trees.rawScore(new double[]{0, 0});

        assertThat(trees.probability(new double[]{0, 0})).isCloseTo(1 / (1 + Math.exp(-raw)), within(1e-15));
    }

    @Test
    void batchScoresEqualSingleScoresAcrossBlocks() {
        TreeEnsemble trees = tinyBoostedTree();
        int n = 2 * TreeEnsemble.BLOCK + 7;
        double[] rows = new double[2 * n];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = (i % 5) * 0.5;
            rows[2 * i + 1] = (i % 7) * 1.5;
        }
        double[] out = new double[n];

        trees.rawScores(rows, n, out);

        for (int i = 0; i < n; i++) {
            assertThat(out[i]).isEqualTo(trees.rawScore(new double[]{rows[2 * i], rows[2 * i + 1]}));
        }
    }

    @Nested
    class Refuses {

        @Test
        void aVectorOfTheWrongLength() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> tinyBoostedTree().rawScore(new double[3]));
            assertThat(e).hasMessage("Invalid input vector size: 3, expected: 2");
        }

        @Test
        void aBatchLargerThanItsRows() {
            assertThrows(IllegalArgumentException.class, () -> tinyBoostedTree().rawScores(new double[4], 3, new double[3]));
        }

        @Test
        void aChildPointingBackUp() {
            double nan = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(
                    Algorithm.GRADIENT_BOOSTING, 1, 0, new int[]{0}, new int[]{1},
                    new int[]{0, 0, 0}, new double[]{1, nan, 2}, new int[]{1, 1, 0}, new double[3], new double[]{3, 1, 2}));
            assertThat(e).hasMessageContaining("Invalid children of node 2");
        }

        @Test
        void aFeatureBeyondTheVector() {
            double nan = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(
                    Algorithm.GRADIENT_BOOSTING, 1, 0, new int[]{0}, new int[]{1},
                    new int[]{4, 0, 0}, new double[]{1, nan, nan}, new int[]{1, 1, 2}, new double[3], new double[]{2, 1, 1}));
            assertThat(e).hasMessageContaining("Invalid feature index at node 0: 4");
        }

        @Test
        void aTreeDeeperThanDeclared() {
            TreeEnsemble ok = tinyBoostedTree();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(
                    Algorithm.GRADIENT_BOOSTING, 2, 0, new int[]{0}, new int[]{1}, ok.features(), ok.thresholds(),
                    ok.children(), ok.values(), ok.covers()));
            assertThat(e).hasMessageContaining("deeper than its declared depth 1");
        }

        @Test
        void aNodeNoPathReaches() {
            double nan = Double.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(
                    Algorithm.RANDOM_FOREST, 1, 0, new int[]{0}, new int[]{1},
                    new int[]{0, 0, 0, 0}, new double[]{1, nan, nan, nan}, new int[]{1, 1, 2, 3}, new double[4],
                    new double[]{2, 1, 1, 1}));
            assertThat(e).hasMessageContaining("not reachable");
        }

        @Test
        void aLinearAlgorithm() {
            TreeEnsemble ok = tinyBoostedTree();
            assertThrows(IllegalArgumentException.class, () -> new TreeEnsemble(Algorithm.LOGISTIC_REGRESSION, 2, 0,
                    ok.starts(), ok.depths(), ok.features(), ok.thresholds(), ok.children(), ok.values(), ok.covers()));
        }
    }
}

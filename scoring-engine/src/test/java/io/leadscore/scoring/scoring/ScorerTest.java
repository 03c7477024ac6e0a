package io.leadscore.scoring.scoring;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScorerTest {

    private static final LinearModel MODEL = new LinearModel(new double[]{1, 0}, new double[]{2, 1},
            new double[]{0.5, -1}, -2);

    @Test
    void scoresThroughTheCalibration() {
        Scorer scorer = new Scorer(MODEL, new PlattCalibration(1.5, 0.25), GradeBands.relativeTo(0.1));
        double[] x = {3, 0.5};
        // raw = -2 + 0.5 * (3 - 1) / 2 - 1 * 0.5 = -2
        double expected = 1 / (1 + Math.exp(-(1.5 * -2 + 0.25)));

        assertThat(MODEL.rawScore(x)).isEqualTo(-2.0);
        assertThat(scorer.score(x)).isCloseTo(expected, within(1e-15));
    }

    @Test
    void batchScoresEqualSingleScores() {
        Scorer scorer = new Scorer(MODEL, new PlattCalibration(1, 0), GradeBands.relativeTo(0.1));
        double[] rows = {3, 0.5, 0, 0, -1, 2};
        double[] out = new double[3];

        scorer.scoreBatch(rows, 3, out);

        assertThat(out[2]).isEqualTo(scorer.score(new double[]{-1, 2}));
    }

    @Test
    void gradesByBandsRelativeToTheThreshold() {
        GradeBands bands = GradeBands.relativeTo(0.1);

        assertThat(bands.grade(0.20)).isEqualTo(Grade.A);
        assertThat(bands.grade(0.1999)).isEqualTo(Grade.B);
        assertThat(bands.grade(0.10)).isEqualTo(Grade.B);
        assertThat(bands.grade(0.05)).isEqualTo(Grade.C);
        assertThat(bands.grade(0.0499)).isEqualTo(Grade.D);
    }

    @Test
    void capsGradeAAtCertainty() {
        assertThat(GradeBands.relativeTo(0.7).aFrom()).isEqualTo(1.0);
    }

    @Test
    void isotonicInterpolatesBetweenKnotsAndIsFlatBeyondThem() {
        IsotonicCalibration iso = new IsotonicCalibration(new double[]{-1, 1}, new double[]{0.1, 0.3});

        assertThat(iso.probability(0)).isCloseTo(0.2, within(1e-15));
        assertThat(iso.probability(-5)).isEqualTo(0.1);
        assertThat(iso.probability(5)).isEqualTo(0.3);
    }

    @Test
    void uncalibratedForestScoreIsItsVoteShare() {
        assertThat(new Uncalibrated(Algorithm.RANDOM_FOREST).probability(0.3)).isEqualTo(0.3);
    }

    @Nested
    class Rejects {

        @Test
        void bandsOutOfOrder() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GradeBands(0.2, 0.3, 0.1));
            assertThat(e).hasMessageContaining("Invalid grade B lower bound: 0.3");
        }

        @Test
        void decreasingIsotonicKnots() {
            assertThrows(IllegalArgumentException.class,
                    () -> new IsotonicCalibration(new double[]{0, 1}, new double[]{0.5, 0.4}));
        }

        @Test
        void aNonPositiveScale() {
            assertThrows(IllegalArgumentException.class,
                    () -> new LinearModel(new double[]{0}, new double[]{0}, new double[]{1}, 0));
        }

        @Test
        void anInfinitePlattSlope() {
            assertThrows(IllegalArgumentException.class, () -> new PlattCalibration(Double.POSITIVE_INFINITY, 0));
        }
    }
}

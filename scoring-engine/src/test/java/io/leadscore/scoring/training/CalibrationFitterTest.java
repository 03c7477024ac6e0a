package io.leadscore.scoring.training;

import io.leadscore.scoring.evaluation.Evaluator;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.CalibrationMethod;
import io.leadscore.scoring.scoring.IsotonicCalibration;
import io.leadscore.scoring.scoring.PlattCalibration;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationFitterTest {

    @Test
    void plattRecoversTheSlopeAndInterceptThatGeneratedTheOutcomes() {
        // Outcomes drawn from P = 1 / (1 + exp(-(0.8 f - 2.5))): with 40,000 rows the maximum-likelihood fit
        // lands within a few standard errors (~0.03) of the truth.
        SplittableRandom random = new SplittableRandom(3);
        int n = 40_000;
        double[] f = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = 4 * random.nextDouble() - 1;
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(0.8 * f[i] - 2.5))) ? 1 : 0;
        }

        PlattCalibration platt = CalibrationFitter.platt(f, y);

        assertThat(platt.slope()).isCloseTo(0.8, within(0.1));
        assertThat(platt.intercept()).isCloseTo(-2.5, within(0.15));
    }

    @Test
    void plattStaysFiniteWithoutAnyConverter() {
        PlattCalibration platt = CalibrationFitter.platt(new double[]{-1, 0, 1, 2}, new int[]{0, 0, 0, 0});

        assertThat(platt.probability(0)).isBetween(0.0, 0.5);
    }

    @Test
    void isotonicPoolsAdjacentViolators() {
        // Sorted by score the outcomes are 0, 1, 1, 0, 1: the run (1, 1, 0) violates monotonicity and pools
        // to 2/3, giving knots (1, 0), (2, 2/3), (4, 2/3), (5, 1).
        IsotonicCalibration iso = CalibrationFitter.isotonic(new double[]{5, 1, 3, 2, 4}, new int[]{1, 0, 1, 1, 0});

        assertThat(iso.raw()).containsExactly(1, 2, 4, 5);
        assertThat(iso.probability(1)).isZero();
        assertThat(iso.probability(3)).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(iso.probability(4.5)).isCloseTo(5.0 / 6, within(1e-15));
        assertThat(iso.probability(1.5)).isCloseTo(1.0 / 3, within(1e-15));
        assertThat(iso.probability(-10)).isZero();
        assertThat(iso.probability(10)).isEqualTo(1.0);
    }

    @Test
    void crossFittingDoesNotLetAnIsotonicFitGradeItself() {
        // Scores that carry no signal at all: fitted and evaluated on the same rows, isotonic regression still
        // "calibrates" them almost perfectly; fitted on the other half it cannot.
        SplittableRandom random = new SplittableRandom(5);
        int n = 2000;
        double[] raw = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            raw[i] = random.nextDouble();
            y[i] = random.nextDouble() < 0.05 ? 1 : 0;
        }

        double[] inSample = new double[n];
        IsotonicCalibration iso = (IsotonicCalibration) CalibrationFitter.fit(CalibrationMethod.ISOTONIC, raw, y, Algorithm.GRADIENT_BOOSTING);
        for (int i = 0; i < n; i++) {
            inSample[i] = iso.probability(raw[i]);
        }
        double[] crossFitted = CalibrationFitter.crossFitted(CalibrationMethod.ISOTONIC, raw, y, Algorithm.GRADIENT_BOOSTING);

        double flattered = Evaluator.evaluate(inSample, y).logLoss();
        double honest = Evaluator.evaluate(crossFitted, y).logLoss();
        assertThat(honest).isGreaterThan(flattered);
    }

    @Test
    void crossFittedPlattIsCloseToTheWholeWindowFit() {
        TrainingResult result = TrainedModels.result(Algorithm.GRADIENT_BOOSTING);
        // The reported ECE comes from the cross-fit; it stays small for a sensible model.
        assertThat(result.validationMetrics().ece()).isLessThan(0.03);
    }
}

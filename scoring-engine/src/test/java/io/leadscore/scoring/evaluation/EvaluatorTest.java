package io.leadscore.scoring.evaluation;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EvaluatorTest {

    // scikit-learn's documentation example for roc_auc_score and average_precision_score:
    // AUC 0.75 and average precision 0.8333.
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final int[] LABELS = {0, 0, 1, 1};

    @Test
    void measuresRankingAsScikitLearnDoes() {
        ModelMetrics m = Evaluator.evaluate(SCORES, LABELS);

        assertThat(m.auc()).isCloseTo(0.75, within(1e-12));
        assertThat(m.prAuc()).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void measuresProbabilities() {
        ModelMetrics m = Evaluator.evaluate(SCORES, LABELS);

        double logLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
        assertThat(m.logLoss()).isCloseTo(logLoss, within(1e-12));
        assertThat(m.brier()).isCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, within(1e-12));
        // Four leads make four one-lead bins: the ECE is then the mean absolute error.
        assertThat(m.calibrationBins()).hasSize(4);
        assertThat(m.ece()).isCloseTo((0.1 + 0.4 + 0.65 + 0.2) / 4, within(1e-12));
    }

    @Test
    void countsTiedScoresAsHalfInTheAuc() {
        assertThat(Evaluator.evaluate(new double[]{0.5, 0.5}, new int[]{0, 1}).auc()).isEqualTo(0.5);
    }

    @Test
    void thresholdCurveCountsLeadsAtOrAboveEachThreshold() {
        ThresholdCurve curve = Evaluator.evaluate(SCORES, LABELS).thresholdCurve();

        assertThat(curve.points()).hasSize(101);
        ThresholdCurve.Point at35 = curve.at(0.35);
        assertThat(at35.leadsAbove()).isEqualTo(3);
        assertThat(at35.shareAbove()).isEqualTo(0.75);
        assertThat(at35.precision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(at35.recall()).isEqualTo(1.0);
        assertThat(at35.expectedConversions()).isCloseTo(1.55, within(1e-12));
        assertThat(curve.at(0.36).leadsAbove()).isEqualTo(2);
        assertThat(curve.at(0.0).leadsAbove()).isEqualTo(4);
        assertThat(curve.at(0.0).expectedConversions()).isCloseTo(1.65, within(1e-12));
        assertThat(curve.at(0.9).leadsAbove()).isZero();
        assertThat(curve.at(0.9).precision()).isNaN();
    }

    @Test
    void liftByDecileRanksBestFirst() {
        double[] scores = new double[20];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = i / 20.0;
        }
        labels[19] = 1;
        labels[18] = 1;

        ModelMetrics m = Evaluator.evaluate(scores, labels);

        LiftBin top = m.liftByDecile().get(0);
        assertThat(m.liftByDecile()).hasSize(10);
        assertThat(top.decile()).isEqualTo(1);
        assertThat(top.conversions()).isEqualTo(2);
        assertThat(top.lift()).isCloseTo(10.0, within(1e-12));
        assertThat(top.cumulativeCapture()).isEqualTo(1.0);
        assertThat(m.liftByDecile().get(9).conversions()).isZero();
    }

    @Test
    void rocRunsFromOriginToTopRight() {
        ModelMetrics m = Evaluator.evaluate(SCORES, LABELS);

        RocPoint first = m.roc().get(0);
        RocPoint last = m.roc().get(m.roc().size() - 1);
        assertThat(first.falsePositiveRate()).isZero();
        assertThat(first.truePositiveRate()).isZero();
        assertThat(last.falsePositiveRate()).isEqualTo(1.0);
        assertThat(last.truePositiveRate()).isEqualTo(1.0);
    }

    @Test
    void leavesRankingMetricsUndefinedWithoutConverters() {
        ModelMetrics m = Evaluator.evaluate(new double[]{0.1, 0.2}, new int[]{0, 0});

        assertThat(m.auc()).isNaN();
        assertThat(m.prAuc()).isNaN();
        assertThat(m.thresholdCurve().at(0).recall()).isNaN();
    }

    @Test
    void fingerprintIdentifiesTheOutcomeSequence() {
        ModelMetrics a = Evaluator.evaluate(SCORES, LABELS);
        ModelMetrics b = Evaluator.evaluate(new double[]{0.9, 0.9, 0.9, 0.9}, LABELS);
        ModelMetrics c = Evaluator.evaluate(SCORES, new int[]{1, 0, 0, 1});

        assertThat(a.sameRowsAs(b)).isTrue();
        assertThat(a.sameRowsAs(c)).isFalse();
    }

    @Test
    void takesRankingFromOneScoringAndCalibrationFromAnother() {
        int[] labels = {0, 0, 1, 1, 0, 1};
        double[] ranking = {0.1, 0.2, 0.8, 0.9, 0.3, 0.7};      // perfect ranking: AUC 1
        double[] calibrated = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};   // no ranking at all, but well calibrated on average

        ModelMetrics merged = Evaluator.evaluate(ranking, calibrated, labels);

        assertThat(merged.auc()).isEqualTo(1.0);
        assertThat(merged.prAuc()).isEqualTo(Evaluator.evaluate(ranking, labels).prAuc());
        assertThat(merged.brier()).isEqualTo(0.25);
        assertThat(merged.logLoss()).isEqualTo(Evaluator.evaluate(calibrated, labels).logLoss());
        assertThat(merged.ece()).isEqualTo(Evaluator.evaluate(calibrated, labels).ece());
        assertThat(merged.labelFingerprint()).isEqualTo(Evaluator.evaluate(ranking, labels).labelFingerprint());
    }

    @Nested
    class Rejects {

        @Test
        void aScoreOutsideZeroToOne() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Evaluator.evaluate(new double[]{0.5, 1.5}, new int[]{0, 1}));
            assertThat(e).hasMessageContaining("Invalid score of row 1: 1.5");
        }

        @Test
        void aLabelOtherThanZeroOrOne() {
            assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(new double[]{0.5}, new int[]{2}));
        }

        @Test
        void labelsOfAnotherLength() {
            assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(new double[]{0.5}, new int[]{0, 1}));
        }

        @Test
        void nothingToEvaluate() {
            assertThrows(IllegalArgumentException.class, () -> Evaluator.evaluate(new double[0], new int[0]));
        }
    }

    @Test
    void measuresEachAgeBandOnItsOwnRowsAndTheirCurvesMergeBackIntoTheWholeOne() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int n = 3000;
        double[] scores = new double[n];
        int[] labels = new int[n];
        double[] ages = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble() * 0.4;
            labels[i] = random.nextDouble() < scores[i] ? 1 : 0;
            ages[i] = i % 3 == 0 ? 0.5 : i % 3 == 1 ? 45 : 400;
        }

        java.util.List<AgeBandMetrics> bands = Evaluator.byAge(scores, labels, ages, AgeBand.DEFAULTS);

        assertThat(bands).extracting(b -> b.band().label()).containsExactly("0–1 d", "30–90 d", "180+ d");
        assertThat(bands).allSatisfy(b -> assertThat(b.metrics().rows()).isEqualTo(1000));
        ThresholdCurve merged = ThresholdCurve.merge(bands.stream().map(b -> b.metrics().thresholdCurve()).toList());
        ThresholdCurve whole = Evaluator.evaluate(scores, labels).thresholdCurve();
        assertThat(merged.leads()).isEqualTo(whole.leads());
        for (int k = 0; k < 101; k++) {
            ThresholdCurve.Point a = merged.points().get(k);
            ThresholdCurve.Point b = whole.points().get(k);
            assertThat(a.leadsAbove()).isEqualTo(b.leadsAbove());
            assertThat(a.expectedConversions()).isCloseTo(b.expectedConversions(), within(1e-9));
            assertThat(Double.compare(a.precision(), b.precision())).isZero();
            assertThat(a.recall()).isCloseTo(b.recall(), within(1e-12));
        }
    }
}

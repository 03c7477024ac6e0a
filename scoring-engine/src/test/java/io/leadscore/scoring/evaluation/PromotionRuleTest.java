package io.leadscore.scoring.evaluation;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromotionRuleTest {

    private static final ModelMetrics WINDOW = Evaluator.evaluate(
            new double[]{0.1, 0.4, 0.35, 0.8, 0.05, 0.2}, new int[]{0, 0, 1, 1, 0, 0});
    private static final PromotionRule RULE = PromotionRule.defaults();

    /** Metrics over a window large enough to decide on: 1,000 snapshots, 100 converters. */
    private static ModelMetrics with(double auc, double ece) {
        return over(1_000, 100, auc, ece);
    }

    private static ModelMetrics over(int rows, int positives, double auc, double ece) {
        return new ModelMetrics(rows, positives, WINDOW.labelFingerprint(), auc, WINDOW.prAuc(),
                WINDOW.logLoss(), WINDOW.brier(), ece, WINDOW.calibrationBins(), WINDOW.liftByDecile(), WINDOW.roc(),
                new ThresholdCurve(rows, WINDOW.thresholdCurve().points()));
    }

    @Test
    void theAucsStandardErrorShrinksWithTheConvertersAsHanleyAndMcNeilGiveIt() {
        // Hanley and McNeil's formula: AUC 0.8 with 20 converters and 180 others, 0.061; ten times as many data
        // (100 and 900), a little under half that, 0.027 (the error falls with the root of the counts)
        assertThat(over(200, 20, 0.8, 0.01).aucStandardError()).isCloseTo(0.0610, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(over(1_000, 100, 0.8, 0.01).aucStandardError()).isCloseTo(0.0272, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(over(200, 0, Double.NaN, 0.01).aucStandardError()).isNaN();
    }

    @Test
    void aWindowTooSmallToTellTwoModelsApartPromotesNoChallengerOverAChampion() {
        // the challenger looks far better, on 17 converters: noise, not evidence
        PromotionDecision d = RULE.decide(PromotionMode.AUTO, over(819, 17, 0.82, 0.01), over(819, 17, 0.79, 0.01));

        assertThat(d.promoted()).isFalse();
        assertThat(d.reason()).startsWith("Not promoted: the validation window holds 17 converters among 819 snapshots,"
                + " too few to tell two models apart (at least 20 converters among 200 snapshots");
        // the first model needs no comparison; force promotes whatever the window
        PromotionDecision first = RULE.decide(PromotionMode.AUTO, over(819, 17, 0.82, 0.01), null);
        assertThat(first.promoted()).isTrue();
        assertThat(first.reason()).contains("its validation window holds only 17 converters among 819 snapshots")
                .endsWith("train again once the history is longer.");
        assertThat(RULE.decide(PromotionMode.AUTO, with(0.82, 0.01), null).reason()).endsWith("ECE 0.0100).");
        assertThat(RULE.decide(PromotionMode.FORCE, over(819, 17, 0.82, 0.01), over(819, 17, 0.79, 0.01)).promoted())
                .isTrue();
        // enough in the window, no band big enough: promoted, and the reason says no band was compared
        PromotionDecision unbanded = RULE.decide(PromotionMode.AUTO, over(900, 40, 0.82, 0.01), over(900, 40, 0.80, 0.01),
                List.of(band("0-1 d", 150, 12, 0.8, 0.01)), List.of(band("0-1 d", 150, 12, 0.8, 0.01)));
        assertThat(unbanded.promoted()).isTrue();
        assertThat(unbanded.reason()).endsWith("; no age band was compared (none holds 200 snapshots with 20 converters).");
    }

    @Test
    void promotesAChallengerThatIsAsGoodWithinTheTolerances() {
        // AUC 0.004 lower and ECE 0.009 higher: both inside the 0.005 and 0.01 allowances.
        PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.796, 0.029), with(0.800, 0.020));

        assertThat(d.promoted()).isTrue();
        assertThat(d.reason()).startsWith("Promoted: AUC 0.7960 vs champion 0.8000");
    }

    @Test
    void keepsTheChampionWhenTheChallengerRanksWorse() {
        PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.790, 0.020), with(0.800, 0.020));

        assertThat(d.promoted()).isFalse();
        assertThat(d.reason()).contains("ranks worse").contains("at least 0.7950 needed").doesNotContain("calibrated");
    }

    @Test
    void keepsTheChampionWhenTheChallengerIsWorseCalibrated() {
        PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.820, 0.035), with(0.800, 0.020));

        assertThat(d.promoted()).isFalse();
        assertThat(d.reason()).contains("less well calibrated").contains("at most 0.0300 allowed");
    }

    @Test
    void namesBothShortcomings() {
        PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.700, 0.100), with(0.800, 0.020));

        assertThat(d.reason()).contains("ranks worse").contains("less well calibrated");
    }

    /** A band's metrics with its own size, so that the rule's minimum leads and converters can be tested. */
    private static AgeBandMetrics band(String label, int rows, int positives, double auc, double ece) {
        return new AgeBandMetrics(new AgeBand(label, 0, 1), new ModelMetrics(rows, positives, WINDOW.labelFingerprint(), auc,
                WINDOW.prAuc(), WINDOW.logLoss(), WINDOW.brier(), ece, WINDOW.calibrationBins(), WINDOW.liftByDecile(),
                WINDOW.roc(), new ThresholdCurve(rows, WINDOW.thresholdCurve().points())));
    }

    @Nested
    class ByAgeBand {
        @Test
        void refusesAChallengerBetterOverallButWorseForLeadsOfOneAgeAndNamesTheBand() {
            PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.85, 0.01), with(0.80, 0.01),
                    List.of(band("0–1 d", 2000, 200, 0.90, 0.01), band("180+ d", 800, 40, 0.70, 0.01)),
                    List.of(band("0–1 d", 2000, 200, 0.85, 0.01), band("180+ d", 800, 40, 0.75, 0.01)));

            assertThat(d.promoted()).isFalse();
            assertThat(d.reason()).isEqualTo("Not promoted: ranks worse for leads aged 180+ d, AUC 0.7000 vs champion 0.7500"
                    + " (at least 0.7300 needed, 800 leads).");
        }

        @Test
        void refusesAChallengerWorseCalibratedInOneBand() {
            PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.80, 0.01), with(0.80, 0.01),
                    List.of(band("30–90 d", 500, 30, 0.80, 0.06)), List.of(band("30–90 d", 500, 30, 0.80, 0.02)));

            assertThat(d.reason()).contains("less well calibrated for leads aged 30–90 d").contains("at most 0.0400 allowed");
        }

        @Test
        void ignoresBandsTooSmallToJudgeAndPromotesWithinTheTolerance() {
            PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.80, 0.01), with(0.80, 0.01),
                    List.of(band("0–1 d", 199, 50, 0.50, 0.2), band("1–7 d", 5000, 19, 0.50, 0.2),
                            band("7–30 d", 900, 90, 0.79, 0.025)),
                    List.of(band("0–1 d", 199, 50, 0.90, 0.0), band("1–7 d", 5000, 19, 0.90, 0.0),
                            band("7–30 d", 900, 90, 0.80, 0.010)));

            assertThat(d.promoted()).isTrue();
            assertThat(d.reason()).endsWith("and no worse in any of the 1 age bands compared.");
        }

        @Test
        void refusesBandsMeasuredOnOtherRows() {
            assertThrows(IllegalArgumentException.class, () -> RULE.decide(PromotionMode.AUTO, with(0.8, 0.01), with(0.8, 0.01),
                    List.of(band("0–1 d", 500, 50, 0.8, 0.01)), List.of(band("0–1 d", 501, 50, 0.8, 0.01))));
        }
    }

    @Test
    void promotesTheFirstModelWhenThereIsNoChampion() {
        PromotionDecision d = RULE.decide(PromotionMode.AUTO, with(0.6, 0.05), null);

        assertThat(d.promoted()).isTrue();
        assertThat(d.reason()).contains("no champion");
    }

    @Test
    void neverModeNeverPromotes() {
        assertThat(RULE.decide(PromotionMode.NEVER, with(0.99, 0.0), with(0.5, 0.2)).promoted()).isFalse();
    }

    @Test
    void forceModeAlwaysPromotes() {
        PromotionDecision d = RULE.decide(PromotionMode.FORCE, with(0.5, 0.2), with(0.99, 0.0));

        assertThat(d.promoted()).isTrue();
        assertThat(d.mode()).isEqualTo(PromotionMode.FORCE);
    }

    @Test
    void doesNotPromoteOnAnUndefinedAuc() {
        assertThat(RULE.decide(PromotionMode.AUTO, with(Double.NaN, 0.01), null).promoted()).isFalse();
    }

    @Nested
    class Refuses {

        @Test
        void toCompareMetricsOfDifferentWindows() {
            ModelMetrics otherWindow = Evaluator.evaluate(new double[]{0.1, 0.2, 0.3}, new int[]{0, 1, 0});

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RULE.decide(PromotionMode.AUTO, with(0.8, 0.01), otherWindow));
            assertThat(e).hasMessageContaining("different rows");
        }

        @Test
        void negativeTolerances() {
            assertThrows(IllegalArgumentException.class, () -> new PromotionRule(-0.1, 0.01));
        }
    }
}

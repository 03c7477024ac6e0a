package io.leadscore.scoring.evaluation;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PromotionRuleTest {

    private static final ModelMetrics WINDOW = Evaluator.evaluate(
            new double[]{0.1, 0.4, 0.35, 0.8, 0.05, 0.2}, new int[]{0, 0, 1, 1, 0, 0});
    private static final PromotionRule RULE = PromotionRule.defaults();

    private static ModelMetrics with(double auc, double ece) {
        return new ModelMetrics(WINDOW.rows(), WINDOW.positives(), WINDOW.labelFingerprint(), auc, WINDOW.prAuc(),
                WINDOW.logLoss(), WINDOW.brier(), ece, WINDOW.calibrationBins(), WINDOW.liftByDecile(), WINDOW.roc(),
                WINDOW.thresholdCurve());
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

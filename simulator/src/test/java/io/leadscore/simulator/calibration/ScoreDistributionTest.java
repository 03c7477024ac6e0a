package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreDistributionTest {

    @Test
    void defaultPutsSeventeenAndAHalfPercentAtOrAboveTheDefaultThreshold() {
        // Beta(1, b): P(S >= t) = (1 - t)^b, chosen so that 0.9^b = 0.175.
        ScoreDistribution d = Defaults.scoreDistribution();
        assertThat(d.shareAtOrAbove(0.10)).isCloseTo(0.175, within(1e-9));
        assertThat(d.shareAtOrAbove(0.30)).isCloseTo(Math.pow(0.7, Defaults.SCORE_BETA), within(1e-9));
        assertThat(d.shareAtOrAbove(0)).isCloseTo(1, within(1e-12));
        // The mean of Beta(1, b) is 1/(1+b).
        assertThat(d.meanScore()).isCloseTo(1 / (1 + Defaults.SCORE_BETA), within(1e-9));
    }

    @Test
    void thresholdsInsideABandTakeTheBandInProportion() {
        // A flat distribution: a quarter of band 0.40-0.41 lies above 0.4075.
        double[] p = new double[100];
        double[] m = new double[100];
        for (int b = 0; b < 100; b++) {
            p[b] = 0.01;
            m[b] = (b + 0.5) / 100;
        }
        ScoreDistribution flat = new ScoreDistribution(p, m, Provenance.byDefault("flat"));
        assertThat(flat.shareAtOrAbove(0.4075)).isCloseTo(0.5925, within(1e-12));
        assertThat(flat.meanScoreAtOrAbove(0.5)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void aSampleIsBanded() {
        double[] scores = new double[1_000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i < 800 ? 0.05 : 0.42;
        }
        ScoreDistribution d = ScoreDistribution.fromSample(scores, Defaults.scoreDistribution());
        assertThat(d.probability(5)).isCloseTo(0.8, within(1e-12));
        assertThat(d.probability(42)).isCloseTo(0.2, within(1e-12));
        assertThat(d.meanScore(42)).isCloseTo(0.42, within(1e-12));
        assertThat(d.shareAtOrAbove(0.10)).isCloseTo(0.2, within(1e-12));
        assertThat(d.provenance().count()).isEqualTo(1_000);
    }

    @Test
    void aSmallSampleKeepsTheDefault() {
        ScoreDistribution d = ScoreDistribution.fromSample(new double[] {0.2, 0.3}, Defaults.scoreDistribution());
        assertThat(d.provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(d.provenance().note()).contains("only 2 champion scores");
    }

    @Test
    void aThresholdCurveGivesBandSharesAndMeans() {
        ThresholdCurve curve = twoBandCurve();
        ScoreDistribution d = ScoreDistribution.fromThresholdCurve(curve);
        assertThat(d.probability(3)).isCloseTo(0.9, within(1e-12));
        assertThat(d.probability(40)).isCloseTo(0.1, within(1e-12));
        assertThat(d.meanScore(40)).isCloseTo(0.405, within(1e-12));
        ConversionByScore c = ConversionByScore.fromThresholdCurve(curve);
        assertThat(c.winProbability(40)).isCloseTo(0.405, within(1e-12));
        assertThat(c.winProbability(3)).isCloseTo(0.035, within(1e-12));
        // 54 observed converters against 31.5 + 40.5 = 72 expected.
        assertThat(c.observedToExpected()).isCloseTo(54.0 / 72, within(1e-12));
    }

    @Test
    void rejectsSharesThatDoNotSumToOne() {
        double[] p = new double[100];
        double[] m = new double[100];
        for (int b = 0; b < 100; b++) {
            m[b] = (b + 0.5) / 100;
        }
        p[0] = 0.5;
        assertThatThrownBy(() -> new ScoreDistribution(p, m, Provenance.byDefault("x")))
                .hasMessageContaining("they sum to 0.5, expected 1");
        assertThatThrownBy(() -> ScoreDistribution.fromSample(new double[] {1.2}, Defaults.scoreDistribution()))
                .hasMessageContaining("Invalid score: 1.2");
    }

    /** 900 leads at 0.035 and 100 at 0.405; 54 converted in all. */
    static ThresholdCurve twoBandCurve() {
        List<ThresholdCurve.Point> points = new ArrayList<>();
        for (int k = 0; k <= 100; k++) {
            double t = k / 100.0;
            int above = t <= 0.035 ? 1_000 : t <= 0.405 ? 100 : 0;
            double expected = t <= 0.035 ? 900 * 0.035 + 100 * 0.405 : t <= 0.405 ? 100 * 0.405 : 0;
            double precision = above == 0 ? Double.NaN : t <= 0.035 ? 54 / 1000.0 : 40 / 100.0;
            points.add(new ThresholdCurve.Point(t, above, above / 1000.0, precision, Double.NaN, expected));
        }
        return new ThresholdCurve(1_000, points);
    }
}

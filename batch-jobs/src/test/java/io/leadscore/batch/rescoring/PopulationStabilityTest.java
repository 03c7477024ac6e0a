package io.leadscore.batch.rescoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {

    /** The curve of leads whose scores are the given ones (the shares and counts the index reads). */
    private static ThresholdCurve curveOf(double... scores) {
        List<ThresholdCurve.Point> points = new ArrayList<>();
        for (int k = 0; k <= 100; k++) {
            double t = k / 100.0;
            int above = (int) Arrays.stream(scores).filter(s -> s >= t).count();
            points.add(new ThresholdCurve.Point(t, above, (double) above / scores.length, Double.NaN, Double.NaN, 0));
        }
        return new ThresholdCurve(scores.length, points);
    }

    private static double[] repeat(double score, int times) {
        double[] scores = new double[times];
        Arrays.fill(scores, score);
        return scores;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Young leads score high, old ones low; the window holds as many of each. */
    private final double[] young = concat(repeat(0.05, 50), repeat(0.4, 50));
    private final double[] old = concat(repeat(0.05, 90), repeat(0.4, 10));
    private final PopulationStability stability = PopulationStability.of(curveOf(concat(young, old)));

    private long[] counted(double[] scores) {
        long[] counts = new long[stability.bins()];
        for (double s : scores) {
            counts[stability.binOf(s)]++;
        }
        return counts;
    }

    @Test
    void aPopulationOfTheWindowsOwnMixIsStable() {
        assertThat(stability.index(counted(concat(young, old)))).isCloseTo(0, within(1e-12));
    }

    @Test
    void leadsThatOnlyGrewOldAreComparedWithTheOldLeadsOfTheWindow() {
        // given a store whose leads all grew old: scored as the window's old leads were
        long[] allOld = counted(concat(old, old));

        // against the whole window it reads as a shift; band by band it is none
        assertThat(stability.index(allOld)).isGreaterThan(0.2);
        assertThat(stability.index(new long[][] {new long[stability.bins()], allOld},
                List.of(curveOf(young), curveOf(old)))).isCloseTo(0, within(1e-12));
    }

    @Test
    void aShiftWithinAnAgeBandStillShows() {
        // old leads that now score like young ones did: the lead mix changed, not the leads' age
        long[] oldLikeYoung = counted(concat(young, young));

        assertThat(stability.index(new long[][] {new long[stability.bins()], oldLikeYoung},
                List.of(curveOf(young), curveOf(old)))).isGreaterThan(0.2);
    }

    @Test
    void theBandsMixInTheRunsProportionsAndABandTheWindowLackedIsComparedWithTheWhole() {
        long[] youngCounts = counted(young);
        long[] oldCounts = counted(concat(old, concat(old, old)));
        // one young lead in four: the mixture of the two bands in those proportions, exactly
        assertThat(stability.index(new long[][] {youngCounts, oldCounts}, List.of(curveOf(young), curveOf(old))))
                .isCloseTo(0, within(1e-12));
        // without a curve of its band, a band's leads are held to the whole window
        long[] window = counted(concat(young, old));
        assertThat(stability.index(new long[][] {window, new long[stability.bins()]},
                Arrays.asList(null, curveOf(old)))).isCloseTo(0, within(1e-12));
        assertThat(stability.index(new long[][] {new long[stability.bins()], new long[stability.bins()]},
                List.of(curveOf(young), curveOf(old)))).isZero();
        assertThatThrownBy(() -> stability.index(new long[][] {window}, List.of(curveOf(young), curveOf(old))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 bands counted, 2 band curves");
    }
}

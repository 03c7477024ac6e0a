package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void defaultsComeFromTheBuiltInSourcesWithMidpointRates() {
        Calibration c = Calibration.defaults();
        assertThat(c.rates().mqlToSal().mean()).isCloseTo(0.50, within(1e-12));
        assertThat(c.rates().salToSql().mean()).isCloseTo(0.60, within(1e-12));
        assertThat(c.rates().sqlToOpportunity().mean()).isCloseTo(0.60, within(1e-12));
        assertThat(c.rates().opportunityToWon().mean()).isCloseTo(0.225, within(1e-12));
        assertThat(c.responseDecay().tauHours()).isEqualTo(0.5);
        assertThat(c.responseDecay().k()).isEqualTo(0.72);
        assertThat(c.rates().inOrder()).allSatisfy(r -> assertThat(r.provenance().source()).isEqualTo(Source.DEFAULT));
        assertThat(c.openPipeline()).isEmpty();
    }

    @Test
    void observationsReplaceWhatTheySupportAndSayWhereEachPartCameFrom() {
        StoreObservations obs = StoreObservations.builder()
                .referenceThreshold(0.15)
                .stageCounts(new StageCounts(1_000, 480), new StageCounts(480, 300), new StageCounts(300, 170),
                        new StageCounts(12, 3))
                .wonAmounts(new double[] {1_000, 2_000})
                .weeklyLeadCounts(new int[] {400, 410, 395, 420, 405, 398, 402, 415})
                .openOpportunities(List.of(new OpenOpportunity(10, 5_000), OpenOpportunity.withoutAmount(40)))
                .build();
        Calibration c = Calibration.fromObservations(obs);
        assertThat(c.referenceThreshold()).isEqualTo(0.15);
        // MQL->SAL from counts (no delays given): Beta(481, 521).
        assertThat(c.rates().mqlToSal().alpha()).isEqualTo(481);
        assertThat(c.rates().mqlToSal().provenance().note()).contains("no delays given");
        assertThat(c.rates().salToSql().provenance().source()).isEqualTo(Source.STORE);
        assertThat(c.rates().salToSql().provenance().count()).isEqualTo(480);
        // 12 opportunities are too few: the default stays, with the reason.
        assertThat(c.rates().opportunityToWon().provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(c.rates().opportunityToWon().provenance().note()).contains("only 12 observed");
        assertThat(c.dealSize().provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(c.arrivals().observedLeadsPerWeek()).isCloseTo(405.625, within(1e-9));
        assertThat(c.openPipeline()).hasSize(2);
        assertThat(c.pipelineProvenance().count()).isEqualTo(2);
        assertThat(c.scores().provenance().source()).isEqualTo(Source.DEFAULT);
    }

    @Test
    void followUpsSetTheImmediateTouchAcceptance() {
        int n = 200;
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        for (int i = 0; i < n; i++) {
            delays[i] = 0;
            accepted[i] = i % 2 == 0;
        }
        Calibration c = Calibration.fromObservations(StoreObservations.builder().responses(delays, accepted).build());
        // Every touch immediate: m = 1, so Beta(100 + 1, 200 - 100 + 1).
        assertThat(c.rates().mqlToSal().alpha()).isEqualTo(101);
        assertThat(c.rates().mqlToSal().beta()).isCloseTo(101, within(1e-9));
        // All delays equal: tau and k cannot be estimated, so the default decay stays and says why.
        assertThat(c.responseDecay().provenance().source()).isEqualTo(Source.DEFAULT);
        assertThat(c.responseDecay().provenance().note()).contains("store fit not used");
    }

    @Test
    void rejectsAReferenceThresholdAboveEveryScore() {
        assertThatThrownBy(() -> Calibration.builder()
                .scores(ScoreDistribution.fromSample(new double[200], Defaults.scoreDistribution()))
                .referenceThreshold(0.5).build())
                .hasMessageContaining("no leads score at or above the reference threshold 0.5");
    }
}

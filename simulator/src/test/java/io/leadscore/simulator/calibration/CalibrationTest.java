package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.random.Streams;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void aHistoryWithAHandfulOfDealsRunsTheTextbookFunnelInsteadOfPathsMeasuredOnThem() {
        // five days of leads: of ~500, a few deals opened before the calibration time (deals open 0-70 days on)
        Calibration thin = Calibration.fromObservations(SyntheticHistory.observations(5, 3));

        assertThat(thin.paths().fromStore()).isFalse();
        assertThat(thin.paths().summary()).startsWith("only ").contains("deals in the store's last 365 days, at least "
                + Calibration.MIN_STAGE_COUNT + " needed to measure the paths: every deal through the hand-off");
        // a year of the same history measures them
        assertThat(Calibration.fromObservations(SyntheticHistory.observations(365, 3)).paths().fromStore()).isTrue();
    }

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
    void defaultRatesHoldAtTheHbrAverageFirstResponse() {
        // HBR 2011 (Oldroyd et al.): the responding firms' average first response was 42 hours.
        Calibration c = Calibration.defaults();
        assertThat(c.responseDecay().referenceHours()).isEqualTo(42);
        assertThat(c.rates().mqlToSal().provenance().note()).contains("42 h");
    }

    @Test
    void stageCountsWithoutDelaysHoldAtTheDefaultReference() {
        Calibration c = Calibration.fromObservations(StoreObservations.builder()
                .stageCounts(new StageCounts(1_000, 480), null, null, null).build());
        assertThat(c.responseDecay().referenceHours()).isEqualTo(Defaults.RESPONSE_REFERENCE_HOURS);
        assertThat(c.rates().mqlToSal().provenance().note())
                .contains("480 of 1000 MQLs accepted at historical response times")
                .contains("reference first touch 42 h");
    }

    @Test
    void fewFollowUpsKeepTheDefaultDecayAndSetTheReferenceToTheirEffectiveResponseTime() {
        // 200 follow-ups, every delay 0 or 12 h: tau and k cannot be estimated from two delays, so the default
        // decay stays and says why; the share accepted (100 of 200) holds between the two delays.
        int n = 200;
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        for (int i = 0; i < n; i++) {
            delays[i] = i < n / 2 ? 0 : 12;
            accepted[i] = i < n / 2 ? i % 4 != 0 : i % 4 == 0;
        }
        Calibration c = Calibration.fromObservations(StoreObservations.builder().responses(delays, accepted).build());
        assertThat(c.rates().mqlToSal().alpha()).isEqualTo(101);
        assertThat(c.rates().mqlToSal().beta()).isEqualTo(101);
        assertThat(c.rates().mqlToSal().provenance().source()).isEqualTo(Source.STORE);
        assertThat(c.responseDecay().tauHours()).isEqualTo(Defaults.RESPONSE_TAU_HOURS);
        assertThat(c.responseDecay().provenance().note()).contains("store fit not used").contains("effective response time");
        assertThat(c.responseDecay().referenceHours()).isStrictlyBetween(0.0, 12.0);
        // The calibrated curve reproduces the observed share at the reference.
        assertThat(c.responseDecay().acceptance(0.5, c.responseDecay().referenceHours())).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aFittedStoreCalibrationReproducesTheAcceptanceCurveItCameFrom() {
        // Truth: the default model, 50% acceptance at a 42 h first touch, tau 0.5 h, k 0.72 on the odds.
        // 6,000 follow-ups with delays log-uniform from 1 minute to 3 days. Whatever reference the store
        // calibration picks, its curve must give the true acceptance at other delays (within 0.05).
        ResponseDecay truth = Defaults.responseDecay();
        int n = 6_000;
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        long key = Streams.childKey(5, 1);
        double lo = Math.log(1.0 / 60);
        double hi = Math.log(72);
        for (int i = 0; i < n; i++) {
            delays[i] = Math.exp(lo + (hi - lo) * Streams.uniform(key, 2L * i));
            accepted[i] = Streams.uniform(key, 2L * i + 1) < truth.acceptance(0.5, delays[i]);
        }
        Calibration c = Calibration.fromObservations(StoreObservations.builder().responses(delays, accepted).build());
        ResponseDecay fitted = c.responseDecay();
        assertThat(fitted.provenance().source()).as(fitted.provenance().note()).isEqualTo(Source.STORE);
        double rate = c.rates().mqlToSal().mean();
        for (double t : new double[] {0.1, 1, 4, 24, 42, 72}) {
            assertThat(fitted.acceptance(rate, t)).as("acceptance at %s h", t).isCloseTo(truth.acceptance(0.5, t), within(0.05));
        }
    }

    @Test
    void rejectsAReferenceThresholdAboveEveryScore() {
        assertThatThrownBy(() -> Calibration.builder()
                .scores(ScoreDistribution.fromSample(new double[200], Defaults.scoreDistribution()))
                .referenceThreshold(0.5).build())
                .hasMessageContaining("no leads score at or above the reference threshold 0.5");
    }
}

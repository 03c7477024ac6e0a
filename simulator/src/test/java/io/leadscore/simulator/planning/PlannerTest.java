package io.leadscore.simulator.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.calibration.Calibration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlannerTest {

    private static final SimulationOptions OPTIONS = new SimulationOptions(200, 5, 2, 20);
    private static final Scenario SPARE = Scenario.builder().unlimitedCapacity().quota(300_000).leadsPerWeek(500).build();

    @Test
    void findsTheSmallestVolumeThatReachesTheConfidence() {
        // Unlimited capacity makes attainment monotone in volume under a fixed seed, so the answer brackets
        // the crossing: at the volume found the chance is at least 0.8, and 2% below it (twice the tolerance) it is not.
        PlanRow row = Planner.requiredVolume(SPARE, Calibration.defaults(), OPTIONS, 0.8, 0.01, 20, 0);
        assertThat(row.reachable()).isTrue();
        assertThat(row.pAttain()).isGreaterThanOrEqualTo(0.8);
        double below = Simulator.run(SPARE.withLeadsPerWeek(row.requiredLeadsPerWeek() * 0.98), Calibration.defaults(), OPTIONS).pAttain();
        assertThat(below).isLessThan(0.8);
        assertThat(row.requiredMqls()).isLessThan(row.requiredLeads());
        assertThat(row.requiredLeads()).isGreaterThan(row.requiredLeadsPerWeek() * 12);
    }

    @Test
    void theCoarseToFineSearchStillBracketsTheCrossingWithEveryTrial() {
        // 400 trials: the bracket is found with the first 100, then checked and narrowed with all 400.
        SimulationOptions options = new SimulationOptions(Planner.MIN_TRIALS_FOR_TWO_STAGES, 5, 2, 20);
        PlanRow row = Planner.requiredVolume(SPARE, Calibration.defaults(), options, 0.8, 0.01, 20, 0);
        assertThat(row.reachable()).isTrue();
        assertThat(row.pAttain()).isGreaterThanOrEqualTo(0.8);
        double below = Simulator.run(SPARE.withLeadsPerWeek(row.requiredLeadsPerWeek() * 0.98), Calibration.defaults(), options).pAttain();
        assertThat(below).isLessThan(0.8);
    }

    @Test
    void aFloodedTeamPastItsPeakIsReportedWithTheBestChance() {
        // One rep at five first touches a day: beyond a few hundred leads a week more volume only lengthens the queue.
        // At its best (about 50 leads a week) the rep closes a median of about 64,000 in the quarter, so a quota of
        // 60,000 is reached about half the time and never with 80% confidence.
        Scenario flooded = Scenario.builder().reps(1).firstTouchesPerRepPerDay(5).quota(60_000).threshold(0.05).leadsPerWeek(50).build();
        PlanRow row = Planner.requiredVolume(flooded, Calibration.defaults(),
                new SimulationOptions(Planner.MIN_TRIALS_FOR_TWO_STAGES, 5, 2, 20), 0.8, 0.01, 20, 0);
        assertThat(row.reachable()).isFalse();
        assertThat(row.note()).contains("rep capacity binds");
        assertThat(row.pAttain()).isLessThan(0.8);
    }

    @Test
    void theStartingGuessDoesNotChangeTheAnswer() {
        // the search ends on a fixed grid of volumes: whatever bracket led there, the same point of it
        for (SimulationOptions options : List.of(OPTIONS, new SimulationOptions(Planner.MIN_TRIALS_FOR_TWO_STAGES, 5, 2, 20))) {
            PlanRow fromLow = Planner.requiredVolume(SPARE, Calibration.defaults(), options, 0.8, 0.01, 50, 300);
            PlanRow fromHigh = Planner.requiredVolume(SPARE, Calibration.defaults(), options, 0.8, 0.01, 50, 2_000);
            PlanRow fromOwn = Planner.requiredVolume(SPARE, Calibration.defaults(), options, 0.8, 0.01, 50, 0);
            assertThat(fromHigh.requiredLeadsPerWeek()).isEqualTo(fromLow.requiredLeadsPerWeek())
                    .isEqualTo(fromOwn.requiredLeadsPerWeek());
            assertThat(fromHigh.pAttain()).isEqualTo(fromLow.pAttain());
        }
    }

    @Test
    void aCellAnswersTheSameAloneOrAfterItsNeighboursInASweep() {
        Scenario base = SPARE.toBuilder().threshold(0.1).build();
        PlanResult alone = Planner.plan(base, Calibration.defaults(), OPTIONS,
                new PlanRequest(0.8, List.of(0.1), List.of(24.0), 0.01, 20));
        PlanResult swept = Planner.plan(base, Calibration.defaults(), OPTIONS,
                new PlanRequest(0.8, List.of(0.2, 0.1, 0.1), List.of(24.0), 0.01, 20));

        assertThat(swept.rows().get(1).requiredLeadsPerWeek()).isEqualTo(alone.rows().get(0).requiredLeadsPerWeek())
                .isEqualTo(swept.rows().get(2).requiredLeadsPerWeek());
    }

    @Test
    void withoutRepsNoVolumeIsEnough() {
        PlanRow row = Planner.requiredVolume(SPARE.withCapacity(io.leadscore.simulator.RepCapacity.of(0, 10)),
                Calibration.defaults(), OPTIONS, 0.8, 0.01, 4, 0);
        assertThat(row.reachable()).isFalse();
        assertThat(row.pAttain()).isZero();
        assertThat(Double.isNaN(row.requiredLeads())).isTrue();
    }

    @Test
    void aZeroQuotaNeedsNoLeads() {
        PlanRow row = Planner.requiredVolume(SPARE.toBuilder().quota(0).build(), Calibration.defaults(), OPTIONS, 0.8, 0.01, 4, 0);
        assertThat(row.reachable()).isTrue();
        assertThat(row.requiredLeadsPerWeek()).isZero();
    }

    @Test
    void aSweepWritesOneJsonObjectPerCell() {
        PlanResult plan = Planner.plan(SPARE.toBuilder().quota(150_000).build(), Calibration.defaults(),
                new SimulationOptions(100, 5, 2, 20),
                PlanRequest.of(0.8, List.of(0.1, 0.2), List.of(4.0, 24.0)));
        JsonNode rows = JsonMapper.builder().build().readTree(plan.toJson());
        assertThat(rows).hasSize(4);
        JsonNode first = rows.get(0);
        assertThat(first.propertyNames()).contains("threshold", "sla_hours", "required_leads", "required_mqls", "p_attain");
        assertThat(first.get("threshold").asDouble()).isEqualTo(0.1);
        assertThat(first.get("sla_hours").asDouble()).isEqualTo(4.0);
        // A shorter SLA with spare capacity never needs more leads.
        assertThat(plan.rows().get(0).requiredLeadsPerWeek()).isLessThanOrEqualTo(plan.rows().get(1).requiredLeadsPerWeek() * 1.011);
        assertThat(plan.toTable()).contains("threshold").contains("SLA h")
                .startsWith("Leads needed to reach quota " + io.leadscore.simulator.text.Numbers.amount(plan.quota())
                        + " in " + plan.periodDays() + " days with ");
        assertThat(plan.quota()).isPositive();
    }

    @Test
    void rejectsAnEmptySweepOrImpossibleConfidence() {
        assertThatThrownBy(() -> PlanRequest.of(1.0, List.of(0.1), List.of(24.0))).hasMessageContaining("Invalid confidence: 1.0");
        assertThatThrownBy(() -> PlanRequest.of(0.8, List.of(), List.of(24.0))).hasMessageContaining("0 thresholds");
        assertThatThrownBy(() -> PlanRequest.of(0.8, List.of(1.2), List.of(24.0))).hasMessageContaining("Invalid threshold in sweep: 1.2");
    }
}

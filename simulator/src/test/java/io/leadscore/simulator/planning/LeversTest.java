package io.leadscore.simulator.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.calibration.Calibration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LeversTest {

    private static final SimulationOptions OPTIONS = new SimulationOptions(400, 11, 2, 20);

    @Test
    void aFloodedTeamGainsMostFromAnotherRepOrAHigherThreshold() {
        // One rep at five first touches a day cannot keep up with 175 MQLs a week: more leads only lengthen the
        // queue, while a rep or a stricter threshold shortens it.
        Scenario flooded = Scenario.builder().reps(1).firstTouchesPerRepPerDay(5).quota(60_000).build();
        LeverReport report = Levers.evaluate(flooded, Calibration.defaults(), OPTIONS, LeverSteps.defaults());
        assertThat(report.outcomes()).hasSize(6);
        assertThat(report.best()).isPresent();
        assertThat(report.best().get().lever()).isIn("one_more_rep", "threshold_up");
        LeverOutcome more = find(report, "more_leads");
        assertThat(more.delta()).isLessThanOrEqualTo(report.best().get().delta());
        // Sorted by gain.
        List<LeverOutcome> applicable = report.outcomes().stream().filter(LeverOutcome::applicable).toList();
        for (int i = 1; i < applicable.size(); i++) {
            assertThat(applicable.get(i).delta()).isLessThanOrEqualTo(applicable.get(i - 1).delta());
        }
    }

    @Test
    void withSpareCapacityMoreLeadsCannotHurtAndAnotherRepIsNotApplicable() {
        Scenario spare = Scenario.builder().unlimitedCapacity().build();
        LeverReport report = Levers.evaluate(spare, Calibration.defaults(), OPTIONS, LeverSteps.defaults());
        LeverOutcome more = find(report, "more_leads");
        assertThat(more.applicable()).isTrue();
        assertThat(more.delta()).isGreaterThanOrEqualTo(0);
        LeverOutcome rep = find(report, "one_more_rep");
        assertThat(rep.applicable()).isFalse();
        assertThat(rep.note()).contains("unlimited");
        assertThat(find(report, "sla_shorter").delta()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void jsonListsEveryLever() {
        LeverReport report = Levers.evaluate(Scenario.defaults(), Calibration.defaults(), new SimulationOptions(100, 3, 2, 20),
                LeverSteps.defaults());
        JsonNode json = JsonMapper.builder().build().readTree(report.toJson());
        assertThat(json.propertyNames()).contains("base", "best", "levers");
        assertThat(json.get("levers").valueStream().map(l -> l.get("lever").asString())).containsExactlyInAnyOrder(
                "threshold_up", "threshold_down", "sla_shorter", "sla_longer", "one_more_rep", "more_leads");
        assertThat(report.toTable()).contains("Levers: base chance of reaching quota");
    }

    private static LeverOutcome find(LeverReport report, String lever) {
        return report.outcomes().stream().filter(o -> o.lever().equals(lever)).findFirst().orElseThrow();
    }
}

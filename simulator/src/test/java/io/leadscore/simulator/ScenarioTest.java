package io.leadscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.scoring.policy.Policy;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void defaultsAreTheNamedConstantsAndTheDefaultPolicy() {
        Scenario s = Scenario.defaults();
        assertThat(s.quota()).isEqualTo(Scenario.DEFAULT_QUOTA);
        assertThat(s.periodDays()).isEqualTo(90);
        assertThat(s.policy()).isEqualTo(Policy.defaults());
        assertThat(s.capacity().reps()).isEqualTo(Scenario.DEFAULT_REPS);
        assertThat(s.workWeek()).isEqualTo(WorkWeek.officeHours());
    }

    @Test
    void aDateRangeSetsStartAndLengthInclusive() {
        Scenario s = Scenario.builder().period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31)).build();
        assertThat(s.start()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(s.periodDays()).isEqualTo(90);
    }

    @Nested
    class RejectsInvalidScenarios {

        @Test
        void negativeQuota() {
            assertThatThrownBy(() -> Scenario.builder().quota(-1).build()).hasMessageContaining("Invalid quota: -1.0");
        }

        @Test
        void emptyOrLongPeriod() {
            assertThatThrownBy(() -> Scenario.builder().periodDays(0).build()).hasMessageContaining("Invalid period: 0 days");
        }

        @Test
        void negativeVolume() {
            assertThatThrownBy(() -> Scenario.builder().leadsPerWeek(-5).build()).hasMessageContaining("Invalid leads per week: -5.0");
        }

        @Test
        void spreadOutsideZeroToOne() {
            assertThatThrownBy(() -> Scenario.builder().responseSpread(1.5).build()).hasMessageContaining("Invalid response spread: 1.5");
        }

        @Test
        void badCapacityOrHours() {
            assertThatThrownBy(() -> RepCapacity.of(-1, 10)).hasMessageContaining("Invalid reps: -1");
            assertThatThrownBy(() -> RepCapacity.of(2, 0)).hasMessageContaining("Invalid first touches per rep per day: 0.0");
            assertThatThrownBy(() -> new WorkWeek(WorkWeek.officeHours().days(), 18, 9)).hasMessageContaining("Invalid working hours: 18.0 to 9.0");
        }

        @Test
        void badOptions() {
            assertThatThrownBy(() -> new SimulationOptions(0, 1, 1, 20)).hasMessageContaining("Invalid trials: 0");
            assertThatThrownBy(() -> new SimulationOptions(10, 1, 0, 20)).hasMessageContaining("Invalid threads: 0");
        }
    }
}

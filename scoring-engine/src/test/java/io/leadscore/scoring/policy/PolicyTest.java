package io.leadscore.scoring.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void defaultsAreValid() {
        Policy policy = Policy.defaults();
        assertThat(policy.mqlThreshold()).isEqualTo(0.10);
        assertThat(policy.slaHours()).isEqualTo(24);
        assertThat(policy.withMqlThreshold(0.2).mqlThreshold()).isEqualTo(0.2);
    }

    @Test
    void rejectsEachBadValueByName() {
        Policy p = Policy.defaults();
        assertThatThrownBy(() -> p.withMqlThreshold(1.0)).hasMessageStartingWith("Invalid MQL threshold: 1.0");
        assertThatThrownBy(() -> p.withMqlThreshold(Double.NaN)).hasMessageStartingWith("Invalid MQL threshold: NaN");
        assertThatThrownBy(() -> p.withSlaHours(0)).hasMessageStartingWith("Invalid SLA hours: 0.0");
        assertThatThrownBy(() -> p.withRecycleAfterDays(0)).hasMessageStartingWith("Invalid recycle-after days: 0");
        assertThatThrownBy(() -> p.withLabelHorizonDays(0)).hasMessageStartingWith("Invalid label horizon days: 0");
        assertThatThrownBy(() -> p.withEngagementHalfLifeDays(-1)).hasMessageStartingWith("Invalid engagement half-life days: -1.0");
    }

    @Test
    void anMqlMustBreachTheSlaBeforeItIsRecycled() {
        assertThatThrownBy(() -> new Policy(0.1, 72, 2, 180, 14))
                .hasMessageContaining("2 days is shorter than the SLA of 72.0 hours");
    }
}

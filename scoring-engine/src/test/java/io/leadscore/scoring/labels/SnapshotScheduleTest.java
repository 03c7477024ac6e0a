package io.leadscore.scoring.labels;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotScheduleTest {
    private static final long DAY = 86_400_000L;

    @Test
    void theDefaultLooksAtALeadOftenInItsFirstWeeksThenEveryQuarter() {
        SnapshotSchedule schedule = SnapshotSchedule.defaults();

        assertThat(schedule.ageMillis(0)).isZero();
        assertThat(schedule.ageMillis(1)).isEqualTo(DAY);
        assertThat(schedule.ageMillis(9)).isEqualTo(365 * DAY);
        assertThat(schedule.ageMillis(10)).isEqualTo(456 * DAY);
        assertThat(schedule.ageMillis(12)).isEqualTo(638 * DAY);
        assertThat(schedule.describe()).isEqualTo("0h,1d,3d,7d,14d,30d,60d,90d,180d,365d, then every 91d");
    }

    @Test
    void readsHoursAndDays() {
        SnapshotSchedule schedule = SnapshotSchedule.parse(" 12h, 2D ,30d", "30d");

        assertThat(schedule.ages()).containsExactly(Duration.ofHours(12), Duration.ofDays(2), Duration.ofDays(30));
        assertThat(schedule.ageMillis(3)).isEqualTo(60 * DAY);
        assertThat(SnapshotSchedule.parse(schedule.describe().split(", then every ")[0], "30d")).isEqualTo(schedule);
    }

    @Nested
    class Refuses {
        @Test
        void agesThatAreNotAges() {
            assertThatThrownBy(() -> SnapshotSchedule.parse("0h,1w", "91d"))
                    .hasMessageContaining("Invalid snapshot age: '1w'");
            assertThatThrownBy(() -> SnapshotSchedule.age("-1d")).hasMessageContaining("'-1d'");
        }

        @Test
        void agesOutOfOrderOrNone() {
            assertThatThrownBy(() -> SnapshotSchedule.parse("0h,7d,3d", "91d"))
                    .hasMessageContaining("3d after 7d, expected strictly increasing ages");
            assertThatThrownBy(() -> new SnapshotSchedule(List.of(), Duration.ofDays(1)))
                    .hasMessageContaining("no ages");
        }

        @Test
        void aStepShorterThanADay() {
            assertThatThrownBy(() -> SnapshotSchedule.parse("0h", "12h")).hasMessageContaining("Invalid snapshot step: 12h");
        }
    }
}

package io.leadscore.app.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScheduleSettingsTest {
    @Test
    void defaultsToNightlyRescoringAndAnHourlySlaCheckInTheServersZone() {
        ScheduleSettings s = new ScheduleSettings(null, " ", null);

        assertThat(s.cron(JobKind.RESCORING)).isEqualTo("0 0 2 * * *");
        assertThat(s.cron(JobKind.SLA_CHECK)).isEqualTo("0 0 * * * *");
        assertThat(s.zoneId()).isEqualTo(ZoneId.systemDefault());
    }

    @Test
    void aDashSwitchesAScheduleOff() {
        ScheduleSettings s = new ScheduleSettings("-", "0 */15 * * * *", "Europe/Berlin");

        assertThat(s.cron(JobKind.RESCORING)).isNull();
        assertThat(s.cron(JobKind.SLA_CHECK)).isEqualTo("0 */15 * * * *");
        assertThat(s.zoneId()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Nested
    class Refuses {
        @Test
        void aCronExpressionWithFiveFields() {
            assertThatThrownBy(() -> new ScheduleSettings("0 2 * * *", null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leadscore.schedule.rescore").hasMessageContaining("six fields");
        }

        @Test
        void anUnknownTimeZone() {
            assertThatThrownBy(() -> new ScheduleSettings(null, null, "Mars/Olympus"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus");
        }
    }
}

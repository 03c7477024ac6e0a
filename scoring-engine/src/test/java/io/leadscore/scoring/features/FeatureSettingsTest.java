package io.leadscore.scoring.features;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeatureSettingsTest {
    private final FeatureSettings settings = new FeatureSettings(10.5, 7,
            Map.of("employees_log1p", 4.605170185988092, "custom:score", -0.1 / 3));

    @Test
    void roundTripsThroughKeyValueStringsExactly() {
        Map<String, String> map = settings.toMap();

        assertThat(map).containsEntry("feature_settings_version", "1")
                .containsEntry("engagement.half_life_days", "10.5")
                .containsEntry("engagement.window_days", "7")
                .containsKey("impute.custom:score");
        assertThat(FeatureSettings.fromMap(map)).isEqualTo(settings);
    }

    @Test
    void buildsStatesWithItsHalfLifeAndWindow() {
        EngagementState state = settings.newState(Instant.parse("2026-03-01T00:00:00Z"));

        assertThat(state.halfLifeDays()).isEqualTo(10.5);
        assertThat(state.windowDays()).isEqualTo(7);
        assertThat(settings.fits(state)).isTrue();
        assertThat(settings.fits(EngagementState.empty(10.5, 6, state.asOf()))).isFalse();
    }

    @Nested
    class Refuses {
        private Map<String, String> mapWith(String key, String value) {
            Map<String, String> map = new HashMap<>(settings.toMap());
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
            return map;
        }

        @Test
        void anotherVersion() {
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("feature_settings_version", "2")))
                    .hasMessage("Unsupported feature settings version 2, this release reads version 1");
        }

        @Test
        void unknownOrMissingKeys() {
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("engagement.decay_shape", "x")))
                    .hasMessageContaining("Unknown feature settings [engagement.decay_shape]");
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("engagement.window_days", null)))
                    .hasMessage("Missing feature setting engagement.window_days");
        }

        @Test
        void badValues() {
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("engagement.half_life_days", "NaN")))
                    .hasMessageContaining("Invalid feature setting engagement.half_life_days: 'NaN'");
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("engagement.window_days", "7.5")))
                    .hasMessageContaining("expected an integer");
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("engagement.window_days", "40")))
                    .hasMessageContaining("Invalid window: 40 days");
            assertThatThrownBy(() -> FeatureSettings.fromMap(mapWith("impute.employees_log1p", "")))
                    .hasMessageContaining("impute.employees_log1p");
            assertThatThrownBy(() -> new FeatureSettings(14, 7, Map.of("x", Double.POSITIVE_INFINITY)))
                    .hasMessageContaining("Invalid imputation of x: Infinity");
        }
    }
}

package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextBarsTest {
    @Test
    void aValueThereIsNoneOfGetsAnEmptyBarAndItsOwnWordsWhileTheOthersKeepTheirScale() {
        String chart = TextBars.chart(List.of("0–1 d", "7–30 d", "30–90 d"), List.of(0.8, Double.NaN, 0.4),
                v -> Double.isNaN(v) ? "no AUC (one outcome only)" : String.valueOf(v), List.of(" AUC", "", " AUC"), 10);

        assertThat(chart.lines().toList()).containsExactly(
                "  0–1 d   |██████████| 0.8   AUC",
                "  7–30 d  |          | no AUC (one outcome only)",
                "  30–90 d |█████     | 0.4   AUC");
    }
}

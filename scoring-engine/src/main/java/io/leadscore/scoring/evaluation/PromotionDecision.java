package io.leadscore.scoring.evaluation;

import java.util.Objects;

/**
 * @param promoted whether the challenger becomes the champion
 * @param mode     the mode the decision was taken in
 * @param reason   one plain sentence for the model registry and the console
 */
public record PromotionDecision(boolean promoted, PromotionMode mode, String reason) {
    public PromotionDecision {
        Objects.requireNonNull(mode, "mode");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A promotion decision needs a reason");
        }
    }
}

package io.leadscore.scoring.stages;

import io.leadscore.scoring.domain.Stage;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a lead stands in the funnel, as the stage rules need it: its stage and
 * when it entered it. A lead the store has not seen yet has neither
 * ({@link #none()}).
 *
 * @param stage     the current stage, or {@code null} before the lead arrived
 * @param enteredAt when it entered that stage, or {@code null} before the lead arrived
 */
public record LeadStage(Stage stage, Instant enteredAt) {
    private static final LeadStage NONE = new LeadStage(null, null);

    public LeadStage {
        if ((stage == null) != (enteredAt == null)) {
            throw new IllegalArgumentException("Invalid lead stage: stage " + stage + " entered at " + enteredAt
                    + ", expected both or neither");
        }
    }

    public static LeadStage at(Stage stage, Instant enteredAt) {
        return new LeadStage(Objects.requireNonNull(stage, "stage"), Objects.requireNonNull(enteredAt, "enteredAt"));
    }

    /** A lead not in the funnel yet. */
    public static LeadStage none() {
        return NONE;
    }

    /** The stage after a move. */
    public LeadStage after(Transition move) {
        return new LeadStage(move.to(), move.at());
    }
}

package io.leadscore.batch.webhooks;

import io.leadscore.scoring.domain.Stage;
import java.time.Instant;
import java.util.Objects;

/**
 * An event to put in the outbox, as its writer knows it; the outbox adds what the store knows (the lead's id in the
 * export, its current score, its MQL time) when it fixes the body.
 *
 * @param leadId     the lead's store id
 * @param occurredAt when it happened (the move's time, the SLA point reached)
 * @param stage      the lead's stage after it
 * @param fromStage  the stage before it, or {@code null} when the stage did not change
 * @param mqlAt      the MQL episode it belongs to when the writer knows it, else {@code null}
 * @param why        the recorded reason (a move's reason, or the score's reasons), or {@code null}
 */
public record OutboxEvent(WebhookEventType type, long leadId, Instant occurredAt, Stage stage, Stage fromStage,
                          Instant mqlAt, String why) {
    public OutboxEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(stage, "stage");
    }
}

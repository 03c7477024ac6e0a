package io.leadscore.scoring.domain;

import java.time.Instant;
import java.util.Objects;

/** One engagement event of a lead; {@code detail} (page, asset) may be {@code null}. */
public record Activity(String leadId, Instant occurredAt, ActivityType type, String detail) {
    public Activity {
        Lead.requireId("leadId", leadId);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
    }
}

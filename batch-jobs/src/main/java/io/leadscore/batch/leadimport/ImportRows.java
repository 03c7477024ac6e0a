package io.leadscore.batch.leadimport;

import io.leadscore.batch.store.CustomAttributes;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Lead;
import java.math.BigDecimal;
import java.time.Instant;

/** The validated rows of the four files, with the line each came from. */
final class ImportRows {
    private ImportRows() {
    }

    /** @param attributes the lead's custom attributes as stored ({@link CustomAttributes#encode}), encoded once */
    record LeadRow(long line, Lead lead, String attributes) {
        LeadRow(long line, Lead lead) {
            this(line, lead, CustomAttributes.encode(lead.customAttributes()));
        }
    }

    record ActivityRow(long line, long leadId, Instant occurredAt, ActivityType type, String detail) {
    }

    record DealRow(long line, String dealKey, long leadId, Instant createdAt, DealStatus status, Instant closedAt,
                   BigDecimal amount, String lostReason) {
    }

    record FollowUpRow(long line, long leadId, Instant occurredAt, String rep, FollowUpChannel channel,
                       FollowUpOutcome outcome, String reason) {
    }
}

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
    /**
     * @param kept the columns of {@link LeadWriter#UPDATED} the row does not carry, one bit each by position: a
     *             file without the column keeps a stored lead's value of it (0: the row is the whole lead)
     */
    record LeadRow(long line, Lead lead, String attributes, int kept) {
        LeadRow(long line, Lead lead) {
            this(line, lead, 0);
        }

        LeadRow(long line, Lead lead, int kept) {
            this(line, lead, CustomAttributes.encode(lead.customAttributes()), kept);
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

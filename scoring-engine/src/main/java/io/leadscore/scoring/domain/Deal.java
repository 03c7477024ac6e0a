package io.leadscore.scoring.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An opportunity opened from a lead and, once closed, its outcome.
 * {@code closedAt} is present exactly when the deal is won or lost.
 */
public record Deal(
        String dealId,
        String leadId,
        Instant createdAt,
        DealStatus status,
        Instant closedAt,
        BigDecimal amount,
        String lostReason) {

    public Deal {
        Lead.requireId("dealId", dealId);
        Lead.requireId("leadId", leadId);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("Invalid amount: " + amount + ", expected a number >= 0");
        }
        if (status.isClosed() && closedAt == null) {
            throw new IllegalArgumentException("Missing closedAt for a " + status.wireName() + " deal");
        }
        if (closedAt != null && closedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException(
                    "Invalid closedAt: " + closedAt + " is before createdAt " + createdAt);
        }
    }

    public boolean isWon() {
        return status == DealStatus.WON;
    }
}

package io.leadscore.batch.funnelreport;

import java.time.Instant;
import java.util.Objects;

/**
 * The leads a funnel report covers, and the time it is taken at.
 *
 * @param from  leads created at or after this instant; {@code null}: no lower bound
 * @param to    leads created before this instant; {@code null}: no upper bound
 * @param asOf  the report counts leads created by this time and what happened to them by it
 */
public record Cohort(Instant from, Instant to, Instant asOf) {
    public Cohort {
        Objects.requireNonNull(asOf, "asOf");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("Invalid cohort: from " + from + " is not before to " + to);
        }
    }
}

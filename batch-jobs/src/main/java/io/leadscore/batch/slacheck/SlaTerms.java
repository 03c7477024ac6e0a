package io.leadscore.batch.slacheck;

import io.leadscore.scoring.policy.Policy;
import java.time.Duration;
import java.time.Instant;

/**
 * The SLA terms one check run applies, taken from the policy in force when the
 * run started and kept for its restarts.
 *
 * @param policyVersion    the policy version they come from
 * @param slaHours         longest time from MQL to first follow-up, &gt; 0
 * @param recycleAfterDays days after which an MQL never followed up is recycled to nurture, &ge; 1
 */
public record SlaTerms(int policyVersion, double slaHours, int recycleAfterDays) {
    private static final double NANOS_PER_HOUR = 3_600e9;

    public SlaTerms {
        if (policyVersion < 1) {
            throw new IllegalArgumentException("Invalid policy version: " + policyVersion + ", expected 1 or more");
        }
        if (!(slaHours > 0) || slaHours * NANOS_PER_HOUR > Long.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid SLA hours: " + slaHours + ", expected a positive number of hours");
        }
        if (recycleAfterDays < 1) {
            throw new IllegalArgumentException("Invalid recycle-after days: " + recycleAfterDays + ", expected at least 1");
        }
    }

    /** The latest time a first follow-up still meets the SLA: a follow-up exactly at it does. */
    public Instant dueAt(Instant mqlAt) {
        return dueAt(mqlAt, slaHours);
    }

    /** {@link #dueAt(Instant)} for an SLA of {@code slaHours}: the policy's rule, {@link Policy#slaDueAt(Instant, double)}. */
    public static Instant dueAt(Instant mqlAt, double slaHours) {
        return Policy.slaDueAt(mqlAt, slaHours);
    }

    /** From this time on an MQL never followed up is recycled: the policy's rule, {@link Policy#recycleAt(Instant, int)}. */
    public Instant recycleAt(Instant mqlAt) {
        return Policy.recycleAt(mqlAt, recycleAfterDays);
    }

    /** The latest MQL time that is due for recycling at {@code asOf}. */
    Instant recyclableMqlAtOrBefore(Instant asOf) {
        return asOf.minus(Duration.ofDays(recycleAfterDays));
    }
}

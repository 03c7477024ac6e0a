package io.leadscore.batch.store;

import io.leadscore.scoring.policy.Policy;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of the policy as the store keeps it: the policy itself and who
 * changed it, when and why.
 *
 * @param version   the policy version; the highest is the one in force
 * @param policy    the threshold, SLA and recycling rules
 * @param createdAt when this version was written
 * @param createdBy who wrote it
 * @param note      why, or {@code null}
 */
public record StoredPolicy(int version, Policy policy, Instant createdAt, String createdBy, String note) {
    public StoredPolicy {
        if (version < 1) {
            throw new IllegalArgumentException("Invalid policy version: " + version + ", expected 1 or more");
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
    }
}

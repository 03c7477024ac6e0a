package io.leadscore.app.web.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.batch.store.StoredPolicy;
import io.leadscore.scoring.policy.Policy;
import java.time.Instant;

/**
 * One version of the policy and its audit record.
 *
 * @param version   the highest is in force
 * @param createdBy who wrote it ({@code web:name} from the console or the API)
 * @param note      why
 */
record PolicyVersion(int version,
                     @JsonProperty("mql_threshold") double mqlThreshold,
                     @JsonProperty("sla_hours") double slaHours,
                     @JsonProperty("recycle_after_days") int recycleAfterDays,
                     @JsonProperty("label_horizon_days") int labelHorizonDays,
                     @JsonProperty("engagement_half_life_days") double engagementHalfLifeDays,
                     @JsonProperty("created_at") Instant createdAt,
                     @JsonProperty("created_by") String createdBy,
                     String note) {

    static PolicyVersion of(StoredPolicy s) {
        Policy p = s.policy();
        return new PolicyVersion(s.version(), p.mqlThreshold(), p.slaHours(), p.recycleAfterDays(), p.labelHorizonDays(),
                p.engagementHalfLifeDays(), s.createdAt(), s.createdBy(), s.note());
    }
}

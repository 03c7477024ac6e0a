package io.leadscore.app.web.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change to the policy: the values to change (the others stay) and why.
 *
 * @param note why the policy changes; required, kept with the new version
 */
record PolicyChange(@JsonProperty("mql_threshold") Double mqlThreshold,
                    @JsonProperty("sla_hours") Double slaHours,
                    @JsonProperty("recycle_after_days") Integer recycleAfterDays,
                    @JsonProperty("label_horizon_days") Integer labelHorizonDays,
                    @JsonProperty("engagement_half_life_days") Double engagementHalfLifeDays,
                    @JsonProperty("note") String note) {
}

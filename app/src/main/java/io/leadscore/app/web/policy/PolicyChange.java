package io.leadscore.app.web.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change to the policy: the values to change (the others stay) and why. A key it does not take
 * ({@code "slaHours"}, {@code "SLA_HOURS"}) is refused by name: ignored, the change it meant would not be made.
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

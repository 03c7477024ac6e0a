package io.leadscore.simulator.planning;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The planner's JSON documents (docs/cli.md): the cells of a plan (a JSON
 * list of {@link Cell}) and the levers ({@link Levers}). Requirements of an
 * unreachable cell and figures of a lever that does not apply are
 * {@code null}.
 */
public final class PlanJson {

    private PlanJson() {
    }

    /** One threshold × SLA cell of {@code plan --format json}. */
    public record Cell(double threshold,
                       @JsonProperty("sla_hours") double slaHours,
                       @JsonProperty("required_leads") Double requiredLeads,
                       @JsonProperty("required_mqls") Double requiredMqls,
                       @JsonProperty("p_attain") double pAttain,
                       @JsonProperty("required_leads_per_week") Double requiredLeadsPerWeek,
                       boolean reachable,
                       double confidence,
                       int trials,
                       @JsonProperty("p_attain_standard_error") Double pAttainStandardError,
                       String note) {
    }

    /** {@code {"trials", "seed", "base": {...}, "best": name|null, "levers": [...]}}. */
    public record Levers(int trials, long seed, Base base, String best, List<Lever> levers) {
        public Levers {
            levers = List.copyOf(levers);
        }
    }

    /** The base scenario's chance of reaching quota and mean revenue. */
    public record Base(@JsonProperty("p_attain") double pAttain,
                       @JsonProperty("mean_revenue") double meanRevenue) {
    }

    /** One lever: the change it makes and what it does to the chance of reaching quota. */
    public record Lever(String lever,
                        String change,
                        boolean applicable,
                        @JsonProperty("p_attain") Double pAttain,
                        Double delta,
                        @JsonProperty("delta_standard_error") Double deltaStandardError,
                        @JsonProperty("mean_revenue") Double meanRevenue,
                        String note) {
    }
}

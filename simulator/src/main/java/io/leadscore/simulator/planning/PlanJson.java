package io.leadscore.simulator.planning;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

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
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cell(double threshold, double slaHours, Double requiredLeads, Double requiredMqls, double pAttain,
                       Double requiredLeadsPerWeek, boolean reachable, double confidence, int trials,
                       Double pAttainStandardError, String note) {
    }

    /** {@code {"trials", "seed", "base": {...}, "best": name|null, "levers": [...]}}. */
    public record Levers(int trials, long seed, Base base, String best, List<Lever> levers) {
        public Levers {
            levers = List.copyOf(levers);
        }
    }

    /** The base scenario's chance of reaching quota and mean revenue. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Base(double pAttain, double meanRevenue) {
    }

    /** One lever: the change it makes and what it does to the chance of reaching quota. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Lever(String lever, String change, boolean applicable, Double pAttain, Double delta,
                        Double deltaStandardError, Double meanRevenue, String note) {
    }
}

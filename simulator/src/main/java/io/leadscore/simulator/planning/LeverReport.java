package io.leadscore.simulator.planning;

import io.leadscore.simulator.text.Json;
import io.leadscore.simulator.text.Numbers;
import io.leadscore.simulator.text.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The base chance of reaching quota and the levers, applicable ones first,
 * ordered by how much they raise it.
 *
 * @param basePAttain     the base scenario's chance of reaching quota
 * @param baseMeanRevenue the base scenario's mean revenue
 * @param trials          trials per simulation
 * @param seed            the seed shared by every simulation
 * @param outcomes        the levers
 */
public record LeverReport(double basePAttain, double baseMeanRevenue, int trials, long seed, List<LeverOutcome> outcomes) {

    public LeverReport {
        outcomes = List.copyOf(outcomes);
    }

    /** The applicable lever that raises the chance most, if any raises it at all. */
    public Optional<LeverOutcome> best() {
        return outcomes.stream().filter(LeverOutcome::applicable).filter(o -> o.delta() > 0).findFirst();
    }

    /** {@code {"base": {...}, "best": name|null, "levers": [...]}} with the figures of every lever. */
    public String toJson() {
        return Json.write(json());
    }

    /** The document of {@link #toJson()} as a record. */
    public PlanJson.Levers json() {
        return new PlanJson.Levers(trials, seed, new PlanJson.Base(basePAttain, baseMeanRevenue),
                best().map(LeverOutcome::lever).orElse(null), outcomes.stream()
                .map(o -> new PlanJson.Lever(o.lever(), o.change(), o.applicable(), Json.orNull(o.pAttain()),
                        Json.orNull(o.delta()), Json.orNull(o.deltaStandardError()), Json.orNull(o.meanRevenue()),
                        o.note())).toList());
    }

    /** The levers as a terminal table, best first. */
    public String toTable() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Levers: base chance of reaching quota %s, mean revenue %s (%,d trials, same random numbers for every lever)%n",
                Numbers.percent(basePAttain), Numbers.amount(baseMeanRevenue), trials));
        TextTable table = new TextTable("lever", "change", "p_attain", "delta", "+/-", "mean revenue").align("llrrrr");
        for (LeverOutcome o : outcomes) {
            if (o.applicable()) {
                table.row(o.lever(), o.change(), Numbers.percent(o.pAttain()),
                        String.format(Locale.ROOT, "%+.1f pts", 100 * o.delta()),
                        Double.isNaN(o.deltaStandardError()) ? "" : Numbers.fixed(100 * o.deltaStandardError(), 1),
                        Numbers.amount(o.meanRevenue()));
            } else {
                table.row(o.lever(), o.change(), "-", "-", "", o.note());
            }
        }
        out.append(table.render());
        best().ifPresentOrElse(
                b -> out.append("Largest gain: ").append(b.lever()).append(" (").append(b.change()).append(")\n"),
                () -> out.append("No single change raises the chance of reaching quota.\n"));
        return out.toString();
    }
}

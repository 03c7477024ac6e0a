package io.leadscore.simulator.planning;

import io.leadscore.simulator.text.Json;
import io.leadscore.simulator.text.Numbers;
import io.leadscore.simulator.text.TextTable;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a plan, one per threshold × SLA, in sweep order (thresholds
 * outer, SLAs inner).
 *
 * @param confidence the confidence that was asked for
 * @param trials     trials per simulation
 * @param seed       the seed shared by every simulation (common random numbers)
 * @param rows       the cells
 * @param quota      the quota every cell is planned for
 * @param periodDays the period it is to be reached in
 */
public record PlanResult(double confidence, int trials, long seed, List<PlanRow> rows, double quota, int periodDays) {

    public PlanResult {
        rows = List.copyOf(rows);
    }

    /**
     * The JSON list of {@code plan --format json}: one object per cell with
     * {@code threshold}, {@code sla_hours}, {@code required_leads},
     * {@code required_mqls}, {@code p_attain}, plus {@code required_leads_per_week},
     * {@code reachable}, {@code confidence}, {@code trials},
     * {@code p_attain_standard_error} and {@code note}. Unreachable cells have
     * {@code null} requirements.
     */
    public String toJson() {
        return Json.write(json());
    }

    /** The cells of {@link #toJson()} as records. */
    public List<PlanJson.Cell> json() {
        return rows.stream().map(r -> new PlanJson.Cell(r.threshold(), r.slaHours(), Json.orNull(r.requiredLeads()),
                Json.orNull(r.requiredMqls()), r.pAttain(), Json.orNull(r.requiredLeadsPerWeek()), r.reachable(),
                confidence, trials, Json.orNull(r.pAttainStandardError()), r.note())).toList();
    }

    /** The plan as a terminal table. */
    public String toTable() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Leads needed to reach quota %s in %d days with %s confidence (%,d trials per point, seed %d)%n",
                Numbers.amount(quota), periodDays,
                Numbers.percent(confidence), trials, seed));
        TextTable table = new TextTable("threshold", "SLA h", "leads/week", "leads", "MQLs", "p_attain", "note")
                .align("rrrrrrl");
        for (PlanRow r : rows) {
            table.row(Numbers.threshold(r.threshold()), Numbers.fixed(r.slaHours(), r.slaHours() % 1 == 0 ? 0 : 1),
                    r.reachable() ? Numbers.count(r.requiredLeadsPerWeek()) : "-",
                    r.reachable() ? Numbers.count(r.requiredLeads()) : "-",
                    r.reachable() ? Numbers.count(r.requiredMqls()) : "-",
                    Numbers.percent(r.pAttain()), r.reachable() ? "" : r.note());
        }
        out.append(table.render());
        return out.toString();
    }
}

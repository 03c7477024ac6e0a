package io.leadscore.simulator.planning;

import java.util.Objects;

/**
 * One cell of a plan: for a threshold and SLA, the smallest lead volume found
 * to reach quota with the requested confidence.
 *
 * @param threshold               the MQL threshold
 * @param slaHours                the SLA
 * @param reachable               whether the confidence was reached within the search limits
 * @param requiredLeadsPerWeek    the weekly volume found; NaN when unreachable
 * @param requiredLeads           expected leads in the period at that volume; NaN when unreachable
 * @param requiredMqls            expected MQLs in the period at that volume; NaN when unreachable
 * @param pAttain                 chance of reaching quota at that volume (when unreachable: the best seen)
 * @param pAttainStandardError    its Monte Carlo standard error (NaN for one trial)
 * @param evaluations             simulations run for this cell
 * @param note                    how the search ended
 */
public record PlanRow(double threshold, double slaHours, boolean reachable, double requiredLeadsPerWeek,
                      double requiredLeads, double requiredMqls, double pAttain, double pAttainStandardError,
                      int evaluations, String note) {

    public PlanRow {
        Objects.requireNonNull(note, "note");
    }
}

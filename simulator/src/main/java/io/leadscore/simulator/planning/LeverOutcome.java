package io.leadscore.simulator.planning;

import java.util.Objects;

/**
 * One lever tried against the base scenario with the same random numbers.
 *
 * @param lever              its name: threshold_up, threshold_down, sla_shorter, sla_longer, one_more_rep, more_leads
 * @param change             what changed, in words ("threshold 0.10 -> 0.12")
 * @param applicable         false when the change is impossible here (then the figures are NaN)
 * @param pAttain            chance of reaching quota with the change
 * @param delta              pAttain minus the base's
 * @param deltaStandardError standard error of the paired difference over trials (NaN for one trial)
 * @param meanRevenue        mean revenue with the change
 * @param note               why not applicable, or empty
 */
public record LeverOutcome(String lever, String change, boolean applicable, double pAttain, double delta,
                           double deltaStandardError, double meanRevenue, String note) {

    public LeverOutcome {
        Objects.requireNonNull(lever, "lever");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(note, "note");
    }
}

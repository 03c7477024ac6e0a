package io.leadscore.scoring.labels;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.Lead;

import java.util.List;
import java.util.Objects;

/**
 * A lead with everything recorded about it: its activities (in any order) and its deals. What is known
 * at a given time is decided by whoever reads it ({@link LabelRule}, the training set builder), not here.
 */
public record LeadHistory(Lead lead, List<Activity> activities, List<Deal> deals) {
    public LeadHistory {
        Objects.requireNonNull(lead, "lead");
        activities = activities == null ? List.of() : List.copyOf(activities);
        deals = deals == null ? List.of() : List.copyOf(deals);
        for (Activity a : activities) {
            if (!a.leadId().equals(lead.leadId())) {
                throw new IllegalArgumentException("Activity of lead " + a.leadId() + " in the history of lead " + lead.leadId());
            }
        }
        for (Deal d : deals) {
            if (!d.leadId().equals(lead.leadId())) {
                throw new IllegalArgumentException("Deal " + d.dealId() + " of lead " + d.leadId()
                        + " in the history of lead " + lead.leadId());
            }
        }
    }
}

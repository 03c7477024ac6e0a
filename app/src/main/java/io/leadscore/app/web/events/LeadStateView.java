package io.leadscore.app.web.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.batch.liveevents.LiveEvents;
import java.time.Instant;
import java.util.List;

/**
 * A lead's state after a live request, as the contract's answers write it (events.md): its score and grade
 * ({@code null} before it was scored), its stage, its MQL time and SLA due time ({@code null} unless an MQL), and
 * the reasons of its score.
 */
public record LeadStateView(@JsonProperty("lead_id") String leadId,
                            Double score,
                            String grade,
                            String stage,
                            @JsonProperty("mql_at") Instant mqlAt,
                            @JsonProperty("due_at") Instant dueAt,
                            List<String> reasons) {

    public LeadStateView {
        reasons = List.copyOf(reasons);
    }

    public static LeadStateView of(LiveEvents.LeadState lead) {
        return new LeadStateView(lead.leadId(), lead.score(), lead.grade() == null ? null : lead.grade().name(),
                lead.stage().name(), lead.mqlAt(), lead.dueAt(), lead.reasons());
    }
}

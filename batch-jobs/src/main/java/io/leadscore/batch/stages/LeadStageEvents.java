package io.leadscore.batch.stages;

import io.leadscore.scoring.stages.StageEvent;
import java.util.List;

/** The stage events of one lead, in time order. */
public record LeadStageEvents(long leadId, List<StageEvent> events) {
    public LeadStageEvents {
        events = List.copyOf(events);
    }
}

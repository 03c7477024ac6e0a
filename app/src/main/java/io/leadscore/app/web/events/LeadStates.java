package io.leadscore.app.web.events;

import io.leadscore.batch.liveevents.LiveEvents;
import java.util.LinkedHashMap;
import java.util.Map;

/** A lead's state after a live request, as the contract's answers write it. */
public final class LeadStates {
    private LeadStates() {
    }

    public static Map<String, Object> json(LiveEvents.LeadState lead) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lead_id", lead.leadId());
        out.put("score", lead.score());
        out.put("grade", lead.grade() == null ? null : lead.grade().name());
        out.put("stage", lead.stage().name());
        out.put("mql_at", lead.mqlAt());
        out.put("due_at", lead.dueAt());
        out.put("reasons", lead.reasons());
        return out;
    }
}

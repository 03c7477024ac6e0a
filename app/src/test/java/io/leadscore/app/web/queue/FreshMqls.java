package io.leadscore.app.web.queue;

import io.leadscore.batch.leadimport.CrmItems;
import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.liveevents.LiveEvents;
import io.leadscore.scoring.domain.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * MQLs a queue test makes for itself — new leads with a demo request, through the live event flow — and removes
 * afterwards, so the shared console store ({@code ConsoleTest}) is left as it was found.
 */
public final class FreshMqls {
    private FreshMqls() {
    }

    /** {@code n} new leads {@code prefix-1} … that requested a demo just now: open MQLs, due in a day. */
    public static List<String> create(LiveEvents live, String prefix, int n) {
        Instant now = Instant.now();
        Map<ImportFileKind, List<CrmItems.Item>> request = CrmItems.byKind();
        List<CrmItems.Item> leads = new ArrayList<>();
        List<CrmItems.Item> activities = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            leads.add(CrmItems.Item.of(Map.of("lead_id", id, "created_at", now.minusSeconds(600).toString(),
                    "company", "Fresh " + i, "email", "rep" + i + "@fresh.example", "source", "webinar")));
            activities.add(CrmItems.Item.of(Map.of("lead_id", id, "occurred_at", now.minusSeconds(300 - i).toString(),
                    "type", "demo_request")));
        }
        request.put(ImportFileKind.LEADS, leads);
        request.put(ImportFileKind.ACTIVITIES, activities);
        LiveEvents.Outcome outcome = live.ingest(request, "events:test");
        if (!outcome.rejected().isEmpty() || outcome.leads().stream().anyMatch(l -> l.stage() != Stage.MQL)) {
            throw new IllegalStateException("fresh MQLs not made: " + outcome);
        }
        return ids;
    }

    /** Removes the leads whose ids start with the prefix, with everything that refers to them. */
    public static void remove(JdbcTemplate jdbc, String prefix) {
        String leads = "(SELECT id FROM lead WHERE lead_key LIKE ?)";
        for (String table : new String[] {"score_history", "lead_score", "sla_breach", "stage_transition", "followup",
                "deal", "activity"}) {
            jdbc.update("DELETE FROM " + table + " WHERE lead_id IN " + leads, prefix + "-%");
        }
        jdbc.update("DELETE FROM lead WHERE lead_key LIKE ?", prefix + "-%");
    }
}

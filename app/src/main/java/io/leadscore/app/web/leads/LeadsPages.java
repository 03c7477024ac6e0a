package io.leadscore.app.web.leads;

import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.PageJson;
import io.leadscore.app.web.Viewer;
import io.leadscore.scoring.domain.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The Leads pages: search with the store's stage counts, and one lead's history and reasons, charted. */
@ConsoleController
class LeadsPages {
    private final LeadQueries leads;
    private final PageJson json;

    LeadsPages(LeadQueries leads, PageJson json) {
        this.leads = leads;
        this.json = json;
    }

    @GetMapping("/leads")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String stage,
                  Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        List<LeadViews.Row> rows = leads.search(q, stage, LeadQueries.DEFAULT_LIMIT, viewer.email());
        model.addAttribute("q", q);
        model.addAttribute("stage", stage);
        model.addAttribute("rows", rows);
        model.addAttribute("stages", Stage.values());
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("stage_counts", leads.stageCounts());
        page.put("scores", rows.stream().map(LeadViews.Row::score).filter(s -> s != null).toList());
        model.addAttribute("pageJson", json.write(page));
        return "leads";
    }

    @GetMapping("/leads/{leadId}")
    String show(@PathVariable String leadId, Authentication authentication, Model model) {
        LeadViews.Detail detail = leads.detail(leadId, Viewer.of(authentication).email(), Viewer.of(authentication).queueEmail());
        model.addAttribute("detail", detail);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("score_history", detail.scoreHistory());
        page.put("stage_history", detail.stageHistory());
        page.put("created_at", detail.lead().createdAt());
        page.put("live_reasons", detail.liveReasons());
        page.put("activity", detail.activity().byType());
        model.addAttribute("pageJson", json.write(page));
        return "lead";
    }
}

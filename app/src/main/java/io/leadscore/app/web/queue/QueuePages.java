package io.leadscore.app.web.queue;

import io.leadscore.app.web.events.LeadStateView;
import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.Viewer;
import io.leadscore.batch.liveevents.LiveEvents;
import io.leadscore.batch.liveevents.SalesQueue;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Queue page: open MQLs soonest due first, with score, grade, why each
 * qualified and the time left (red once overdue), and buttons to accept one or
 * reject it with a reason — one of the funnel report's, or the rep's own words.
 */
@ConsoleController
class QueuePages {
    private final Queue queue;
    private final LiveEvents live;

    QueuePages(Queue queue, LiveEvents live) {
        this.queue = queue;
        this.live = live;
    }

    /** A row of the page. */
    record Row(SalesQueue.Entry entry, String timeLeft, boolean overdue) {
        /** The console's address of the lead: its history, score reasons and e-mail. */
        public String path() {
            return io.leadscore.app.web.leads.LeadPaths.of(entry.leadId());
        }
    }

    @GetMapping("/queue")
    String queue(@RequestParam(defaultValue = "false") boolean overdue, Model model) {
        var now = queue.now();
        List<Row> rows = queue.open(SalesQueue.MAX_LIMIT, overdue).stream()
                .map(e -> new Row(e, Queue.timeLeft(e.dueAt(), now), e.dueAt().isBefore(now))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("overdue", overdue);
        model.addAttribute("reasons", Queue.REJECTION_REASONS);
        return "queue";
    }

    @PostMapping("/queue/answer")
    String answer(@RequestParam("lead_id") String leadId, @RequestParam String outcome,
                  @RequestParam(required = false) String reason, @RequestParam(name = "other", required = false) String other,
                  Authentication authentication, RedirectAttributes redirect) {
        String why = other != null && !other.isBlank() ? other.strip() : reason == null || reason.isBlank() ? null : reason;
        if ("rejected".equals(outcome) && why == null) {
            redirect.addFlashAttribute("problem", "Not recorded: say why lead " + leadId + " is rejected.");
            return "redirect:/queue";
        }
        try {
            LeadStateView lead = QueueApi.answer(live, leadId, outcome, why, null, Viewer.of(authentication).name());
            redirect.addFlashAttribute("notice", "Lead " + leadId + " " + outcome
                    + (why == null ? "" : " (" + why + ")") + ": now " + lead.stage() + ".");
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("problem", "Not recorded: " + e.getMessage());
        }
        return "redirect:/queue";
    }
}

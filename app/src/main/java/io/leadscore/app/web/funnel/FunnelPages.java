package io.leadscore.app.web.funnel;

import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.PageJson;
import io.leadscore.batch.funnelreport.FunnelReportFailedException;
import io.leadscore.scoring.domain.InvalidInputException;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Funnel page: a report charted (stage conversion, SLA attainment, rejection reasons, revenue by source). */
@ConsoleController
class FunnelPages {
    private final Funnels funnels;
    private final PageJson json;

    FunnelPages(Funnels funnels, PageJson json) {
        this.funnels = funnels;
        this.json = json;
    }

    @GetMapping("/funnel")
    String funnel(@RequestParam(required = false) Long run, Model model) {
        Optional<FunnelView> report = run == null ? funnels.latest() : Optional.of(funnels.get(run));
        model.addAttribute("report", report.orElse(null));
        model.addAttribute("reports", funnels.recent());
        model.addAttribute("pageJson", report.map(json::write).orElse("null"));
        return "funnel";
    }

    @PostMapping("/funnel")
    String take(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                RedirectAttributes redirect) {
        try {
            FunnelView taken = funnels.take(from, to);
            redirect.addFlashAttribute("notice", "Took funnel report " + taken.runId() + ".");
            return "redirect:/funnel?run=" + taken.runId();
        } catch (InvalidInputException | FunnelReportFailedException e) {
            redirect.addFlashAttribute("problem", "No report taken: " + e.getMessage());
            return "redirect:/funnel";
        }
    }
}

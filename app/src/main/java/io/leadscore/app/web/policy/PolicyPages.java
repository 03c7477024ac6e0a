package io.leadscore.app.web.policy;

import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.PageJson;
import io.leadscore.app.web.Viewer;
import io.leadscore.scoring.domain.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Policy page: the policy in force and its history (charted); the change form for admins. */
@ConsoleController
class PolicyPages {
    private final Policies policies;
    private final PageJson json;

    PolicyPages(Policies policies, PageJson json) {
        this.policies = policies;
        this.json = json;
    }

    @GetMapping("/policy")
    String policy(Model model) {
        List<PolicyVersion> history = policies.history();
        model.addAttribute("current", history.get(0));
        model.addAttribute("history", history);
        model.addAttribute("pageJson", json.write(Map.of("history", history)));
        return "policy";
    }

    @PostMapping("/policy")
    String change(@RequestParam(name = "mql_threshold", required = false) Double threshold,
                  @RequestParam(name = "sla_hours", required = false) Double slaHours,
                  @RequestParam(name = "recycle_after_days", required = false) Integer recycleAfterDays,
                  @RequestParam(name = "label_horizon_days", required = false) Integer labelHorizonDays,
                  @RequestParam(name = "engagement_half_life_days", required = false) Double halfLife,
                  @RequestParam(required = false) String note,
                  Authentication authentication, RedirectAttributes redirect) {
        try {
            PolicyVersion v = policies.change(new PolicyChange(threshold, slaHours, recycleAfterDays, labelHorizonDays,
                    halfLife, note), Viewer.of(authentication));
            redirect.addFlashAttribute("notice", "Policy version " + v.version() + " is in force. The next rescoring"
                    + " and SLA check apply it.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", "Not changed: " + e.getMessage());
        }
        return "redirect:/policy";
    }
}

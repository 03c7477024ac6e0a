package io.leadscore.app.web.webhooks;

import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.NotFoundException;
import io.leadscore.app.web.Viewer;
import io.leadscore.batch.webhooks.Deliveries;
import io.leadscore.batch.webhooks.Subscriber;
import io.leadscore.batch.webhooks.WebhookEventType;
import io.leadscore.scoring.domain.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Webhooks page: recent deliveries with status, attempts, last error and
 * next try, and a button to send one again (ops, admin); the subscribers with a
 * form to add one and buttons to remove them (admin). A secret typed in the
 * form is never shown back.
 */
@ConsoleController
class WebhooksPages {
    private final Webhooks webhooks;

    WebhooksPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/webhooks")
    String page(@RequestParam(required = false) String status, Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        List<Deliveries.View> deliveries;
        try {
            deliveries = webhooks.deliveries(status, Webhooks.DEFAULT_LIMIT);
            model.addAttribute("status", Webhooks.status(status) == null ? "" : Webhooks.status(status).name());
        } catch (InvalidInputException e) {
            deliveries = webhooks.deliveries(null, Webhooks.DEFAULT_LIMIT);
            model.addAttribute("status", "");
            model.addAttribute("problem", e.getMessage());
        }
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("statuses", Arrays.stream(Deliveries.Status.values()).map(Enum::name).toList());
        List<Subscriber> subscribers = viewer.webhookSubscribers() ? webhooks.subscribers() : List.of();
        model.addAttribute("subscribers", subscribers);
        model.addAttribute("eventTypes", Arrays.stream(WebhookEventType.values()).map(WebhookEventType::wireName).toList());
        return "webhooks";
    }

    @PostMapping("/webhooks/subscribers")
    String add(@RequestParam(required = false) String url, @RequestParam(required = false) List<String> events,
               @RequestParam(required = false) String secret, Authentication authentication,
               RedirectAttributes redirect) {
        try {
            Subscriber s = webhooks.add(url, events, secret, Viewer.of(authentication).actor());
            redirect.addFlashAttribute("notice", "Subscribed " + s.url() + " to " + s.events().size()
                    + " event types; events from now on are delivered to it.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("problem", "Not subscribed: " + e.getMessage());
        }
        return "redirect:/webhooks";
    }

    @PostMapping("/webhooks/subscribers/{id}/remove")
    String remove(@PathVariable long id, RedirectAttributes redirect) {
        try {
            webhooks.remove(id);
            redirect.addFlashAttribute("notice", "Removed subscriber " + id + "; its undelivered deliveries are cancelled.");
        } catch (NotFoundException | ConflictException e) {
            redirect.addFlashAttribute("problem", "Not removed: " + e.getMessage());
        }
        return "redirect:/webhooks";
    }

    @PostMapping("/webhooks/deliveries/{id}/redeliver")
    String redeliver(@PathVariable long id, RedirectAttributes redirect) {
        try {
            webhooks.redeliver(id);
            redirect.addFlashAttribute("notice", "Delivery " + id + " is sent again now.");
        } catch (NotFoundException | ConflictException e) {
            redirect.addFlashAttribute("problem", "Not sent again: " + e.getMessage());
        }
        return "redirect:/webhooks";
    }
}

package io.leadscore.app.web.models;

import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.PageJson;
import io.leadscore.app.web.Viewer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Models pages: the registry with the champion's and challengers' figures,
 * one model's evaluation charted against the champion's, and promotion and
 * rollback behind a confirmation page that asks for the reason.
 */
@ConsoleController
class ModelsPages {
    private final Models models;
    private final PageJson json;

    ModelsPages(Models models, PageJson json) {
        this.models = models;
        this.json = json;
    }

    @GetMapping("/models")
    String list(Model model) {
        List<ModelViews.Summary> all = models.list();
        model.addAttribute("models", all);
        model.addAttribute("champion", all.stream().filter(ModelViews.Summary::champion).findFirst().orElse(null));
        model.addAttribute("rollbackTo", models.rollbackTarget().orElse(null));
        model.addAttribute("pageJson", json.write(Map.of("models", all)));
        return "models";
    }

    @GetMapping("/models/{version}")
    String show(@PathVariable String version, Model model) {
        ModelViews.Detail detail = models.detail(version);
        Optional<ModelViews.Summary> champion = models.champion();
        ModelViews.Detail championDetail = champion.filter(c -> !c.version().equals(version))
                .map(c -> models.detail(c.version())).orElse(null);
        model.addAttribute("detail", detail);
        model.addAttribute("championDetail", championDetail);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("version", detail.model().version());
        page.put("metrics", detail.metrics());
        page.put("metrics_by_age", detail.metricsByAge());
        page.put("champion_version", championDetail == null ? null : championDetail.model().version());
        page.put("champion_metrics", championDetail == null ? null : championDetail.metrics());
        model.addAttribute("pageJson", json.write(page));
        return "model";
    }

    @GetMapping("/models/{version}/promote")
    String confirmPromotion(@PathVariable String version, Model model) {
        model.addAttribute("detail", models.detail(version));
        model.addAttribute("champion", models.champion().orElse(null));
        return "model-promote";
    }

    @PostMapping("/models/{version}/promote")
    String promote(@PathVariable String version, @RequestParam(required = false) String reason,
                   Authentication authentication, RedirectAttributes redirect) {
        try {
            ModelViews.Summary promoted = models.promote(version, reason, Viewer.of(authentication));
            redirect.addFlashAttribute("notice", promoted.version() + " is the champion now. The next rescoring run"
                    + " scores with it.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/models/" + version;
    }

    @GetMapping("/models/rollback")
    String confirmRollback(Model model) {
        model.addAttribute("champion", models.champion().orElse(null));
        model.addAttribute("rollbackTo", models.rollbackTarget().orElse(null));
        return "model-rollback";
    }

    @PostMapping("/models/rollback")
    String rollback(@RequestParam(required = false) String reason, Authentication authentication,
                    RedirectAttributes redirect) {
        try {
            ModelViews.Summary back = models.rollback(reason, Viewer.of(authentication));
            redirect.addFlashAttribute("notice", "Rolled back: " + back.version() + " is the champion again.");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/models";
    }
}

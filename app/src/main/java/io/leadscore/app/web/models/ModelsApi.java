package io.leadscore.app.web.models;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.app.web.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The model registry over HTTP. */
@RestController
@RequestMapping(path = "/api/models", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "models", description = "The model registry: champion, challengers, their evaluation; promote, roll back"
        + " (roles data, admin)")
class ModelsApi {
    private final Models models;

    ModelsApi(Models models) {
        this.models = models;
    }

    /** Why a model is promoted; recorded in the registry's decision log. */
    record PromoteRequest(@JsonProperty("reason") String reason) {
    }

    @GetMapping
    @Operation(summary = "Every registered model, newest first, with its out-of-time metrics")
    List<ModelViews.Summary> list() {
        return models.list();
    }

    @GetMapping("/{version}")
    @Operation(summary = "One model: provenance, metrics, ROC, calibration bins, lift by decile, threshold curve, decisions")
    ModelViews.Detail show(@PathVariable String version) {
        return models.detail(version);
    }

    @PostMapping("/{version}/promote")
    @Operation(summary = "Make a model the champion (the current one is retired); 409 if it is the champion already")
    ModelViews.Summary promote(@PathVariable String version, @RequestBody(required = false) PromoteRequest request,
                               Authentication authentication) {
        return models.promote(version, request == null ? null : request.reason(), Viewer.of(authentication));
    }

    @PostMapping("/rollback")
    @Operation(summary = "Return to the champion the current one replaced, with an optional {reason} kept in the"
            + " decision log; 409 if there is none")
    ModelViews.Summary rollback(@RequestBody(required = false) PromoteRequest request, Authentication authentication) {
        return models.rollback(request == null ? null : request.reason(), Viewer.of(authentication));
    }
}

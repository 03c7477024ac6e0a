package io.leadscore.app.web.funnel;

import io.leadscore.app.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The funnel report over HTTP, with the keys of {@code leadscore report funnel --format json}. */
@RestController
@RequestMapping(path = "/api/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "funnel", description = "The funnel report: stages, conversion, SLA attainment, rejection reasons, revenue"
        + " by source (roles leadership, admin)")
class FunnelApi {
    private final Funnels funnels;

    FunnelApi(Funnels funnels) {
        this.funnels = funnels;
    }

    @GetMapping
    @Operation(summary = "The latest report; 404 when none was taken yet")
    FunnelView latest() {
        return funnels.latest().orElseThrow(() -> new NotFoundException("no funnel report was taken yet;"
                + " POST /api/funnel takes one"));
    }

    @GetMapping("/reports")
    @Operation(summary = "The latest reports (up to 20), newest first")
    List<FunnelView> recent() {
        return funnels.recent();
    }

    @GetMapping("/{runId}")
    @Operation(summary = "One report")
    FunnelView get(@PathVariable long runId) {
        return funnels.get(runId);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Take a report on the leads created in [from, to), as of now or of as_of")
    FunnelView take(@Parameter(description = "leads created on or after, e.g. 2026-01-01 (default: no bound)")
                    @RequestParam(required = false) String from,
                    @Parameter(description = "leads created before (default: no bound)")
                    @RequestParam(required = false) String to,
                    @Parameter(description = "report what had happened by this time, not after now (default: now)")
                    @RequestParam(name = "as_of", required = false) String asOf) {
        return funnels.take(from, to, asOf);
    }
}

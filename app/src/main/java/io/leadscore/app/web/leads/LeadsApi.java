package io.leadscore.app.web.leads;

import io.leadscore.app.web.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leads over HTTP. {@code email} appears only for the roles that may see it (data, admin), and for sales on a
 * lead waiting in its queue.
 */
@RestController
@RequestMapping(path = "/api/leads", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "leads", description = "Lead search; one lead's score history, stage history and reasons (roles data, admin)")
class LeadsApi {
    private final LeadQueries leads;

    LeadsApi(LeadQueries leads) {
        this.leads = leads;
    }

    @GetMapping
    @Operation(summary = "Leads whose id or company (or e-mail) contains q, highest score first")
    List<LeadViews.Row> search(@Parameter(description = "text to look for; none: the highest-scored leads")
                               @RequestParam(required = false) String q,
                               @Parameter(description = "only leads at this stage, e.g. mql")
                               @RequestParam(required = false) String stage,
                               @Parameter(description = "how many (default 50, at most 500)")
                               @RequestParam(defaultValue = "" + LeadQueries.DEFAULT_LIMIT) int limit,
                               Authentication authentication) {
        return leads.search(q, stage, limit, Viewer.of(authentication).email());
    }

    @GetMapping("/{leadId}")
    @Operation(summary = "One lead: its fields, current score and MQL reasons, score and stage history, follow-ups,"
            + " deals, activity, and the champion's reasons for it now")
    LeadViews.Detail show(@PathVariable String leadId, Authentication authentication) {
        return leads.detail(leadId, Viewer.of(authentication).email(), Viewer.of(authentication).queueEmail());
    }
}

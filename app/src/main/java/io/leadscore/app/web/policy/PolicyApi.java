package io.leadscore.app.web.policy;

import io.leadscore.app.web.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The policy over HTTP: everyone signed in reads it; an admin changes it. */
@RestController
@RequestMapping(path = "/api/policy", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "policy", description = "The MQL threshold, SLA and recycling rules: read (any role), change (admin)")
class PolicyApi {
    private final Policies policies;

    PolicyApi(Policies policies) {
        this.policies = policies;
    }

    @GetMapping
    @Operation(summary = "The policy in force")
    PolicyVersion current() {
        return policies.current();
    }

    @GetMapping("/versions")
    @Operation(summary = "Every version, newest first, with who wrote it, when and why")
    List<PolicyVersion> versions() {
        return policies.history();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Write a new version: the given values change, the others stay; a note saying why is required."
            + " The next rescoring and SLA check apply it.")
    PolicyVersion change(@RequestBody PolicyChange change, Authentication authentication) {
        return policies.change(change, Viewer.of(authentication));
    }
}

package io.leadscore.app.web.queue;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.app.web.NotFoundException;
import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.Viewer;
import io.leadscore.app.web.events.LeadStateView;
import io.leadscore.batch.liveevents.LiveEvents;
import io.leadscore.batch.liveevents.SalesQueue;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sales' queue and a rep's answer over HTTP (roles sales, admin). */
@RestController
@Tag(name = "queue", description = "Open MQLs soonest due first; a rep's follow-up (roles sales, admin)")
class QueueApi {
    private final Queue queue;
    private final LiveEvents live;

    QueueApi(Queue queue, LiveEvents live) {
        this.queue = queue;
        this.live = live;
    }

    @GetMapping(path = "/api/queue", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open MQLs waiting for a first follow-up, soonest due first")
    List<Queue.OpenMql> open(@Parameter(description = "how many (default 50, at most 500)")
                                   @RequestParam(defaultValue = "" + SalesQueue.DEFAULT_LIMIT) String limit,
                                   @Parameter(description = "only those whose SLA has run out")
                                   @RequestParam(defaultValue = "false") boolean overdue) {
        return queue.open(limit(limit), overdue).stream().map(Queue.OpenMql::of).toList();
    }

    /**
     * The limit as asked: a whole number; any number above the most an answer holds asks for that most, however
     * large (it is read as a number, not refused for not fitting an int).
     */
    static int limit(String asked) {
        java.math.BigInteger n;
        try {
            if (!asked.strip().matches("[+-]?[0-9]+")) {
                throw new NumberFormatException(asked);
            }
            n = new java.math.BigInteger(asked.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit " + io.leadscore.scoring.domain.Quoted.value(asked)
                    + " is not a whole number: expected 1 to " + SalesQueue.MAX_LIMIT + " (more asks for "
                    + SalesQueue.MAX_LIMIT + ")");
        }
        if (n.signum() < 1) {
            throw new InvalidInputException("limit " + (asked.length() > 40 ? asked.substring(0, 40) + "…" : asked)
                    + " is out of range: expected 1 or more (at most " + SalesQueue.MAX_LIMIT + " are answered)");
        }
        return n.min(java.math.BigInteger.valueOf(SalesQueue.MAX_LIMIT)).intValue();
    }

    /** The fields of a rep's answer; any other is refused rather than silently ignored. */
    private static final List<String> ANSWER_FIELDS = List.of("outcome", "reason", "channel");

    @PostMapping(path = "/api/leads/{leadId}/followups", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Records the signed-in rep's follow-up of a lead (as if imported) and applies the stage rules;"
            + " answers the lead's new stage")
    LeadStateView followUp(@PathVariable String leadId, @RequestBody Map<String, Object> body,
                                 Authentication authentication) {
        if (body != null) {
            for (String key : body.keySet()) {
                if (!ANSWER_FIELDS.contains(key)) {
                    throw new InvalidInputException("unknown field " + io.leadscore.scoring.domain.Quoted.value(key)
                            + ": an answer takes " + String.join(", ", ANSWER_FIELDS) + " (the rep is the signed-in"
                            + " user, the time the moment it arrives)");
                }
            }
        }
        String outcome = text(body, "outcome");
        if (outcome == null || FollowUpOutcome.fromWire(outcome).isEmpty()) {
            throw new InvalidInputException("outcome: " + (outcome == null ? "missing" : "unknown value '"
                    + outcome + "'") + ", expected one of " + FollowUpOutcome.allowedValues());
        }
        return answer(live, leadId, outcome, text(body, "reason"), text(body, "channel"),
                Viewer.of(authentication).name());
    }

    /** Records the answer; the lead's state after it, or the error the contract names. */
    static LeadStateView answer(LiveEvents live, String leadId, String outcome, String reason, String channel,
                                      String rep) {
        try {
            return LeadStateView.of(live.followUp(leadId, outcome, reason, channel, rep));
        } catch (LiveEvents.UnknownLeadException e) {
            throw new NotFoundException(e.getMessage());
        } catch (LiveEvents.StageRefusedException e) {
            throw new ConflictException(e.getMessage());
        } catch (LiveEvents.InvalidFollowUpException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }

    private static String text(Map<String, Object> body, String field) {
        Object value = body == null ? null : body.get(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List || value instanceof Boolean) {
            throw new InvalidInputException(field + ": expected a string");
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }
}

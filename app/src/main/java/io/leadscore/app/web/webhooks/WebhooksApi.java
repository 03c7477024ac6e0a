package io.leadscore.app.web.webhooks;

import io.leadscore.scoring.domain.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.app.web.Viewer;
import io.leadscore.batch.webhooks.Deliveries;
import io.leadscore.batch.webhooks.Subscriber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks over HTTP (docs/events.md and docs/webhooks.md): subscribers
 * (admin) and their deliveries (ops, admin). A subscriber's secret goes in and
 * never comes out.
 */
@RestController
@RequestMapping(path = "/api/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "webhooks", description = "Webhook subscribers (role admin) and deliveries (roles ops, admin)")
class WebhooksApi {
    private final Webhooks webhooks;

    WebhooksApi(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** A new subscriber: where to post, which events, and the secret that signs them. */
    record NewSubscriber(String url, List<String> events, String secret) {
        @Override
        public String toString() {
            return "NewSubscriber[url=" + url + ", events=" + events + "]";
        }
    }

    record SubscriberView(long id, String url, List<String> events, String origin,
                          @JsonProperty("secret_env") String secretEnv,
                          @JsonProperty("created_at") Instant createdAt,
                          @JsonProperty("created_by") String createdBy) {
        static SubscriberView of(Subscriber s) {
            return new SubscriberView(s.id(), s.url(), s.eventNames(),
                    s.origin().name().toLowerCase(Locale.ROOT), s.secretEnv(), s.createdAt(), s.createdBy());
        }
    }

    record DeliveryView(long id, @JsonProperty("event_id") String eventId, String type,
                        @JsonProperty("lead_id") String leadId, @JsonProperty("occurred_at") Instant occurredAt,
                        @JsonProperty("subscriber_id") long subscriberId, String url, String status, int attempts,
                        @JsonProperty("created_at") Instant createdAt,
                        @JsonProperty("last_attempt_at") Instant lastAttemptAt,
                        @JsonProperty("last_status_code") Integer lastStatusCode,
                        @JsonProperty("last_error") String lastError,
                        @JsonProperty("next_attempt_at") Instant nextAttemptAt,
                        @JsonProperty("delivered_at") Instant deliveredAt, boolean sending) {
        static DeliveryView of(Deliveries.View d) {
            return new DeliveryView(d.id(), d.eventId(), d.eventType(), d.leadId(), d.occurredAt(), d.subscriberId(),
                    d.url(), d.status().name().toLowerCase(Locale.ROOT), d.attempts(), d.createdAt(),
                    d.lastAttemptAt(), d.lastStatusCode(), d.lastError(),
                    d.status() == Deliveries.Status.PENDING ? d.nextAttemptAt() : null, d.deliveredAt(), d.sending());
        }
    }

    @GetMapping
    @Operation(summary = "The subscribers: URL, events, where they were defined (api or config); never their secret")
    List<SubscriberView> subscribers() {
        return webhooks.subscribers().stream().map(SubscriberView::of).toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Subscribe a URL to events, its deliveries signed with the secret; 400 for a URL that is not"
            + " http(s), points at a private address, or a secret not 16 to 256 characters; 409 when the URL is"
            + " subscribed already")
    ResponseEntity<SubscriberView> add(@RequestBody NewSubscriber request, Authentication authentication) {
        if (request == null) {
            throw new InvalidInputException("Invalid body: expected {\"url\", \"events\", \"secret\"}");
        }
        Subscriber s = webhooks.add(request.url(), request.events(), request.secret(), Viewer.of(authentication).actor());
        return ResponseEntity.created(URI.create("/api/webhooks/" + s.id())).body(SubscriberView.of(s));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a subscriber: it gets nothing more, its undelivered deliveries are cancelled; 409 for"
            + " one of the config file")
    void remove(@PathVariable long id) {
        webhooks.remove(id);
    }

    @GetMapping("/deliveries")
    @Operation(summary = "Recent deliveries, newest first: status (pending, delivered, failed, cancelled), attempts,"
            + " the last error and the next try")
    List<DeliveryView> deliveries(@Parameter(description = "only deliveries of this status")
                                  @RequestParam(required = false) String status,
                                  @Parameter(description = "how many (default 100, at most 1000)")
                                  @RequestParam(defaultValue = "" + Webhooks.DEFAULT_LIMIT) int limit) {
        return webhooks.deliveries(status, limit).stream().map(DeliveryView::of).toList();
    }

    @GetMapping("/deliveries/{id}")
    @Operation(summary = "One delivery")
    DeliveryView delivery(@PathVariable long id) {
        return DeliveryView.of(webhooks.delivery(id));
    }

    @GetMapping(path = "/deliveries/{id}/body", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The event a delivery sends, byte for byte as it is signed")
    String body(@PathVariable long id) {
        return webhooks.body(id);
    }

    @PostMapping("/deliveries/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery again now (given up, delivered or waiting); 409 while it is being sent or"
            + " when its subscriber was removed")
    DeliveryView redeliver(@PathVariable long id) {
        return DeliveryView.of(webhooks.redeliver(id));
    }
}

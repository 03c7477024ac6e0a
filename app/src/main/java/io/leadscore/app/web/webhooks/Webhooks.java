package io.leadscore.app.web.webhooks;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.app.web.ConflictException;
import io.leadscore.app.web.NotFoundException;
import io.leadscore.app.webhooks.TargetPolicy;
import io.leadscore.app.webhooks.WebhookDispatcher;
import io.leadscore.app.webhooks.WebhookSettings;
import io.leadscore.batch.webhooks.Deliveries;
import io.leadscore.batch.webhooks.Subscriber;
import io.leadscore.batch.webhooks.Subscribers;
import io.leadscore.batch.webhooks.WebhookEventType;
import io.leadscore.scoring.domain.Printable;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What the webhooks page and API do: add, list and remove subscribers (their
 * URL and secret checked by the {@link TargetPolicy}), list deliveries and send
 * one again. One service for both, so a rule holds in both.
 */
@Service
class Webhooks {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_SUBSCRIBERS = 100;

    private final Subscribers subscribers;
    private final Deliveries deliveries;
    private final TargetPolicy targets;
    private final ObjectProvider<WebhookDispatcher> dispatcher;
    private final Clock clock;

    Webhooks(Subscribers subscribers, Deliveries deliveries, TargetPolicy targets,
             ObjectProvider<WebhookDispatcher> dispatcher, Clock clock) {
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.targets = targets;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    List<Subscriber> subscribers() {
        return subscribers.active();
    }

    /**
     * @throws InvalidInputException    for a URL, event list or secret the policy refuses
     * @throws ConflictException        when the URL is subscribed already, or there are too many subscribers
     */
    Subscriber add(String url, List<String> events, String secret, String by) {
        URI uri;
        try {
            uri = targets.checkUrl(url, false);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid url: " + e.getMessage());
        }
        Set<WebhookEventType> types;
        try {
            types = WebhookSettings.events(events);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid events: " + e.getMessage());
        }
        try {
            TargetPolicy.checkSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid secret: " + e.getMessage());
        }
        List<Subscriber> active = subscribers.active();
        if (active.size() >= MAX_SUBSCRIBERS) {
            throw new ConflictException("there are " + active.size() + " subscribers already, the most there may be;"
                    + " remove one first");
        }
        String normal = uri.toString();
        if (active.stream().anyMatch(s -> sameAddress(s.url(), normal))) {
            throw new ConflictException(normal + " is subscribed already; remove it first to change its events or secret");
        }
        return subscribers.add(normal, types, secret, by, clock.instant());
    }

    private static boolean sameAddress(String stored, String normal) {
        try {
            return TargetPolicy.normal(new URI(stored)).toString().equals(normal);
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return stored.equals(normal);
        }
    }

    /**
     * @throws NotFoundException for no such subscriber (or one removed)
     * @throws ConflictException for a subscriber of the config file
     */
    void remove(long id) {
        Subscriber s = subscribers.find(id).filter(x -> x.removedAt() == null)
                .orElseThrow(() -> new NotFoundException("there is no subscriber " + id));
        if (s.origin() == Subscriber.Origin.CONFIG) {
            throw new ConflictException("subscriber " + id + " is defined in the config file (leadscore.webhooks):"
                    + " remove it there and restart serve");
        }
        subscribers.remove(id, clock.instant());
    }

    List<Deliveries.View> deliveries(String status, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("Invalid limit: " + limit + ", expected 1 to " + MAX_LIMIT);
        }
        return deliveries.recent(status(status), limit);
    }

    Deliveries.View delivery(long id) {
        return deliveries.find(id).orElseThrow(() -> new NotFoundException("there is no delivery " + id));
    }

    String body(long id) {
        return deliveries.body(id).orElseThrow(() -> new NotFoundException("there is no delivery " + id));
    }

    /**
     * @throws NotFoundException for no such delivery
     * @throws ConflictException while it is being sent, or when its subscriber was removed
     */
    Deliveries.View redeliver(long id) {
        Deliveries.View d = delivery(id);
        if (d.sending()) {
            throw new ConflictException("delivery " + id + " is being sent right now");
        }
        if (!deliveries.redeliver(id, clock.instant())) {
            throw new ConflictException("delivery " + id + " cannot be sent again: its subscriber was removed");
        }
        WebhookDispatcher worker = dispatcher.getIfAvailable();
        if (worker != null) {
            worker.wake();
        }
        return delivery(id);
    }

    static Deliveries.Status status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Deliveries.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Invalid status: '" + Printable.of(
                    text.length() > 32 ? text.substring(0, 32) : text) + "', expected one of pending, delivered, failed,"
                    + " cancelled");
        }
    }
}

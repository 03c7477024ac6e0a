package io.leadscore.batch.webhooks;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook subscriber as anyone may see it: never its secret.
 *
 * @param origin    where it was defined: {@link Origin#API} (the console or the API) or {@link Origin#CONFIG}
 * @param secretEnv for a subscriber of the config file, the environment variable its secret is read from
 * @param createdAt events that happened before it are not sent to it, but for those of the live flow
 * @param removedAt when it was removed, or {@code null} while it is subscribed
 */
public record Subscriber(long id, String url, Set<WebhookEventType> events, Origin origin, String secretEnv,
                         Instant createdAt, String createdBy, Instant removedAt) {
    public Subscriber {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(createdAt, "createdAt");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("Invalid subscriber " + id + ": no events, expected at least one");
        }
        events = Set.copyOf(EnumSet.copyOf(events));
    }

    public enum Origin {
        API, CONFIG
    }

    /** The names of its events on the wire, in the order of {@link WebhookEventType}. */
    public List<String> eventNames() {
        return EnumSet.copyOf(events).stream().map(WebhookEventType::wireName).toList();
    }

    /**
     * Whether an event of this type that happened at {@code occurredAt} goes to this subscriber: one it subscribed
     * to, that happened at or after it was added — or, {@code live}, that the live flow is writing now (a lead pushed
     * today with a demo request of this morning is news, whenever the subscriber was added).
     */
    public boolean wants(WebhookEventType type, Instant occurredAt, boolean live) {
        return removedAt == null && events.contains(type) && (live || !occurredAt.isBefore(createdAt));
    }
}

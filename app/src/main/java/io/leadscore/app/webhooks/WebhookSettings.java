package io.leadscore.app.webhooks;

import io.leadscore.batch.webhooks.RetrySchedule;
import io.leadscore.batch.webhooks.Subscribers;
import io.leadscore.batch.webhooks.WebhookEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhooks in the {@code --config} file: the subscribers (docs/events.md)
 * and how {@code serve} delivers.
 *
 * <pre>
 * leadscore:
 *   webhooks:
 *     - url: https://crm.example/hooks/leadscore
 *       events: [mql.created, sla.warning, sla.breached, lead.recycled, lead.accepted, lead.rejected]
 *       secret-env: LEADSCORE_WEBHOOK_SECRET   # the secret is read from this variable
 *   webhook-delivery:
 *     poll-every: 100ms          # how often the store is asked for due deliveries (besides a wake-up on commit)
 *     timeout: 10s               # a receiver that has not answered by then failed this attempt
 *     first-retry: 10s           # then twice as long after each failure ...
 *     max-retry-delay: 1h        # ... but never longer than this
 *     retry-for: 48h             # an event still failing this long after it happened is given up (at least 24h)
 *     concurrency: 8             # deliveries in flight at once
 *     sla-scan-every: 15s        # how often the SLA alerts are looked for
 *     keep-for: 30d              # settled deliveries are forgotten after this
 *     allow-private-addresses: false   # may subscribers added over the API point at private networks?
 * </pre>
 *
 * @param webhooks        the subscribers of the config file
 * @param webhookDelivery how deliveries are made
 */
@ConfigurationProperties("leadscore")
public record WebhookSettings(List<Configured> webhooks, Delivery webhookDelivery) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,199}");

    public WebhookSettings {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        webhookDelivery = webhookDelivery == null ? new Delivery(null, null, null, null, null, null, null, null, null)
                : webhookDelivery;
    }

    /** A webhook setting of the config file that cannot be used: one line saying which and why. */
    public static final class InvalidSettingException extends IllegalArgumentException {
        public InvalidSettingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A subscriber of the config file, as written there. */
    public record Configured(String url, List<String> events, String secretEnv) {
    }

    /**
     * The configured subscribers, checked: each names its URL, events and variable, or startup stops here.
     *
     * @throws InvalidSettingException naming the entry and what is wrong with it
     */
    public List<Subscribers.Configured> subscribers(TargetPolicy targets) {
        try {
            return checked(targets);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
    }

    private List<Subscribers.Configured> checked(TargetPolicy targets) {
        List<Subscribers.Configured> out = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Configured c = webhooks.get(i);
            String where = "leadscore.webhooks[" + i + "]";
            if (c == null) {
                throw new IllegalArgumentException("Invalid " + where + ": empty, expected url, events and secret-env");
            }
            try {
                targets.checkUrl(c.url(), true);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid " + where + ".url: " + e.getMessage(), e);
            }
            Set<WebhookEventType> events;
            try {
                events = events(c.events());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid " + where + ".events: " + e.getMessage(), e);
            }
            if (c.secretEnv() == null || !VARIABLE.matcher(c.secretEnv()).matches()) {
                throw new IllegalArgumentException("Invalid " + where + ".secret-env: '"
                        + (c.secretEnv() == null ? "" : c.secretEnv()) + "', expected the name of the environment variable"
                        + " that holds the secret, e.g. LEADSCORE_WEBHOOK_SECRET");
            }
            for (Subscribers.Configured earlier : out) {
                if (earlier.url().equals(c.url().strip())) {
                    throw new IllegalArgumentException("Invalid " + where + ".url: " + c.url()
                            + " is configured twice; list its events once");
                }
            }
            out.add(new Subscribers.Configured(c.url().strip(), events, c.secretEnv()));
        }
        return out;
    }

    /**
     * Event names as a subscriber lists them: at least one, each known.
     *
     * @throws IllegalArgumentException naming the unknown one and the names there are
     */
    public static Set<WebhookEventType> events(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("no events, expected a list of one or more of "
                    + EnumSet.allOf(WebhookEventType.class).stream().map(WebhookEventType::wireName).toList());
        }
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String name : names) {
            events.add(WebhookEventType.fromWire(name == null ? null : name.strip()));
        }
        return events;
    }

    /**
     * @param pollEvery             how often the store is asked for due deliveries (default 100 ms)
     * @param timeout               how long a receiver has to answer (default 10 s, the contract's)
     * @param firstRetry            the wait after a first failure (default 10 s)
     * @param maxRetryDelay         the longest wait between attempts (default 1 h)
     * @param retryFor              how long an event is tried (default 48 h; at least 24 h)
     * @param concurrency           deliveries in flight at once (default 8)
     * @param slaScanEvery          how often SLA alerts are looked for (default 15 s; at most 1 min)
     * @param keepFor               how long settled deliveries are kept (default 30 days)
     * @param allowPrivateAddresses whether subscribers added over the API may point at loopback, private or
     *                              link-local addresses (default false; the config file's may always)
     */
    public record Delivery(Duration pollEvery, Duration timeout, Duration firstRetry, Duration maxRetryDelay,
                           Duration retryFor, Integer concurrency, Duration slaScanEvery, Duration keepFor,
                           Boolean allowPrivateAddresses) {
        public Delivery {
            pollEvery = within("poll-every", pollEvery, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMinutes(1));
            timeout = within("timeout", timeout, Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(10));
            RetrySchedule defaults = RetrySchedule.DEFAULT;
            firstRetry = within("first-retry", firstRetry, defaults.firstDelay(), Duration.ofMillis(100), Duration.ofHours(1));
            maxRetryDelay = within("max-retry-delay", maxRetryDelay, defaults.maxDelay(), firstRetry, Duration.ofDays(1));
            retryFor = within("retry-for", retryFor, defaults.retryFor(), RetrySchedule.MIN_RETRY_FOR, Duration.ofDays(30));
            if (concurrency == null) {
                concurrency = 8;
            } else if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("Invalid leadscore.webhook-delivery.concurrency: " + concurrency
                        + ", expected 1 to 256");
            }
            slaScanEvery = within("sla-scan-every", slaScanEvery, Duration.ofSeconds(15), Duration.ofMillis(100),
                    Duration.ofMinutes(1));
            keepFor = within("keep-for", keepFor, Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(3650));
            allowPrivateAddresses = allowPrivateAddresses != null && allowPrivateAddresses;
        }

        public RetrySchedule retries() {
            return new RetrySchedule(firstRetry, maxRetryDelay, retryFor);
        }

        private static Duration within(String name, Duration value, Duration fallback, Duration min, Duration max) {
            Duration d = value == null ? fallback : value;
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException("Invalid leadscore.webhook-delivery." + name + ": " + d
                        + ", expected " + min + " to " + max);
            }
            return d;
        }
    }
}

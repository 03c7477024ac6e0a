package io.leadscore.app.webhooks;

import io.leadscore.batch.webhooks.Deliveries;
import io.leadscore.batch.webhooks.Outbox;
import io.leadscore.batch.webhooks.RetrySchedule;
import io.leadscore.batch.webhooks.SecretSeal;
import io.leadscore.batch.webhooks.Subscriber;
import io.leadscore.batch.webhooks.Subscribers;
import io.leadscore.batch.webhooks.WebhookSignature;
import io.leadscore.scoring.domain.Printable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The delivery worker of {@code serve}: takes due deliveries from the store,
 * posts each event signed (HMAC-SHA256 of the raw body, docs/events.md)
 * with the JDK's HTTP client, at most {@code concurrency} at a time and
 * without blocking anything else (requests never wait for a subscriber), and
 * records the outcome: delivered on a 2xx answer; otherwise tried again with
 * exponential backoff ({@link RetrySchedule}) until the retry window ends. It
 * wakes when an outbox write of this process commits and otherwise polls the
 * store, so events written by other processes (a nightly run from cron, a
 * second {@code serve}) go out too. Redirects are not followed. A secret or a
 * body never reaches the log.
 */
public class WebhookDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /** Reads an environment variable (the secrets of config-file subscribers). */
    public interface Environment {
        String get(String name);
    }

    private final WebhookSettings.Delivery settings;
    private final Deliveries deliveries;
    private final Subscribers subscribers;
    private final Outbox outbox;
    private final TargetPolicy targets;
    private final Environment environment;
    private final Clock clock;
    private final RetrySchedule retries;
    private final Semaphore slots;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean running;
    private ScheduledExecutorService loop;
    private ExecutorService senders;
    private HttpClient http;

    public WebhookDispatcher(WebhookSettings.Delivery settings, Deliveries deliveries, Subscribers subscribers,
                             Outbox outbox, TargetPolicy targets, Environment environment, Clock clock) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.subscribers = subscribers;
        this.outbox = outbox;
        this.targets = targets;
        this.environment = environment;
        this.clock = clock;
        this.retries = settings.retries();
        this.slots = new Semaphore(settings.concurrency());
        outbox.afterCommit(this::wake);
    }

    @Override
    public synchronized void start() {
        senders = Executors.newFixedThreadPool(Math.min(4, settings.concurrency()), daemon("leadscore-webhook-send-"));
        // HTTP/1.1: over http:// the client's default would offer every receiver an upgrade to h2c with each post
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(senders)
                .build();
        loop = Executors.newSingleThreadScheduledExecutor(daemon("leadscore-webhooks-"));
        running = true;
        loop.scheduleWithFixedDelay(this::poll, 0, settings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
        loop.scheduleWithFixedDelay(this::prune, PRUNE_EVERY.toMinutes(), PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
        log.info("Webhook deliveries: polling every {}, {} at a time, retried for {}", settings.pollEvery(),
                settings.concurrency(), settings.retryFor());
    }

    /** Asks the worker to look for due deliveries now (after a commit that wrote events). */
    public void wake() {
        if (running && wakeQueued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    wakeQueued.set(false);
                    poll();
                });
            } catch (RuntimeException e) {
                wakeQueued.set(false);
            }
        }
    }

    /** Takes as many due deliveries as there are free slots and sends them. */
    void poll() {
        if (!running) {
            return;
        }
        try {
            int free = slots.availablePermits();
            if (free == 0) {
                return;
            }
            Instant now = clock.instant();
            List<Deliveries.Claimed> claimed = deliveries.claim(now, lease(), free);
            for (Deliveries.Claimed delivery : claimed) {
                slots.acquireUninterruptibly();
                send(delivery);
            }
        } catch (RuntimeException e) {
            log.error("Cannot take webhook deliveries from the store: {}", Printable.of(e.getMessage()));
        }
    }

    /** How long a claim holds: the answer's timeout, and time to record it. */
    private Duration lease() {
        return settings.timeout().plusSeconds(30);
    }

    private void send(Deliveries.Claimed delivery) {
        HttpRequest request;
        try {
            request = request(delivery);
        } catch (IllegalStateException | IllegalArgumentException e) {
            try {
                failed(delivery, null, e.getMessage());
            } finally {
                slots.release();
            }
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> {
                    try {
                        if (error == null && response.statusCode() / 100 == 2) {
                            if (!deliveries.delivered(delivery, clock.instant(), response.statusCode())) {
                                lapsed(delivery);
                            }
                        } else if (error == null) {
                            failed(delivery, response.statusCode(), "HTTP " + response.statusCode());
                        } else {
                            failed(delivery, null, describe(error));
                        }
                    } catch (RuntimeException e) {
                        log.error("Cannot record the outcome of webhook delivery {}: {}", delivery.id(),
                                Printable.of(e.getMessage()));
                    } finally {
                        slots.release();
                        wake();
                    }
                });
    }

    private HttpRequest request(Deliveries.Claimed delivery) {
        URI uri = URI.create(delivery.url());
        if (delivery.origin() == Subscriber.Origin.API) {
            targets.refusal(uri).ifPresent(why -> {
                throw new IllegalStateException("not sent: " + why);
            });
        }
        String secret = secret(delivery);
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "leadscore-webhooks")
                .header(WebhookSignature.EVENT_ID_HEADER, delivery.eventId())
                .header(WebhookSignature.EVENT_TYPE_HEADER, delivery.eventType())
                .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private String secret(Deliveries.Claimed delivery) {
        Optional<Subscribers.Signing> signing;
        try {
            signing = subscribers.signing(delivery.subscriberId());
        } catch (SecretSeal.SealBrokenException e) {
            throw new IllegalStateException("not sent: " + e.getMessage(), e);
        }
        if (signing.isEmpty()) {
            throw new IllegalStateException("not sent: its subscriber is gone from the store");
        }
        if (signing.get().secret() != null) {
            return signing.get().secret();
        }
        String variable = signing.get().secretEnv();
        String secret = variable == null ? null : environment.get(variable);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("not sent: the environment variable " + variable
                    + " that holds its secret is not set in this serve process");
        }
        return secret;
    }

    private void failed(Deliveries.Claimed delivery, Integer status, String error) {
        Instant now = clock.instant();
        int failures = delivery.attempts() + 1;
        Instant next = retries.next(failures, delivery.recordedAt(), now).orElse(null);
        if (!deliveries.failed(delivery, now, status, error, next)) {
            lapsed(delivery);
            return;
        }
        if (next == null) {
            log.warn("Gave up webhook delivery {} ({} {} to subscriber {}) after {} attempts: {}", delivery.id(),
                    delivery.eventType(), delivery.eventId(), delivery.subscriberId(), failures, error);
        } else {
            log.debug("Webhook delivery {} failed ({}), attempt {}; next at {}", delivery.id(), error, failures, next);
        }
    }

    /**
     * The outcome came after the claim's lease had run out (the answer took longer than the lease, or the clock
     * jumped) and another worker took the delivery: at least once holds, but the receiver may get the event twice.
     */
    private static void lapsed(Deliveries.Claimed delivery) {
        log.warn("Webhook delivery {} ({} {}) was taken by another worker after its claim ran out; its outcome here is"
                + " not recorded and the receiver may get the event twice", delivery.id(), delivery.eventType(),
                delivery.eventId());
    }

    /** The last error as an operator reads it: what failed and, from the first cause that says, why. */
    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer within the timeout";
        }
        String why = said(cause.getMessage()) ? cause.getMessage() : null;
        Throwable deeper = cause;
        // the first cause below that says why, else the deepest one's kind
        for (int depth = 0; why == null && deeper.getCause() != null && depth < 10; depth++) {
            deeper = deeper.getCause();
            if (said(deeper.getMessage())) {
                why = deeper.getClass().getSimpleName() + ": " + deeper.getMessage();
            } else if (deeper.getCause() == null) {
                why = deeper.getClass().getSimpleName();
            }
        }
        return Printable.of(cause.getClass().getSimpleName() + (why == null ? "" : ": " + why));
    }

    private static boolean said(String message) {
        return message != null && !message.isBlank();
    }

    private void prune() {
        try {
            int removed = deliveries.prune(clock.instant().minus(settings.keepFor()));
            if (removed > 0) {
                log.info("Forgot {} settled webhook deliveries older than {}", removed, settings.keepFor());
            }
        } catch (RuntimeException e) {
            log.error("Cannot prune webhook deliveries: {}", Printable.of(e.getMessage()));
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
        if (senders != null) {
            senders.shutdownNow();
            senders = null;
        }
        http = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

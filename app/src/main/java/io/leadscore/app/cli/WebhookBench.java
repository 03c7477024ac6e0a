package io.leadscore.app.cli;

import com.sun.net.httpserver.HttpServer;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.stages.StageTransitions.LeadMove;
import io.leadscore.batch.webhooks.Subscribers;
import io.leadscore.batch.webhooks.WebhookEventType;
import io.leadscore.batch.webhooks.WebhookSignature;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.Transition;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code leadscore bench webhooks}: event-to-webhook latency with a local
 * receiver. In a {@code serve}-like session (the delivery worker running), it
 * moves leads to MQL one at a time, each in its own transaction as a live
 * event would, at a steady rate, and times each from the commit of its move to
 * the moment the receiver has the signed {@code mql.created} (checked against
 * the secret),
 * against a floor measured in the same run: the same receiver and signature,
 * posted by a bare HTTP client with no store.
 */
final class WebhookBench {
    private static final Pattern LEAD = Pattern.compile("\"lead_id\":\"([^\"]+)\"");
    private static final String SECRET = "bench-secret-0123456789abcdef";

    record Result(String phase, int events, double ratePerSecond, double p50Ms, double p90Ms, double p99Ms,
                  double maxMs, int badSignatures) {
    }

    private final StoreSession session;

    WebhookBench(StoreSession session) {
        this.session = session;
    }

    List<Result> run(int events, double rate) throws Exception {
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        AtomicInteger badSignatures = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                long now = System.nanoTime();
                if (!WebhookSignature.verify(SECRET, body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER))) {
                    badSignatures.incrementAndGet();
                }
                Matcher m = LEAD.matcher(new String(body, StandardCharsets.UTF_8));
                if (m.find()) {
                    received.putIfAbsent(m.group(1), now);
                }
                exchange.sendResponseHeaders(204, -1);
            } finally {
                exchange.close();
            }
        });
        receiver.start();
        try {
            Clock clock = session.bean(Clock.class);
            session.bean(Subscribers.class).add("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    EnumSet.of(WebhookEventType.MQL_CREATED), SECRET, "bench", clock.instant().minusSeconds(1));
            Result live = phase("outbox to webhook", "L", events, rate, committed, received, badSignatures);
            Result floor = floor("floor: a plain signed POST", "F", events, rate,
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/floor", committed, received, badSignatures);
            return List.of(floor, live);
        } finally {
            receiver.stop(0);
        }
    }

    private Result phase(String name, String prefix, int events, double rate, Map<String, Long> committed,
                         Map<String, Long> received, AtomicInteger badSignatures) throws Exception {
        JdbcTemplate jdbc = session.bean(JdbcTemplate.class);
        StageTransitions transitions = session.bean(StageTransitions.class);
        TransactionTemplate tx = new TransactionTemplate(session.bean(PlatformTransactionManager.class));
        Clock clock = session.bean(Clock.class);
        long gap = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            String key = prefix + "-" + i;
            Instant now = clock.instant();
            OffsetDateTime t = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
            long next = start + i * gap;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO lead (lead_key, created_at, content_hash, stage, stage_changed_at, imported_at,"
                        + " updated_at) VALUES (?, ?, 0, 'LEAD', ?, ?, ?)", key, t, t, t, t);
                long id = jdbc.queryForObject("SELECT id FROM lead WHERE lead_key = ?", Long.class, key);
                transitions.record(List.of(new LeadMove(id, new Transition(Stage.LEAD, Stage.MQL, now,
                        "fast-track: demo request"))), "bench", 0);
            });
            committed.put(key, System.nanoTime());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && countPrefix(received, prefix) < events) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        int got = countPrefix(received, prefix);
        if (got < events) {
            throw new IllegalStateException("only " + got + " of " + events + " webhooks arrived within 2 minutes");
        }
        return summary(name, prefix, events, committed, received, badSignatures);
    }

    private static Result summary(String name, String prefix, int events, Map<String, Long> committed,
                                  Map<String, Long> received, AtomicInteger badSignatures) {
        double[] ms = new double[events];
        for (int i = 0; i < events; i++) {
            String key = prefix + "-" + i;
            ms[i] = (received.get(key) - committed.get(key)) / 1e6;
        }
        Arrays.sort(ms);
        double seconds = (committed.get(prefix + "-" + (events - 1)) - committed.get(prefix + "-0")) / 1e9;
        return new Result(name, events, seconds > 0 ? (events - 1) / seconds : events, pct(ms, 0.50), pct(ms, 0.90),
                pct(ms, 0.99), ms[ms.length - 1], badSignatures.get());
    }

    /**
     * The floor in the same run: the same receiver, the same kind of body signed the same way, posted by one JDK
     * HTTP client in a loop at the same rate, timed from the moment before the send to the receipt; no store.
     */
    private Result floor(String name, String prefix, int events, double rate, String url, Map<String, Long> sent,
                         Map<String, Long> received, AtomicInteger badSignatures) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long gap = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            String key = prefix + "-" + i;
            long wait = start + i * gap - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            byte[] body = ("{\"id\":\"" + key + "\",\"type\":\"mql.created\",\"lead_id\":\"" + key + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            sent.put(key, System.nanoTime());
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
        }
        return summary(name, prefix, events, sent, received, badSignatures);
    }

    private static int countPrefix(Map<String, Long> received, String prefix) {
        int n = 0;
        for (String k : received.keySet()) {
            if (k.startsWith(prefix + "-")) {
                n++;
            }
        }
        return n;
    }

    private static double pct(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

}

package io.leadscore.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of {@code leadscore bench events}: posts realistic event
 * batches to a running {@code serve} over HTTP, as a CRM would — new leads,
 * and engagement on the leads created so far (mostly page views and e-mail,
 * now and then a pricing view, a webinar, a demo request) — and measures
 * what the goals name: events per second sustained with batches, and
 * the time a single-event request takes to be answered (committed, rescored,
 * moved). The baseline in the same run is the server's health endpoint: the
 * HTTP round trip with no store work.
 */
final class EventsBench {
    /** Activity types with the weights the load draws them by (a lead's engagement is mostly reading). */
    private static final String[] TYPES = {"page_view", "page_view", "page_view", "page_view", "email_open",
            "email_open", "email_click", "content_download", "pricing_view", "webinar_registered", "webinar_attended",
            "form_submit", "demo_request"};
    private static final String[] INDUSTRIES = {"software", "manufacturing", "finance", "healthcare", "retail"};
    private static final String[] SENIORITY = {"individual", "manager", "director", "vp", "c_level"};
    private static final String[] SOURCES = {"webinar", "organic", "paid_search", "referral", "event"};

    record Options(URI server, String token, int seconds, int batch, int clients, int singles, long seed) {
    }

    /** Latency percentiles of one kind of request, in milliseconds. */
    record Latency(int requests, double p50, double p99, double max) {
        static Latency of(long[] nanos, int n) {
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            return new Latency(n, at(sorted, 0.50), at(sorted, 0.99), n == 0 ? 0 : sorted[n - 1] / 1e6);
        }

        private static double at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
        }
    }

    record Result(long events, long rejected, String firstRejection, double seconds, double eventsPerSecond, Latency batches, Latency singles,
                  Latency health) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Options options;
    /**
     * The leads one client has created: it names in activities only those a server's answer has acknowledged
     * (a lead still in flight in another request would be an unknown lead, rightly refused).
     */
    private final class Leads {
        private final String prefix;
        private int created;
        private int acknowledged;

        Leads(int client) {
            this.prefix = run + "-c" + client + "-";
        }
    }
    private final String run;

    EventsBench(Options options) {
        this.options = options;
        this.run = "bench-" + Long.toString(options.seed(), 36) + "-" + Long.toString(System.currentTimeMillis(), 36);
    }

    Result run(io.leadscore.batch.store.JobProgress progress) throws Exception {
        // warm-up: the server's first requests load the champion and compile the hot paths
        SplittableRandom warm = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        Leads warmLeads = new Leads(-1);
        for (int i = 0; i < 20; i++) {
            post(batch(warm, 20, warmLeads));
        }
        Latency health = health(Math.max(200, options.singles()));
        AtomicLong events = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstRejection = new java.util.concurrent.atomic.AtomicReference<>();
        long[][] latencies = new long[options.clients()][];
        int[] counts = new int[options.clients()];
        long start = System.nanoTime();
        long end = start + options.seconds() * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(options.seed() * 31 + client);
                    Leads leads = new Leads(client);
                    long[] own = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        String body = batch(random, options.batch(), leads);
                        long t0 = System.nanoTime();
                        Answer answer = post(body);
                        leads.acknowledged = leads.created;
                        long took = System.nanoTime() - t0;
                        if (n == own.length) {
                            own = Arrays.copyOf(own, n * 2);
                        }
                        own[n++] = took;
                        events.addAndGet(answer.accepted() + answer.unchanged());
                        rejected.addAndGet(answer.rejected());
                        if (answer.rejected() > 0) {
                            firstRejection.compareAndSet(null, answer.firstRejection());
                        }
                        if (client == 0) {
                            progress.report("posting batches", (System.nanoTime() - start) / 1_000_000_000L,
                                    options.seconds());
                        }
                    }
                    latencies[client] = own;
                    counts[client] = n;
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            progress.finished("posting batches");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < counts.length; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Latency batches = Latency.of(all, total);
        SplittableRandom random = new SplittableRandom(options.seed() + 7);
        Leads singleLeads = new Leads(options.clients());
        long[] singles = new long[options.singles()];
        for (int i = 0; i < options.singles(); i++) {
            String body = batch(random, 1, singleLeads);
            long t0 = System.nanoTime();
            post(body);
            singleLeads.acknowledged = singleLeads.created;
            singles[i] = System.nanoTime() - t0;
            if (i % 100 == 0) {
                progress.report("single-event requests", i, options.singles());
            }
        }
        progress.finished("single-event requests");
        return new Result(events.get(), rejected.get(), firstRejection.get(), seconds, events.get() / seconds, batches,
                Latency.of(singles, singles.length), health);
    }

    /** A batch as a CRM sends one: about one new lead in ten items, the rest engagement on leads of this run. */
    private String batch(SplittableRandom random, int size, Leads own) {
        StringBuilder leads = new StringBuilder();
        StringBuilder activities = new StringBuilder();
        Instant now = Instant.now();
        for (int i = 0; i < size; i++) {
            int known = own.acknowledged;
            if (known < 10 || random.nextInt(10) == 0) {
                int id = ++own.created;
                comma(leads).append("{\"lead_id\":\"").append(own.prefix).append(id)
                        .append("\",\"created_at\":\"").append(now.minusSeconds(random.nextInt(600)))
                        .append("\",\"company\":\"Company ").append(id % 5000)
                        .append("\",\"industry\":\"").append(INDUSTRIES[random.nextInt(INDUSTRIES.length)])
                        .append("\",\"employees\":").append(5 + random.nextInt(5000))
                        .append(",\"seniority\":\"").append(SENIORITY[random.nextInt(SENIORITY.length)])
                        .append("\",\"source\":\"").append(SOURCES[random.nextInt(SOURCES.length)]).append("\"}");
            } else {
                int lead = 1 + random.nextInt(known);
                String type = random.nextInt(100) == 0 ? "demo_request" : TYPES[random.nextInt(TYPES.length - 1)];
                comma(activities).append("{\"lead_id\":\"").append(own.prefix).append(lead)
                        .append("\",\"occurred_at\":\"").append(now.minusMillis(random.nextInt(60_000)))
                        .append("\",\"type\":\"").append(type).append("\"}");
            }
        }
        return "{\"leads\":[" + leads + "],\"activities\":[" + activities + "]}";
    }

    private static StringBuilder comma(StringBuilder out) {
        return out.isEmpty() ? out : out.append(',');
    }

    private record Answer(int accepted, int unchanged, int rejected, String firstRejection) {
    }

    private Answer post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(options.server().resolve("/api/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + options.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + request.uri() + " answered " + response.statusCode() + ": "
                    + (response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body()));
        }
        String json = response.body();
        int rejected = count(json, "\"reason\":");
        String first = null;
        if (rejected > 0) {
            int from = json.indexOf("\"rejected\":[");
            int to = json.indexOf('}', from);
            first = from < 0 || to < 0 ? null : json.substring(from + "\"rejected\":[".length(), to + 1);
        }
        return new Answer(number(json, "\"accepted\":"), number(json, "\"unchanged\":"), rejected, first);
    }

    private Latency health(int n) throws IOException, InterruptedException {
        long[] nanos = new long[n];
        HttpRequest request = HttpRequest.newBuilder(options.server().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t0;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
        }
        return Latency.of(nanos, n);
    }

    private static int number(String json, String key) {
        int at = json.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int i = at + key.length();
        int value = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            value = value * 10 + (json.charAt(i++) - '0');
        }
        return value;
    }

    private static int count(String json, String key) {
        int n = 0;
        for (int at = json.indexOf(key); at >= 0; at = json.indexOf(key, at + 1)) {
            n++;
        }
        return n;
    }
}

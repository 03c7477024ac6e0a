package io.leadscore.app.cli;

import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.rescoring.RescoreFloor;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.retraining.TrainingReport;
import io.leadscore.data.synthetic.GenerationSummary;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.ModelFile;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.scoring.Algorithm;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code leadscore bench rescore --leads N}: the nightly rescoring measured
 * end to end on a generated store, with a plain-JDBC floor in the same JVM.
 * It never touches the product's store: by default it builds one under
 * ./leadscore-data/bench-N/ (pass --db for another, empty one).
 */
@Command(name = "bench", description = {
        "bench events --url URL: posts realistic event batches to a running 'serve' (token from --token-env,",
        "role ingest or admin) and measures events/s with batches and the answer time of single-event requests.",
        "bench rescore: measures the nightly rescoring end to end: loads a generated store (N leads, about 15 activities each),",
        "runs the first rescoring (building every lead's state), then three nights with a day of new activity each:",
        "rescoreJob, a plain-JDBC floor (same reads, scoring, writes, no Spring Batch), rescoreJob again.",
        "Run it with the heap it must fit: LEADSCORE_JAVA_OPTS=-Xmx1g ./leadscore bench rescore --leads 1000000"})
final class BenchCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Parameters(index = "0", paramLabel = "WHAT", description = "what to measure: rescore, events, webhooks")
    String what;

    @Option(names = "--url", paramLabel = "URL", description = "events: the running serve, e.g. http://localhost:8080")
    String url;

    @Option(names = "--token-env", paramLabel = "VAR", description = "events: the variable holding an API token with the ingest or admin role (default LEADSCORE_TOKEN)")
    String tokenEnv = "LEADSCORE_TOKEN";

    @Option(names = "--seconds", paramLabel = "S", description = "events: how long batches are posted, 5 to 3,600 (default 60)")
    int seconds = 60;

    @Option(names = "--batch", paramLabel = "N", description = "events: items per batch, 1 to 10,000 (default 100)")
    int batch = 100;

    @Option(names = "--clients", paramLabel = "N", description = "events: requests in flight at once, 1 to 64 (default 4)")
    int clients = 4;

    @Option(names = "--singles", paramLabel = "N", description = "events: single-event requests timed one after another, 100 to 100,000 (default 2000)")
    int singles = 2_000;

    @Option(names = "--leads", paramLabel = "N", description = "leads in the generated store, 1,000 to 10,000,000 (default 1000000)")
    int leads = 1_000_000;

    @Option(names = "--activities-per-lead", paramLabel = "A", description = "mean activities per lead, more than 0, at most 1,000 (default 15)")
    double perLead = 15;

    @Option(names = "--grid-size", paramLabel = "N", description = "partitions, 1 to 64 (default: the number of cores)")
    Integer gridSize;

    @Option(names = "--workers", paramLabel = "K", description = "rescore on PostgreSQL: also run nights on K local"
            + " 'leadscore worker' processes (rescore --remote) beside a local-thread night, 1 to 16")
    Integer workers;

    @Option(names = "--events", paramLabel = "N", description = "webhooks: events to time, 10 to 1,000,000 (default 2000)")
    int events = 2_000;

    @Option(names = "--rate", paramLabel = "R", description = "webhooks: events a second, 1 to 10,000 (default 100)")
    double rate = 100;

    @Option(names = "--seed", paramLabel = "S", description = "random seed, any whole number (default 1)")
    long seed = 1;

    @Override
    public Integer call() throws Exception {
        if ("webhooks".equalsIgnoreCase(what.strip())) {
            return webhooks();
        }
        if ("events".equalsIgnoreCase(what.strip())) {
            return events();
        }
        if (!"rescore".equalsIgnoreCase(what.strip())) {
            throw new UsageException("unknown benchmark '" + what + "', expected: rescore, events, webhooks");
        }
        if (leads < 1_000 || leads > 10_000_000) {
            throw new UsageException("--leads " + leads + ": expected 1,000 to 10,000,000");
        }
        if (!(perLead > 0 && perLead <= 1_000)) {
            throw new UsageException("--activities-per-lead " + perLead + ": expected more than 0, at most 1,000");
        }
        if (gridSize != null && (gridSize < 1 || gridSize > 64)) {
            throw new UsageException("--grid-size " + gridSize + ": expected 1 to 64");
        }
        GlobalOptions globals = root.globals();
        if (workers != null && (workers < 1 || workers > 16)) {
            throw new UsageException("--workers " + workers + ": expected 1 to 16");
        }
        if (workers != null && (globals.db == null || globals.dbUrl().startsWith("jdbc:h2:"))) {
            throw new UsageException("--workers needs a PostgreSQL store (--db jdbc:postgresql://...): worker processes"
                    + " share the store the manager partitions");
        }
        if (globals.db == null) {
            Path dir = Path.of("leadscore-data", "bench-" + leads);
            if (Files.exists(dir)) {
                throw new UsageException("the benchmark store " + dir + " exists already: remove it, or pass --db to an empty store");
            }
            globals.db = "jdbc:h2:file:./" + dir.resolve("leadscore");
        }
        globals.create = true;
        Output out = new Output(System.out, globals.format());
        byte[] model = trainChampion(globals);
        try (StoreSession session = StoreSession.open(globals)) {
            ModelRegistry registry = session.bean(ModelRegistry.class);
            ModelArtifact artifact = ModelFile.fromBytes(model);
            Instant end = GeneratorOptions.DEFAULT_UNTIL.atStartOfDay(ZoneOffset.UTC).toInstant();
            var record = registry.register(artifact, model, end, null, "bench");
            registry.promote(record.version(), "benchmark champion", "bench");
            RescoreBench.Options options;
            try {
                options = new RescoreBench.Options(leads, perLead, seed, end,
                        gridSize != null ? gridSize : session.bean(LeadscoreSettings.class).rescore().gridSizeOrDefault());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            RescoreBench bench = new RescoreBench(session.bean(DataSource.class), session.bean(Rescoring.class),
                    session.bean(RescoreFloor.class));
            RescoreBench.Result result;
            if (workers == null) {
                result = bench.run(options, record.version(), TerminalProgress.forTerminal(globals.quiet()));
            } else {
                // one thread per worker process up to the grid, the same partitions as the local-thread night
                try (WorkerProcesses started = WorkerProcesses.start(globals, workers,
                        Math.max(1, options.gridSize() / workers))) {
                    result = bench.run(options, record.version(), TerminalProgress.forTerminal(globals.quiet()),
                            new RescoreBench.RemoteNights(workers, Math.max(options.gridSize(), workers)));
                }
            }
            print(result, out);
        }
        return 0;
    }

    /**
     * Event-to-webhook latency: {@code --events} MQL moves at {@code --rate} a second, each timed from its commit to
     * its signed delivery at a local receiver. On a new in-memory store unless --db names an empty one.
     */
    private Integer webhooks() throws Exception {
        if (events < 10 || events > 1_000_000) {
            throw new UsageException("--events " + events + ": expected 10 to 1,000,000");
        }
        if (!(rate >= 1 && rate <= 10_000)) {
            throw new UsageException("--rate " + rate + ": expected 1 to 10,000 a second");
        }
        GlobalOptions globals = root.globals();
        if (globals.db == null) {
            globals.db = "jdbc:h2:mem:bench-webhooks-" + ManagementFactory.getRuntimeMXBean().getPid() + ";DB_CLOSE_DELAY=-1";
        }
        globals.create = true;
        StoreLocation.check(globals.dbUrl(), true);
        Output out = new Output(System.out, globals.format());
        try (StoreSession session = StoreSession.open(globals, WebApplicationType.NONE, Map.of(
                "leadscore.scheduler.enabled", "true", "leadscore.schedule.rescore", "-",
                "leadscore.schedule.sla-check", "-", "leadscore.webhook-delivery.allow-private-addresses", "true"))) {
            for (WebhookBench.Result r : new WebhookBench(session).run(events, rate)) {
                if (out.format() == OutputFormat.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("phase", r.phase());
                    m.put("events", r.events());
                    m.put("rate_per_second", r.ratePerSecond());
                    m.put("p50_ms", r.p50Ms());
                    m.put("p90_ms", r.p90Ms());
                    m.put("p99_ms", r.p99Ms());
                    m.put("max_ms", r.maxMs());
                    m.put("bad_signatures", r.badSignatures());
                    out.json(m);
                } else {
                    System.out.printf(Locale.ROOT, "%s: %,d events at %.0f/s, commit to signed delivery:"
                            + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %d bad signatures%n", r.phase(),
                            r.events(), r.ratePerSecond(), r.p50Ms(), r.p90Ms(), r.p99Ms(), r.maxMs(), r.badSignatures());
                }
            }
        }
        return 0;
    }

    /** {@code bench events}: needs no store of its own; the server it posts to has one. */
    private int events() throws Exception {
        if (url == null || url.isBlank()) {
            throw new UsageException("bench events needs --url, the running serve (e.g. http://localhost:8080)");
        }
        java.net.URI server;
        try {
            server = java.net.URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url " + url + ": not a URL (" + e.getMessage() + ")");
        }
        if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
            throw new UsageException("--url " + url + ": expected http://HOST:PORT or https://HOST:PORT");
        }
        String token = System.getenv(tokenEnv);
        if (token == null || token.isBlank()) {
            throw new UsageException("the variable " + tokenEnv + " holds no API token: expected one with the ingest or"
                    + " admin role (make one with 'leadscore serve --new-token' and configure its hash for serve)");
        }
        if (seconds < 5 || seconds > 3_600) {
            throw new UsageException("--seconds " + seconds + ": expected 5 to 3,600");
        }
        if (batch < 1 || batch > 10_000) {
            throw new UsageException("--batch " + batch + ": expected 1 to 10,000");
        }
        if (clients < 1 || clients > 64) {
            throw new UsageException("--clients " + clients + ": expected 1 to 64");
        }
        if (singles < 100 || singles > 100_000) {
            throw new UsageException("--singles " + singles + ": expected 100 to 100,000");
        }
        GlobalOptions globals = root.globals();
        EventsBench.Result r = new EventsBench(new EventsBench.Options(server, token.strip(), seconds, batch, clients,
                singles, seed)).run(TerminalProgress.forTerminal(globals.quiet()));
        Output out = new Output(System.out, globals.format());
        if (out.format() == OutputFormat.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("events", r.events());
            root.put("rejected", r.rejected());
            root.put("first_rejection", r.firstRejection());
            root.put("seconds", r.seconds());
            root.put("events_per_second", r.eventsPerSecond());
            root.put("batch", batch);
            root.put("clients", clients);
            root.put("batch_p50_ms", r.batches().p50());
            root.put("batch_p99_ms", r.batches().p99());
            root.put("single_p50_ms", r.singles().p50());
            root.put("single_p99_ms", r.singles().p99());
            root.put("health_p50_ms", r.health().p50());
            root.put("health_p99_ms", r.health().p99());
            out.json(root);
            return 0;
        }
        out.line(String.format(Locale.ROOT, "%,d events in %.1f s with batches of %d from %d clients: %,.0f events/s"
                + " (%d items refused%s)", r.events(), r.seconds(), batch, clients, r.eventsPerSecond(), r.rejected(),
                r.firstRejection() == null ? "" : ", e.g. " + r.firstRejection()));
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("batch of " + batch, r.batches().requests(), ms(r.batches().p50()), ms(r.batches().p99()),
                ms(r.batches().max())));
        rows.add(List.of("single event", r.singles().requests(), ms(r.singles().p50()), ms(r.singles().p99()),
                ms(r.singles().max())));
        rows.add(List.of("health (baseline)", r.health().requests(), ms(r.health().p50()), ms(r.health().p99()),
                ms(r.health().max())));
        out.table(List.of("request", "count", "p50 ms", "p99 ms", "max ms"), rows);
        out.line(String.format(Locale.ROOT, "single event over the HTTP baseline: p50 %.1f×, p99 %.1f×",
                r.singles().p50() / r.health().p50(), r.singles().p99() / r.health().p99()));
        return 0;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    /** A champion trained on a generated 20,000-lead history in a throw-away in-memory store. */
    private static byte[] trainChampion(GlobalOptions globals) throws Exception {
        Path dir = Files.createTempDirectory("leadscore-bench-model-");
        GlobalOptions scratch = new GlobalOptions();
        scratch.db = "jdbc:h2:mem:bench-model-" + ManagementFactory.getRuntimeMXBean().getPid();
        scratch.quiet = globals.quiet;
        try (StoreSession session = StoreSession.openOrCreate(scratch)) {
            GenerationSummary history = GenerateCommand.generate(dir, GeneratorOptions.defaults().withLeads(20_000),
                    globals.quiet());
            session.bean(CrmImport.class).run(new CrmImport.Request(dir.resolve("leads.csv").toString(),
                    dir.resolve("activities.csv").toString(), dir.resolve("deals.csv").toString(), null));
            TrainingReport trained = session.bean(Retraining.class).run(new Retraining.Request(
                    history.options().until().atStartOfDay(ZoneOffset.UTC).toInstant(), Algorithm.GRADIENT_BOOSTING,
                    PromotionMode.FORCE, null, List.of("sales_verdict")));
            return session.bean(ModelRegistry.class).get(trained.version()).artifact();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void print(RescoreBench.Result r, Output out) {
        Runtime rt = Runtime.getRuntime();
        if (out.format() == OutputFormat.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("leads", r.leads());
            root.put("activities", r.activities());
            root.put("load_seconds", r.loadSeconds());
            root.put("grid_size", r.gridSize());
            root.put("max_heap_bytes", rt.maxMemory());
            List<Map<String, Object>> runs = new ArrayList<>();
            for (RescoreBench.Run run : r.runs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("run", run.what());
                m.put("as_of", run.asOf().toString());
                m.put("leads_scored", run.leadsScored());
                m.put("new_activities", run.newActivities());
                m.put("seconds", run.seconds());
                m.put("leads_per_second", run.leadsPerSecond());
                runs.add(m);
            }
            root.put("runs", runs);
            root.put("job_over_floor", r.overhead());
            if (r.remoteOverLocal() != null) {
                root.put("remote_over_local", r.remoteOverLocal());
            }
            out.json(root);
            return;
        }
        out.line(String.format(Locale.ROOT, "Store: %,d leads, %,d activities, loaded in %.0f s; %d partitions; max heap %,d MB",
                r.leads(), r.activities(), r.loadSeconds(), r.gridSize(), rt.maxMemory() >> 20));
        List<List<?>> rows = new ArrayList<>();
        for (RescoreBench.Run run : r.runs()) {
            rows.add(List.of(run.what(), run.newActivities(), run.leadsScored(),
                    String.format(Locale.ROOT, "%.1f", run.seconds()), String.format(Locale.ROOT, "%,.0f", run.leadsPerSecond())));
        }
        out.table(List.of("run", "new activities", "leads scored", "seconds", "leads/s"), rows);
        out.line(String.format(Locale.ROOT, "rescoreJob over the plain-JDBC floor (night 3 / night 2): %.2f×", r.overhead()));
        if (r.remoteOverLocal() != null) {
            out.line(String.format(Locale.ROOT, "remote over local threads (night 6 / night 5): %.2f×", r.remoteOverLocal()));
        }
    }
}

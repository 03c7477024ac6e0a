package io.leadscore.batch.rescoring;

import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Seniority;
import io.leadscore.scoring.policy.Policy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly rescoring measured end to end on a generated store, with a
 * floor measured in the same JVM: the same reader, scoring and writes run by
 * plain threads and JDBC transactions, without Spring Batch. The store is
 * loaded directly (leads with firmographics, and about {@code perLead}
 * activities each over two years), then:
 * <ol>
 *   <li>the first run builds every lead's engagement state from its whole history;</li>
 *   <li>three nights follow, each after a day of new activity (the history's
 *       daily volume on random leads, and a day of new leads): night 1 with
 *       rescoreJob (warm-up), night 2 with the floor, night 3 with rescoreJob.
 *       Nights 2 and 3 do the same work; their ratio is the job's overhead.</li>
 * </ol>
 */
@Service
public class RescoreBenchmark {
    private static final int LOAD_BATCH = 10_000;
    private static final String[] INDUSTRIES = {"software", "financial services", "manufacturing", "healthcare", "retail",
            "education", "logistics", "telecom", "energy", "media"};
    private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "NL", "ES", "IN", "CA", "AU", "SE"};
    private static final String[] DEPARTMENTS = {"it", "marketing", "sales", "finance", "operations", "hr"};
    private static final String[] SOURCES = {"organic_search", "paid_search", "webinar", "event", "content", "referral",
            "outbound", "partner"};
    private static final double[] TYPE_WEIGHTS = {40, 6, 8, 3, 2, 20, 8, 4, 0.6, 0.4, 0.5, 0.8, 1, 0.7};

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final StageTransitions transitions;
    private final Rescoring rescoring;
    private final ChampionModels champions;
    private final PolicyStore policies;
    private final PlatformTransactionManager transactions;
    private final LeadscoreSettings settings;

    public RescoreBenchmark(DataSource dataSource, JdbcTemplate jdbc, StageTransitions transitions,
                            Rescoring rescoring, ChampionModels champions, PolicyStore policies,
                            PlatformTransactionManager transactions, LeadscoreSettings settings) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.rescoring = rescoring;
        this.champions = champions;
        this.policies = policies;
        this.transactions = transactions;
        this.settings = settings;
    }

    /** What to generate and run. */
    public record Options(int leads, double activitiesPerLead, long seed, Instant end, Integer gridSize) {
        public Options {
            if (leads < 1_000) {
                throw new IllegalArgumentException("Invalid --leads " + leads + ": the benchmark needs at least 1,000");
            }
            if (!(activitiesPerLead > 0)) {
                throw new IllegalArgumentException("Invalid activities per lead: " + activitiesPerLead);
            }
        }
    }

    /** One timed run. */
    public record Run(String what, Instant asOf, long leadsScored, long newActivities, double seconds) {
        public double leadsPerSecond() {
            return leadsScored / seconds;
        }
    }

    /** Everything measured. */
    public record Result(long leads, long activities, double loadSeconds, int gridSize, List<Run> runs) {
        /** The job's time on night 3 over the floor's on night 2 (the same work). */
        public double overhead() {
            return runs.get(3).seconds() / runs.get(2).seconds();
        }
    }

    /**
     * Loads the store (which must hold no leads) and runs the first run and three nights.
     *
     * @param championVersion the registered champion the runs score with
     */
    public Result run(Options options, String championVersion, JobProgress progress) throws Exception {
        Long existing = jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class);
        if (existing != null && existing > 0) {
            throw new IllegalStateException("the benchmark store already holds " + existing + " leads: use a new store");
        }
        int grid = options.gridSize() != null ? options.gridSize() : settings.rescore().gridSizeOrDefault();
        SplittableRandom random = new SplittableRandom(options.seed());
        long loadStarted = System.nanoTime();
        long activities = load(options, random, progress);
        double loadSeconds = seconds(loadStarted);

        List<Run> runs = new ArrayList<>();
        Instant t0 = options.end();
        runs.add(job("first run (builds every state from the whole history)", t0, 0, grid));
        Instant night = t0;
        for (int n = 1; n <= 3; n++) {
            Instant previous = night;
            night = night.plus(Duration.ofDays(1));
            long added = addDay(previous, night, options, random);
            runs.add(n == 2 ? floor("night 2, plain-JDBC floor (same reads, scoring and writes, no Spring Batch)", night,
                    added, grid, championVersion) : job("night " + n + ", rescoreJob", night, added, grid));
            progress.report("benchmark nights", n, 3);
        }
        progress.finished("benchmark nights");
        return new Result(options.leads(), activities, loadSeconds, grid, runs);
    }

    private Run job(String what, Instant asOf, long added, int grid) {
        long started = System.nanoTime();
        RescoreReport report = rescoring.run(new Rescoring.Request(asOf, false, grid));
        double elapsed = seconds(started);
        if (!report.completed()) {
            throw new IllegalStateException("the benchmark's rescoring failed: " + report.failure());
        }
        return new Run(what, asOf, report.figures().leadsScored(), added, elapsed);
    }

    /** The same reader and writer per partition, on plain threads, one JDBC transaction per chunk. */
    private Run floor(String what, Instant asOf, long added, int grid, String version) throws Exception {
        ChampionModel champion = champions.get(version, policies.current().mqlThreshold());
        Map<String, ExecutionContext> partitions = new LeadRangePartitioner(jdbc).partition(grid);
        int chunk = settings.rescore().chunkSizeOrDefault();
        long runId = -System.currentTimeMillis();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(partitions.size());
        long started = System.nanoTime();
        List<Future<Long>> done = new ArrayList<>();
        Policy policy = policies.current().withMqlThreshold(champion.threshold());
        for (ExecutionContext range : partitions.values()) {
            done.add(pool.submit(() -> {
                OpenLeadReader reader = new OpenLeadReader(dataSource, range.getLong(LeadRangePartitioner.FROM),
                        range.getLong(LeadRangePartitioner.TO), champion.settingsKey(), asOf, chunk);
                RescoreProcessor processor = new RescoreProcessor(champion, policy, asOf);
                RescoreWriter writer = new RescoreWriter(jdbc, transitions, champion, asOf, null);
                writer.runId(runId);
                reader.open(new ExecutionContext());
                long scored = 0;
                try {
                    while (true) {
                        List<ScoredLead> items = new ArrayList<>(chunk);
                        OpenLead lead;
                        while (items.size() < chunk && (lead = reader.read()) != null) {
                            items.add(processor.process(lead));
                        }
                        if (items.isEmpty()) {
                            return scored;
                        }
                        tx.executeWithoutResult(status -> writer.write(new Chunk<>(items)));
                        scored += items.size();
                    }
                } finally {
                    reader.close();
                }
            }));
        }
        long scored = 0;
        for (Future<Long> f : done) {
            scored += f.get();
        }
        pool.shutdown();
        return new Run(what, asOf, scored, added, seconds(started));
    }

    /** Leads over two years before {@code end}, and their activities, inserted in id order. */
    private long load(Options options, SplittableRandom random, JobProgress progress) throws SQLException {
        Instant end = options.end();
        Instant start = end.minus(Duration.ofDays(730));
        long span = Duration.between(start, end).toMillis();
        long activities = 0;
        // the unique event key is built after the load: maintaining it row by row would dominate the load
        jdbc.execute("ALTER TABLE activity DROP CONSTRAINT activity_event_unique");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            PreparedStatement leads = c.prepareStatement("INSERT INTO lead (lead_key, created_at, email, industry, employees,"
                    + " annual_revenue, country, seniority, department, source, content_hash, stage, stage_changed_at,"
                    + " imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)");
            PreparedStatement events = c.prepareStatement("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash)"
                    + " VALUES (?, ?, ?, NULL, 0)");
            Seniority[] seniorities = Seniority.values();
            for (int i = 1; i <= options.leads(); i++) {
                long created = start.toEpochMilli() + (long) (span * (double) (i - 1) / options.leads());
                Instant createdAt = Instant.ofEpochMilli(created);
                leads.setString(1, String.format("B-%08d", i));
                Instants.bind(leads, 2, createdAt);
                leads.setString(3, "lead" + i + (random.nextInt(5) == 0 ? "@gmail.example" : "@company" + i % 997 + ".example"));
                leads.setString(4, INDUSTRIES[random.nextInt(INDUSTRIES.length)]);
                leads.setLong(5, (long) Math.exp(2 + 6 * random.nextDouble()));
                leads.setDouble(6, Math.exp(12 + 6 * random.nextDouble()));
                leads.setString(7, COUNTRIES[random.nextInt(COUNTRIES.length)]);
                leads.setString(8, seniorities[random.nextInt(seniorities.length)].wireName());
                leads.setString(9, DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]);
                leads.setString(10, SOURCES[random.nextInt(SOURCES.length)]);
                leads.setString(11, random.nextInt(40) == 0 ? (random.nextBoolean() ? "WON" : "LOST") : "LEAD");
                Instants.bind(leads, 12, createdAt);
                Instants.bind(leads, 13, end);
                Instants.bind(leads, 14, end);
                leads.addBatch();
                if (i % LOAD_BATCH == 0 || i == options.leads()) {
                    leads.executeBatch();
                    c.commit();
                }
            }
            c.commit();
            long leadId = minLeadId(c);
            for (int i = 1; i <= options.leads(); i++, leadId++) {
                long created = start.toEpochMilli() + (long) (span * (double) (i - 1) / options.leads());
                int count = poisson(random, options.activitiesPerLead());
                long time = created;
                long room = Math.max(1, end.toEpochMilli() - created);
                for (int e = 0; e < count; e++) {
                    // engagement comes soon after creation and thins out: exponential gaps of a tenth of the room
                    time += 1 + (long) (-Math.log(1 - random.nextDouble()) * room / (10.0 * Math.max(1, count)) * 3);
                    if (time >= end.toEpochMilli()) {
                        break;
                    }
                    events.setLong(1, leadId);
                    Instants.bind(events, 2, Instant.ofEpochMilli(time));
                    events.setShort(3, (short) type(random));
                    events.addBatch();
                    activities++;
                    if (activities % LOAD_BATCH == 0) {
                        events.executeBatch();
                        c.commit();
                    }
                }
                if (i % 10_000 == 0) {
                    progress.report("loading the benchmark store", i, options.leads());
                }
            }
            events.executeBatch();
            c.commit();
        }
        progress.finished("loading the benchmark store");
        jdbc.execute("ALTER TABLE activity ADD CONSTRAINT activity_event_unique UNIQUE (lead_id, occurred_at, type, detail_hash)");
        return activities;
    }

    private long minLeadId(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MIN(id) FROM lead")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A day of activity: the history's daily volume on random existing leads, and a day's new leads. */
    private long addDay(Instant from, Instant to, Options options, SplittableRandom random) {
        int perDay = (int) Math.round(options.leads() * options.activitiesPerLead() / 730.0);
        int newLeads = Math.max(1, options.leads() / 730);
        Long minId = jdbc.queryForObject("SELECT MIN(id) FROM lead", Long.class);
        Long maxId = jdbc.queryForObject("SELECT MAX(id) FROM lead", Long.class);
        long span = Duration.between(from, to).toMillis();
        List<Object[]> leads = new ArrayList<>(newLeads);
        for (int i = 0; i < newLeads; i++) {
            Instant created = from.plusMillis((long) (random.nextDouble() * span));
            leads.add(new Object[] {"N-" + to.toEpochMilli() + "-" + i, Instants.utc(created), INDUSTRIES[random.nextInt(INDUSTRIES.length)],
                    SOURCES[random.nextInt(SOURCES.length)], Instants.utc(created), Instants.utc(to), Instants.utc(to)});
        }
        jdbc.batchUpdate("INSERT INTO lead (lead_key, created_at, industry, source, content_hash, stage, stage_changed_at,"
                + " imported_at, updated_at) VALUES (?, ?, ?, ?, 0, 'LEAD', ?, ?, ?)", leads);
        List<Object[]> events = new ArrayList<>(perDay);
        for (int e = 0; e < perDay; e++) {
            long lead = minId + (long) (random.nextDouble() * (maxId - minId + 1));
            events.add(new Object[] {lead, Instants.utc(from.plusMillis((long) (random.nextDouble() * span))),
                    (short) type(random), (long) e + 1});
        }
        jdbc.batchUpdate("INSERT INTO activity (lead_id, occurred_at, type, detail, detail_hash) VALUES (?, ?, ?, NULL, ?)",
                events);
        return perDay;
    }

    private static int type(SplittableRandom random) {
        double total = 0;
        for (double w : TYPE_WEIGHTS) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int t = 0; t < TYPE_WEIGHTS.length; t++) {
            u -= TYPE_WEIGHTS[t];
            if (u < 0) {
                return ActivityType.values()[t].ordinal();
            }
        }
        return 0;
    }

    private static int poisson(SplittableRandom random, double mean) {
        // normal approximation for the large means of a benchmark; at least zero
        double draw = mean + Math.sqrt(mean) * gaussian(random);
        return (int) Math.max(0, Math.round(draw));
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

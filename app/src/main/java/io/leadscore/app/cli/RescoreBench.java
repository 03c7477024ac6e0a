package io.leadscore.app.cli;

import io.leadscore.batch.rescoring.RescoreFloor;
import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.store.BulkLoad;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.data.synthetic.LoadTestHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The nightly rescoring measured end to end on a generated store, with a
 * floor measured in the same JVM ({@link RescoreFloor}: the same reader,
 * processor and writer on plain threads, without Spring Batch). The store is
 * loaded in bulk with a {@link LoadTestHistory} (leads with firmographics and
 * about {@code activitiesPerLead} activities each over two years), then:
 * <ol>
 *   <li>the first run builds every lead's engagement state from its whole history;</li>
 *   <li>three nights follow, each after a day of new activity (the history's daily volume on random leads, and
 *       a day of new leads): night 1 with rescoreJob (warm-up), night 2 with the floor, night 3 with
 *       rescoreJob. Nights 2 and 3 do the same work; their ratio is the job's overhead.</li>
 * </ol>
 */
final class RescoreBench {
    private final DataSource dataSource;
    private final Rescoring rescoring;
    private final RescoreFloor floor;

    RescoreBench(DataSource dataSource, Rescoring rescoring, RescoreFloor floor) {
        this.dataSource = dataSource;
        this.rescoring = rescoring;
        this.floor = floor;
    }

    /** What to generate and run. */
    record Options(int leads, double activitiesPerLead, long seed, Instant end, int gridSize) {
        Options {
            if (leads < 1_000) {
                throw new IllegalArgumentException("Invalid --leads " + leads + ": the benchmark needs at least 1,000");
            }
            if (!(activitiesPerLead > 0)) {
                throw new IllegalArgumentException("Invalid --activities-per-lead " + activitiesPerLead
                        + ": expected a positive number");
            }
        }
    }

    /** One timed run. */
    record Run(String what, Instant asOf, long leadsScored, long newActivities, double seconds) {
        double leadsPerSecond() {
            return leadsScored / seconds;
        }
    }

    /** Everything measured. */
    record Result(long leads, long activities, double loadSeconds, int gridSize, List<Run> runs) {
        /** The job's time on night 3 over the floor's on night 2 (the same work). */
        double overhead() {
            return runs.get(3).seconds() / runs.get(2).seconds();
        }

        /** With worker processes: the remote run's time on night 6 over the local-thread run's on night 5, else null. */
        Double remoteOverLocal() {
            return runs.size() < 7 ? null : runs.get(6).seconds() / runs.get(5).seconds();
        }
    }

    /**
     * Nights 4 to 6 with {@code workers} worker processes of this store ({@code --workers}), already started: night 4
     * remote (warms the workers up), night 5 on local threads, night 6 remote, each partitioned {@code partitions}
     * ways. Nights 5 and 6 do the same work; their ratio is the remote protocol's cost.
     */
    record RemoteNights(int workers, int partitions) {
    }

    /**
     * Loads the store (which must hold no leads) and runs the first run and three nights.
     *
     * @param championVersion the registered champion the runs score with
     */
    Result run(Options options, String championVersion, JobProgress progress) throws Exception {
        return run(options, championVersion, progress, null);
    }

    /** As {@link #run(Options, String, JobProgress)}, then the remote nights when {@code remote} is given. */
    Result run(Options options, String championVersion, JobProgress progress, RemoteNights remote) throws Exception {
        LoadTestHistory history = new LoadTestHistory(options.leads(), options.activitiesPerLead(), options.seed(),
                options.end());
        long loadStarted = System.nanoTime();
        long activities;
        try (BulkLoad load = BulkLoad.into(dataSource, options.end())) {
            history.leads(load::lead);
            progress.report("loading the benchmark store", 0, options.leads());
            history.activities((lead, at, type) -> {
                load.activity(lead, at, type);
                if (lead % 10_000 == 0 && lead > 0) {
                    progress.report("loading the benchmark store", lead, options.leads());
                }
            });
            activities = load.activities();
        }
        progress.finished("loading the benchmark store");
        double loadSeconds = seconds(loadStarted);

        List<Run> runs = new ArrayList<>();
        Instant night = options.end();
        runs.add(job("first run (builds every state from the whole history)", night, 0, options.gridSize()));
        for (int n = 1; n <= 3; n++) {
            Instant previous = night;
            night = night.plus(Duration.ofDays(1));
            BulkLoad.Day day = BulkLoad.day(dataSource, night);
            long added = history.day(previous, night, day::lead, day::activity);
            day.write();
            runs.add(n == 2 ? floor("night 2, plain-JDBC floor (same reads, scoring and writes, no Spring Batch)", night,
                    added, options.gridSize(), championVersion)
                    : job("night " + n + ", rescoreJob", night, added, options.gridSize()));
            progress.report("benchmark nights", n, 3);
        }
        progress.finished("benchmark nights");
        for (int n = 4; remote != null && n <= 6; n++) {
            Instant previous = night;
            night = night.plus(Duration.ofDays(1));
            BulkLoad.Day day = BulkLoad.day(dataSource, night);
            long added = history.day(previous, night, day::lead, day::activity);
            day.write();
            runs.add(n == 5 ? job("night 5, rescoreJob on local threads", night, added, remote.partitions())
                    : remoteJob("night " + n + ", rescoreJob on " + remote.workers() + " worker processes", night, added,
                    remote.partitions()));
        }
        return new Result(options.leads(), activities, loadSeconds, options.gridSize(), runs);
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

    private Run remoteJob(String what, Instant asOf, long added, int partitions) {
        long started = System.nanoTime();
        RescoreReport report = rescoring.run(new Rescoring.Request(asOf, false, partitions, new Rescoring.Remote(null)));
        double elapsed = seconds(started);
        if (!report.completed()) {
            throw new IllegalStateException("the benchmark's remote rescoring failed: " + report.failure());
        }
        return new Run(what, asOf, report.figures().leadsScored(), added, elapsed);
    }

    private Run floor(String what, Instant asOf, long added, int grid, String version) throws Exception {
        long started = System.nanoTime();
        long scored = floor.run(asOf, version, grid);
        return new Run(what, asOf, scored, added, seconds(started));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

package io.leadscore.app.cli;

import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.rescoring.RemoteSettings;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.scoring.domain.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore rescore}: the nightly job. */
@Command(name = "rescore", description = {
        "Rescores every open lead with the champion model, records score history, moves leads across the MQL",
        "threshold (or on a fast-track signal) with the reasons, and measures drift."})
final class RescoreCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--as-of", paramLabel = "DATETIME", description = "score as of this time, 1970-01-01 to 2199-12-31 (default: now)")
    String asOf;

    @Option(names = "--restart", description = "restart the last run that failed or was killed, from its last committed chunk")
    boolean restart;

    @Option(names = "--force", description = "start a new run even if this as-of time was rescored already")
    boolean force;

    @Option(names = "--grid-size", paramLabel = "N", description = "partitions run in parallel, 1 to 64 (default: the number of cores)")
    Integer gridSize;

    @Option(names = "--remote", description = "hand the partitions to the 'leadscore worker' processes of this store"
            + " (PostgreSQL), on any machine, instead of local threads")
    boolean remote;

    @Option(names = "--partitions", paramLabel = "N", description = "with --remote: partitions handed out, 1 to 1024"
            + " (default 16, or leadscore.remote.partitions)")
    Integer partitions;

    @Option(names = "--worker-timeout", paramLabel = "DURATION", description = "with --remote: how long partitions"
            + " may wait while no worker works on the run before it fails, restartable; 1s to 24h, e.g. 90s, 5m, 1h"
            + " (default 5m)")
    String workerTimeout;

    @Override
    public Integer call() {
        if (restart && (asOf != null || force || remote || partitions != null || workerTimeout != null)) {
            throw new UsageException("--restart continues the last run as it was (a remote run is handed to the workers"
                    + " again): it takes no --as-of, --force, --remote, --partitions or --worker-timeout");
        }
        if (gridSize != null && (gridSize < 1 || gridSize > 64)) {
            throw new UsageException("--grid-size " + gridSize + ": expected 1 to 64");
        }
        if (!remote && (partitions != null || workerTimeout != null)) {
            throw new UsageException((partitions != null ? "--partitions" : "--worker-timeout")
                    + " is for remote runs: add --remote (or use --grid-size for local threads)");
        }
        if (remote && gridSize != null) {
            throw new UsageException("--grid-size sets local threads; a remote run takes --partitions");
        }
        if (partitions != null && (partitions < 1 || partitions > RemoteSettings.MAX_PARTITIONS)) {
            throw new UsageException("--partitions " + partitions + ": expected 1 to " + RemoteSettings.MAX_PARTITIONS);
        }
        Duration timeout = workerTimeout == null ? null : duration("--worker-timeout", workerTimeout);
        Instant when = AsOf.parse("--as-of", asOf);
        GlobalOptions globals = root.globals();
        if (remote) {
            requireSharedStore(globals, "rescore --remote");
        }
        try (StoreSession session = StoreSession.open(globals)) {
            Rescoring rescoring = session.bean(Rescoring.class);
            RescoreReport report;
            try {
                report = restart ? rescoring.restart() : rescoring.run(remote
                        ? new Rescoring.Request(when, force, partitions, new Rescoring.Remote(timeout))
                        : new Rescoring.Request(when, force, gridSize));
            } catch (Rescoring.NoChampionException | Rescoring.AlreadyRescoredException
                     | Rescoring.RemoteNeedsSharedStoreException e) {
                throw new UsageException(e.getMessage());
            } catch (IllegalStateException e) {
                if (restart) {
                    throw new UsageException(e.getMessage());
                }
                throw e;
            }
            print(report, rescoring.beyondTraining(report).orElse(null), new Output(System.out, globals.format()));
            if (!report.completed()) {
                throw new JobFailedException("the rescoring failed: " + report.failure()
                        + "; finish it with 'leadscore rescore --restart'");
            }
            return 0;
        }
    }

    /** Remote rescoring needs a store that several machines share: refused on the embedded H2 store (exit 2). */
    static void requireSharedStore(GlobalOptions globals, String command) {
        if (globals.dbUrl().startsWith("jdbc:h2:")) {
            throw new UsageException(command + " needs a store that several machines share: PostgreSQL"
                    + " (--db jdbc:postgresql://...); the embedded H2 store rescores on local threads only");
        }
    }

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m|h)");

    /** A duration as people write it ({@code 90s}, {@code 5m}, {@code 1h}) or in ISO-8601 ({@code PT5M}). */
    static Duration duration(String option, String text) {
        Duration d;
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            }
        } catch (RuntimeException e) {
            throw new UsageException(option + " " + text + ": expected a duration such as 90s, 5m or 1h");
        }
        if (!RemoteSettings.validWorkerTimeout(d)) {
            throw new UsageException(option + " " + text + ": expected 1s to 24h");
        }
        return d;
    }

    /** @param beyond the run's leads older than any its model learned from, or {@code null} when not known */
    static void print(RescoreReport r, Rescoring.BeyondTraining beyond, Output out) {
        RescoreReport.RunFigures f = r.figures();
        if (out.format() == OutputFormat.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("run_id", r.runId());
            root.put("status", r.status());
            root.put("as_of", Timestamps.format(r.asOf()));
            if (f != null) {
                root.put("model_version", f.modelVersion());
                root.put("mql_threshold", f.threshold());
                root.put("leads_scored", f.leadsScored());
                root.put("mqls_created", f.mqlsCreated());
                root.put("psi", f.psi());
                root.put("drift_warning", f.psi() != null && f.psi() > 0.2);
                root.put("leads_beyond_training", beyond == null ? null : beyond.leads());
                root.put("oldest_seen_age_days", beyond == null ? null : beyond.oldestSeenDays());
            }
            root.put("partitions", r.partitions());
            root.put("read", r.read());
            root.put("written", r.written());
            root.put("skipped", r.skipped());
            root.put("seconds", r.seconds());
            root.put("failure", r.failure());
            out.json(root);
            return;
        }
        out.line(String.format(Locale.ROOT, "Rescoring run %d as of %s: %s", r.runId(), Timestamps.format(r.asOf()),
                r.status()));
        if (f != null) {
            out.line(String.format(Locale.ROOT, "  model %s, MQL threshold %.3f", f.modelVersion(), f.threshold()));
            out.line(String.format(Locale.ROOT, "  %,d open leads without a deal scored, %,d new MQLs", f.leadsScored(), f.mqlsCreated()));
            if (beyond != null && beyond.leads() > 0) {
                out.line(String.format(Locale.ROOT, "  %,d of them older than any lead model %s was trained or validated"
                        + " on (%,d days):%n    scored beyond what its figures speak for", beyond.leads(), f.modelVersion(),
                        beyond.oldestSeenDays()));
            }
            if (f.psi() != null) {
                out.line(String.format(Locale.ROOT, "  drift: PSI %.3f%s", f.psi(),
                        f.psi() > 0.2 ? "  — above 0.2: the lead mix has shifted; consider retraining" : ""));
            }
            if (r.seconds() != null) {
                double run = f.finishedAt() != null && f.startedAt() != null
                        ? Duration.between(f.startedAt(), f.finishedAt()).toMillis() / 1000.0 : r.seconds();
                // a restart finishes a run begun earlier: its own time is what it cost, the run's span is context
                String partitions = r.partitions() + (r.partitions() == 1 ? " partition" : " partitions");
                out.line(run > r.seconds() + 1
                        ? String.format(Locale.ROOT, "  %s, %.1f s (the run began %.0f s before it finished)",
                                partitions, r.seconds(), run)
                        : String.format(Locale.ROOT, "  %s, %.1f s", partitions, r.seconds()));
            }
        }
    }
}

package io.leadscore.app.cli;

import io.leadscore.batch.store.JobHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore jobs}: ops' view of job runs. */
@Command(name = "jobs", description = "Lists job runs, newest first: job, as-of, status, read/written/skipped, duration, drift.")
final class JobsCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--job", paramLabel = "NAME", description = "only runs of this job: rescoreJob or rescore, slaCheckJob or sla-check, crmImportJob or import, retrainJob or train, funnelReportJob or report-funnel")
    String job;

    static final int MAX_LIMIT = 10_000;

    @Option(names = "--limit", paramLabel = "N", description = "how many runs, 1 to 10,000 (default 20)")
    int limit = 20;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UsageException("--limit " + limit + ": expected 1 to 10,000");
        }
        if (job != null && !job.isBlank()) {
            // said before the store is opened: a job that does not exist has no runs to list
            JobHistory.jobName(job);
        }
        GlobalOptions globals = root.globals();
        Output out = new Output(System.out, globals.format());
        try (StoreSession session = StoreSession.open(globals)) {
            List<JobHistory.Run> runs = session.bean(JobHistory.class).recent(job, limit);
            List<String> headers = List.of("execution", "run", "job", "as_of", "status", "read", "written", "skipped",
                    "seconds", "psi");
            List<List<?>> rows = new ArrayList<>();
            List<List<?>> csvRows = new ArrayList<>();
            List<Map<String, Object>> json = new ArrayList<>();
            for (JobHistory.Run r : runs) {
                String seconds = r.duration() == null ? "" : String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0);
                String psi = r.psi() == null ? "" : String.format(Locale.ROOT, "%.3f", r.psi());
                rows.add(List.of(r.executionId(), r.runId(), r.job(), r.asOf() == null ? "" : r.asOf(), r.status(),
                        r.read(), r.written(), r.skipped(), seconds, psi));
                // CSV is for programs: every digit
                csvRows.add(List.of(r.executionId(), r.runId(), r.job(), r.asOf() == null ? "" : r.asOf(), r.status(),
                        r.read(), r.written(), r.skipped(),
                        r.duration() == null ? "" : (Object) (r.duration().toMillis() / 1000.0),
                        r.psi() == null ? "" : (Object) r.psi()));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("execution_id", r.executionId());
                m.put("run_id", r.runId());
                m.put("job", r.job());
                m.put("as_of", r.asOf());
                m.put("status", r.status());
                m.put("exit_message", r.exitMessage() == null || r.exitMessage().isBlank() ? null : r.exitMessage());
                m.put("started_at", r.startedAt() == null ? null : JobHistory.instant(r.startedAt()).toString());
                m.put("read", r.read());
                m.put("written", r.written());
                m.put("skipped", r.skipped());
                m.put("duration_seconds", r.duration() == null ? null : r.duration().toMillis() / 1000.0);
                m.put("psi", r.psi());
                json.add(m);
            }
            switch (out.format()) {
                case json -> out.json(json);
                case csv -> out.csv(headers, csvRows);
                case table -> {
                    if (runs.isEmpty()) {
                        out.line("No job runs yet.");
                    } else {
                        out.table(headers, rows);
                    }
                }
            }
            return 0;
        }
    }
}

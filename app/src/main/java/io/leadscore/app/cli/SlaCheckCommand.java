package io.leadscore.app.cli;

import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.slacheck.SlaCheckReport;
import io.leadscore.scoring.domain.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore sla-check}: MQLs not followed up within the SLA become breaches; stale ones are recycled. */
@Command(name = "sla-check", description = {
        "Finds MQLs not followed up within the SLA, records the breaches, and recycles to nurture",
        "those left beyond the policy's recycle-after days (reason sla_recycled)."})
final class SlaCheckCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--as-of", paramLabel = "DATETIME", description = "judge the SLA as of this time, 1970-01-01 to now (default: now)")
    String asOf;

    @Override
    public Integer call() {
        Instant when = AsOf.parse("--as-of", asOf);
        try (StoreSession session = StoreSession.open(root.globals())) {
            SlaCheck check = session.bean(SlaCheck.class);
            SlaCheckReport report;
            try {
                report = when == null ? check.run() : check.run(when);
            } catch (IllegalArgumentException e) {
                // SlaCheck's one documented refusal: an as-of time in the future
                throw new UsageException("--as-of " + asOf + ": " + e.getMessage());
            }
            print(report, new Output(System.out, root.globals().format()), Integer.MAX_VALUE);
            if (!report.completed()) {
                throw new JobFailedException("the SLA check failed: " + report.failure()
                        + "; its state is kept, run it again to finish");
            }
            return 0;
        }
    }

    /** @param maxRows breaches listed in the table at most (all go to JSON and CSV) */
    static void print(SlaCheckReport report, Output out, int maxRows) {
        List<SlaCheckReport.Breach> listed = new ArrayList<>(report.breaches());
        for (SlaCheckReport.Breach b : report.recycled()) {
            if (!listed.contains(b)) {
                listed.add(b);
            }
        }
        switch (out.format()) {
            case json -> out.json(json(report, listed));
            case csv -> out.csv(List.of("lead_id", "mql_at", "due_at", "detected_at", "first_touch_at", "recycled_at"),
                    rows(listed, false));
            case table -> {
                SlaCheckReport.Counts c = report.counts();
                if (report.terms() != null) {
                    out.line(String.format(Locale.ROOT, "SLA: first follow-up within %s hours; recycled after %d days"
                                    + " (policy v%d). Checked as of %s.", Output.number(report.terms().slaHours()),
                            report.terms().recycleAfterDays(), report.terms().policyVersion(), Timestamps.format(report.asOf())));
                }
                out.line(String.format(Locale.ROOT, "MQLs examined %,d: met %,d, still waiting %,d, new breaches %,d,"
                                + " earlier breaches followed up since %,d, recycled %,d.", c.examined(), c.met(), c.waiting(),
                        c.breached(),
                        c.touchedAfterBreach(), c.recycled()));
                if (!listed.isEmpty()) {
                    out.line("");
                    List<SlaCheckReport.Breach> shown = listed.size() > maxRows ? listed.subList(0, maxRows) : listed;
                    out.table(List.of("lead_id", "mql_at", "due_at", "overdue", "first_touch_at", "recycled_at"),
                            rows(shown, true));
                    if (shown.size() < listed.size()) {
                        out.line(String.format(Locale.ROOT, "… and %,d more (leadscore sla-check --format csv lists them all)",
                                listed.size() - shown.size()));
                    }
                }
            }
        }
    }

    private static List<List<?>> rows(List<SlaCheckReport.Breach> breaches, boolean overdue) {
        List<List<?>> rows = new ArrayList<>();
        for (SlaCheckReport.Breach b : breaches) {
            List<Object> row = new ArrayList<>();
            row.add(b.leadKey());
            row.add(Timestamps.format(b.mqlAt()));
            row.add(Timestamps.format(b.dueAt()));
            if (overdue) {
                Instant end = b.firstTouchAt() != null ? b.firstTouchAt() : b.detectedAt();
                row.add(hours(Duration.between(b.dueAt(), end)));
            } else {
                row.add(Timestamps.format(b.detectedAt()));
            }
            row.add(b.firstTouchAt() == null ? "" : Timestamps.format(b.firstTouchAt()));
            row.add(b.recycledAt() == null ? "" : Timestamps.format(b.recycledAt()));
            rows.add(row);
        }
        return rows;
    }

    private static String hours(Duration d) {
        double h = d.toMinutes() / 60.0;
        return h >= 48 ? String.format(Locale.ROOT, "%.1f d", h / 24) : String.format(Locale.ROOT, "%.1f h", h);
    }

    private static Map<String, Object> json(SlaCheckReport report, List<SlaCheckReport.Breach> listed) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", report.runId());
        root.put("status", report.status());
        root.put("as_of", Timestamps.format(report.asOf()));
        if (report.terms() != null) {
            root.put("sla_hours", report.terms().slaHours());
            root.put("recycle_after_days", report.terms().recycleAfterDays());
            root.put("policy_version", report.terms().policyVersion());
        }
        SlaCheckReport.Counts c = report.counts();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("examined", c.examined());
        counts.put("met", c.met());
        counts.put("waiting", c.waiting());
        counts.put("breached", c.breached());
        counts.put("touched_after_breach", c.touchedAfterBreach());
        counts.put("expired", c.expired());
        counts.put("recycled", c.recycled());
        root.put("counts", counts);
        List<Map<String, Object>> breaches = new ArrayList<>();
        for (SlaCheckReport.Breach b : listed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lead_id", b.leadKey());
            m.put("mql_at", Timestamps.format(b.mqlAt()));
            m.put("due_at", Timestamps.format(b.dueAt()));
            m.put("detected_at", Timestamps.format(b.detectedAt()));
            m.put("first_touch_at", b.firstTouchAt() == null ? null : Timestamps.format(b.firstTouchAt()));
            m.put("recycled_at", b.recycledAt() == null ? null : Timestamps.format(b.recycledAt()));
            breaches.add(m);
        }
        root.put("breaches", breaches);
        return root;
    }
}

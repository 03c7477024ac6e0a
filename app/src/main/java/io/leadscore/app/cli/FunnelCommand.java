package io.leadscore.app.cli;

import io.leadscore.batch.funnelreport.FunnelActuals;
import io.leadscore.batch.funnelreport.FunnelReport;
import io.leadscore.batch.funnelreport.FunnelReportFailedException;
import io.leadscore.batch.funnelreport.FunnelReports;
import io.leadscore.scoring.domain.Timestamps;
import java.math.BigDecimal;
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

/** {@code leadscore report funnel}: the shared funnel, SLA attainment, rejection reasons and revenue by source. */
@Command(name = "funnel", description = {
        "Stage counts, stage-to-stage conversion, SLA attainment, sales acceptance and rejection reasons,",
        "wins and revenue by source and campaign, for the leads created in [--from, --to)."})
final class FunnelCommand implements Callable<Integer> {
    /** Over which episodes the acceptance figures count, said with them. */
    static final String ACCEPTANCE_EPISODES = FunnelReport.SalesAcceptance.COUNTED_OVER;

    @ParentCommand
    ReportCommand report;

    @Option(names = "--from", paramLabel = "DATE", description = "first day of the cohort (leads created on or after), 1970-01-01 to 2199-12-31")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "end of the cohort (leads created before), 1970-01-01 to 2199-12-31")
    String to;

    @Option(names = "--as-of", paramLabel = "DATETIME", description = "report what had happened by this time,"
            + " 1970-01-01 to now (default: now); the demo reports as of where its history ends")
    String asOf;

    @Override
    public Integer call() {
        Instant when = AsOf.parse("--as-of", asOf);
        Instant fromTime = AsOf.parse("--from", from);
        Instant toTime = AsOf.parse("--to", to);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new UsageException("--from " + from + " is not before --to " + to);
        }
        Instant reportedUpTo = when == null ? Instant.now() : when;
        if (fromTime != null && fromTime.isAfter(reportedUpTo)) {
            // (a --to after it is a period still running: reported so far)
            throw new UsageException("--from " + from + " is after " + (when == null ? "now" : "--as-of " + asOf)
                    + ": no lead of that cohort had arrived by then");
        }
        GlobalOptions globals = report.root.globals();
        try (StoreSession session = StoreSession.open(globals)) {
            FunnelReport funnel;
            try {
                FunnelReports reports = session.bean(FunnelReports.class);
                if (when == null) {
                    funnel = reports.run(fromTime, toTime);
                } else {
                    if (when.isAfter(Instant.now())) {
                        throw new UsageException("--as-of " + asOf + " is in the future: a report counts what had"
                                + " happened by its time");
                    }
                    funnel = reports.run(new io.leadscore.batch.funnelreport.Cohort(fromTime, toTime, when));
                }
            } catch (FunnelReportFailedException e) {
                throw new JobFailedException(e.getMessage() + "; run the report again");
            }
            print(funnel, session.bean(FunnelActuals.class).closedInPeriod(funnel.cohort()),
                    new Output(System.out, globals.format()));
            return 0;
        }
    }

    static void print(FunnelReport r, Output out) {
        print(r, null, out);
    }

    /**
     * @param period the deals closed won in the cohort's dates, whoever the lead (a period's actuals as a quota and a
     *               back-test count them), or {@code null} when the report covers no bounded period
     */
    static void print(FunnelReport r, FunnelActuals.ClosedWon period, Output out) {
        switch (out.format()) {
            case json -> {
                Map<String, Object> root = json(r);
                if (period != null) {
                    Map<String, Object> closed = new LinkedHashMap<>();
                    closed.put("from", Timestamps.format(period.from()));
                    closed.put("to", Timestamps.format(period.to()));
                    closed.put("won_deals", period.wins());
                    closed.put("revenue", period.revenue());
                    root.put("closed_in_period", closed);
                }
                out.json(root);
            }
            case csv -> {
                List<List<?>> rows = csvRows(r);
                if (period != null) {
                    rows.add(List.of("closed_in_period", "all", "won_deals", period.wins()));
                    rows.add(List.of("closed_in_period", "all", "revenue", period.revenue()));
                }
                out.csv(List.of("section", "label", "metric", "value"), rows);
            }
            case table -> table(r, period, out);
        }
    }

    static Map<String, Object> json(FunnelReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", r.runId());
        root.put("from", r.cohort().from() == null ? null : Timestamps.format(r.cohort().from()));
        root.put("to", r.cohort().to() == null ? null : Timestamps.format(r.cohort().to()));
        root.put("as_of", Timestamps.format(r.cohort().asOf()));
        root.put("leads", r.leads());
        Map<String, Object> stages = new LinkedHashMap<>();
        for (FunnelReport.StageCount s : r.stages()) {
            stages.put(s.stage().wireName(), s.leads());
        }
        root.put("stages", stages);
        List<Map<String, Object>> funnel = new ArrayList<>();
        for (FunnelReport.FunnelStep step : r.funnel()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", step.stage().wireName());
            m.put("reached", step.reached());
            m.put("conversion", step.conversion());
            funnel.add(m);
        }
        root.put("funnel", funnel);
        FunnelReport.SlaAttainment s = r.sla();
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("sla_hours", s.slaHours());
        sla.put("policy_version", s.policyVersion());
        sla.put("mqls", s.mqls());
        sla.put("open", s.open());
        sla.put("followed_up", s.followedUp());
        sla.put("within_sla", s.withinSla());
        sla.put("breaches", s.breaches());
        sla.put("recycled", s.recycled());
        sla.put("attainment", s.withinSlaShare());
        sla.put("median_response_hours", s.medianResponseHours());
        sla.put("p90_response_hours", s.p90ResponseHours());
        root.put("sla", sla);
        FunnelReport.SalesAcceptance a = r.acceptance();
        Map<String, Object> acceptance = new LinkedHashMap<>();
        acceptance.put("counted_over", ACCEPTANCE_EPISODES);
        acceptance.put("decided", a.decided());
        acceptance.put("accepted", a.accepted());
        acceptance.put("share", a.share());
        Map<String, Object> onMqls = new LinkedHashMap<>();
        onMqls.put("decided", a.mqlDecided());
        onMqls.put("accepted", a.mqlAccepted());
        onMqls.put("share", a.mqlShare());
        acceptance.put("on_mqls", onMqls);
        root.put("acceptance", acceptance);
        List<Map<String, Object>> rejections = new ArrayList<>();
        for (FunnelReport.Rejection rej : r.rejections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("origin", rej.origin().name().toLowerCase(Locale.ROOT));
            m.put("reason", rej.reason());
            m.put("count", rej.count());
            rejections.add(m);
        }
        root.put("rejection_reasons", rejections);
        root.put("won_deals", r.wonDeals());
        root.put("revenue", r.revenue());
        root.put("by_source", segments(r.sources()));
        root.put("by_campaign", segments(r.campaigns()));
        return root;
    }

    private static List<Map<String, Object>> segments(List<FunnelReport.Segment> segments) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FunnelReport.Segment s : segments) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("leads", s.leads());
            m.put("mqls", s.mqls());
            m.put("won_deals", s.wonDeals());
            m.put("revenue", s.revenue());
            out.add(m);
        }
        return out;
    }

    private static List<List<?>> csvRows(FunnelReport r) {
        List<List<?>> rows = new ArrayList<>();
        for (FunnelReport.StageCount s : r.stages()) {
            rows.add(List.of("stages", s.stage().wireName(), "leads", s.leads()));
        }
        for (FunnelReport.FunnelStep step : r.funnel()) {
            rows.add(List.of("funnel", step.stage().wireName(), "reached", step.reached()));
            if (step.conversion() != null) {
                rows.add(List.of("funnel", step.stage().wireName(), "conversion", step.conversion()));
            }
        }
        FunnelReport.SlaAttainment s = r.sla();
        rows.add(List.of("sla", "all", "mqls", s.mqls()));
        rows.add(List.of("sla", "all", "within_sla", s.withinSla()));
        rows.add(List.of("sla", "all", "breaches", s.breaches()));
        rows.add(List.of("sla", "all", "recycled", s.recycled()));
        addIfPresent(rows, "sla", "attainment", s.withinSlaShare());
        addIfPresent(rows, "sla", "median_response_hours", s.medianResponseHours());
        addIfPresent(rows, "sla", "p90_response_hours", s.p90ResponseHours());
        rows.add(List.of("acceptance", "all", "decided", r.acceptance().decided()));
        rows.add(List.of("acceptance", "all", "accepted", r.acceptance().accepted()));
        rows.add(List.of("acceptance", "mql", "decided", r.acceptance().mqlDecided()));
        rows.add(List.of("acceptance", "mql", "accepted", r.acceptance().mqlAccepted()));
        for (FunnelReport.Rejection rej : r.rejections()) {
            rows.add(List.of("rejection_reasons", rej.reason(), rej.origin().name().toLowerCase(Locale.ROOT), rej.count()));
        }
        for (FunnelReport.Segment seg : r.sources()) {
            segmentRows(rows, "by_source", seg);
        }
        for (FunnelReport.Segment seg : r.campaigns()) {
            segmentRows(rows, "by_campaign", seg);
        }
        return rows;
    }

    private static void addIfPresent(List<List<?>> rows, String section, String metric, Double value) {
        if (value != null) {
            rows.add(List.of(section, "all", metric, value));
        }
    }

    private static void segmentRows(List<List<?>> rows, String section, FunnelReport.Segment seg) {
        String name = seg.name() == null ? "(none)" : seg.name();
        rows.add(List.of(section, name, "leads", seg.leads()));
        rows.add(List.of(section, name, "mqls", seg.mqls()));
        rows.add(List.of(section, name, "won_deals", seg.wonDeals()));
        rows.add(List.of(section, name, "revenue", seg.revenue()));
    }

    private static void table(FunnelReport r, FunnelActuals.ClosedWon period, Output out) {
        String cohort = r.cohort().from() == null && r.cohort().to() == null ? ""
                : " created " + (r.cohort().from() == null ? "" : "from " + Timestamps.format(r.cohort().from()) + " ")
                + (r.cohort().to() == null ? "" : "before " + Timestamps.format(r.cohort().to()));
        out.line(String.format(Locale.ROOT, "Funnel of %,d leads%s, as of %s", r.leads(), cohort.stripTrailing(),
                Timestamps.format(r.cohort().asOf())));
        out.line("");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (FunnelReport.FunnelStep step : r.funnel()) {
            labels.add(step.stage().name());
            values.add((double) step.reached());
            notes.add(step.conversion() == null ? "" : percent(step.conversion()) + " of the stage before");
        }
        out.line("Reached each stage:");
        out.stream().print(TextBars.chart(labels, values, notes, 40));
        out.line("");
        List<List<?>> stageRows = new ArrayList<>();
        for (FunnelReport.StageCount s : r.stages()) {
            stageRows.add(List.of(s.stage().name(), s.leads()));
        }
        out.table(List.of("stage now", "leads"), stageRows);
        FunnelReport.SlaAttainment s = r.sla();
        out.line("");
        out.line(String.format(Locale.ROOT, "SLA (first follow-up within %s h): %,d MQL hand-offs, %,d within the SLA (%s),"
                        + " %,d breaches, %,d recycled, %,d still open", Output.number(s.slaHours()), s.mqls(), s.withinSla(),
                s.withinSlaShare() == null ? "n/a" : percent(s.withinSlaShare()), s.breaches(), s.recycled(), s.open()));
        out.line(String.format(Locale.ROOT, "Response time: median %s, P90 %s", hours(s.medianResponseHours()),
                hours(s.p90ResponseHours())));
        FunnelReport.SalesAcceptance a = r.acceptance();
        out.line(String.format(Locale.ROOT, "Sales acceptance: %,d of %,d verdicts accepted (%s); %s",
                a.accepted(), a.decided(), a.share() == null ? "n/a" : percent(a.share()), a.mqlDecided() == 0
                        ? "none yet on a lead while it was an MQL (the audit trail has no MQL that a follow-up decided)"
                        : String.format(Locale.ROOT, "on MQLs %,d of %,d (%s)", a.mqlAccepted(), a.mqlDecided(),
                                percent(a.mqlShare()))));
        out.line("  (" + ACCEPTANCE_EPISODES + ")");
        if (!r.rejections().isEmpty()) {
            out.line("");
            List<List<?>> rej = new ArrayList<>();
            for (FunnelReport.Rejection x : r.rejections()) {
                rej.add(List.of(x.reason(), x.origin() == FunnelReport.RejectionOrigin.FOLLOW_UP ? "rejected follow-up"
                        : "returned to nurture", x.count()));
            }
            out.table(List.of("rejection reason", "where", "count"), rej);
            out.line("(every rejected follow-up, also those on leads sales had already accepted; the verdicts above");
            out.line(" count only decisions on leads sales had not accepted)");
        }
        out.line("");
        out.line(String.format(Locale.ROOT, "Won deals: %,d, revenue %s", r.wonDeals(), money(r.revenue()))
                + (period == null ? "" : " (deals of these leads, whenever they closed)"));
        if (period != null) {
            // a quarter's wins as a quota counts them, and as simulate's back-tests compare with: another question
            out.line(String.format(Locale.ROOT, "Closed won from %s before %s, whoever the lead: %,d deals, revenue %s"
                            + " (what a quota counts, and what simulate --backtest-* compares with)",
                    Timestamps.format(period.from()), Timestamps.format(period.to()), period.wins(),
                    money(period.revenue())));
        }
        segmentTable(out, "source", r.sources());
        segmentTable(out, "campaign", r.campaigns());
    }

    private static void segmentTable(Output out, String name, List<FunnelReport.Segment> segments) {
        if (segments.isEmpty()) {
            return;
        }
        out.line("");
        List<List<?>> rows = new ArrayList<>();
        for (FunnelReport.Segment s : segments) {
            rows.add(List.of(s.name() == null ? "(none)" : s.name(), s.leads(), s.mqls(), s.wonDeals(), money(s.revenue())));
        }
        out.table(List.of(name, "leads", "mqls", "won", "revenue"), rows);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String hours(Double h) {
        return h == null ? "n/a" : String.format(Locale.ROOT, "%.1f h", h);
    }

    private static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.0f", amount);
    }
}

package io.leadscore.app.web.funnel;

import io.leadscore.app.web.NotFoundException;
import io.leadscore.batch.funnelreport.FunnelReports;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.domain.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Funnel reports for the console and the API: the kept ones, and new ones taken on demand. */
@Service
class Funnels {
    static final int LISTED = 20;

    private final FunnelReports reports;
    private final io.leadscore.batch.funnelreport.FunnelActuals actuals;

    Funnels(FunnelReports reports, io.leadscore.batch.funnelreport.FunnelActuals actuals) {
        this.reports = reports;
        this.actuals = actuals;
    }

    /** A report as {@code report funnel --format json} gives it: with the deals won in its dates, when it has both. */
    private FunnelView view(io.leadscore.batch.funnelreport.FunnelReport report) {
        return FunnelView.of(report).closedInPeriod(actuals.closedInPeriod(report.cohort()));
    }

    Optional<FunnelView> latest() {
        return reports.recent(1).stream().findFirst().map(this::view);
    }

    /** @throws NotFoundException when there is no completed report of that run */
    FunnelView get(long runId) {
        return reports.find(runId).map(this::view)
                .orElseThrow(() -> new NotFoundException("there is no completed funnel report " + runId));
    }

    List<FunnelView> recent() {
        return reports.recent(LISTED).stream().map(this::view).toList();
    }

    /**
     * Takes a report on the leads created in [from, to) as of now.
     *
     * @param from a date or date-time (contract timestamps), or blank for no lower bound
     * @param to   likewise, for no upper bound
     * @throws InvalidInputException when a bound is not a timestamp or from is not before to
     */
    FunnelView take(String from, String to) {
        return take(from, to, null);
    }

    /** A report as of {@code asOf} (default now): what had happened by then, as {@code report funnel --as-of}. */
    FunnelView take(String from, String to, String asOf) {
        Instant f = bound("from", from);
        Instant t = bound("to", to);
        Instant when = bound("as_of", asOf);
        if (f != null && t != null && !f.isBefore(t)) {
            throw new InvalidInputException("from " + from + " is not before to " + to);
        }
        if (when == null) {
            return view(reports.run(f, t));
        }
        if (when.isAfter(Instant.now())) {
            throw new InvalidInputException("as_of " + asOf + " is in the future: a report counts what had happened"
                    + " by its time");
        }
        return view(reports.run(new io.leadscore.batch.funnelreport.Cohort(f, t, when)));
    }

    private static Instant bound(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Timestamps.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name + ": " + e.getMessage());
        }
    }
}

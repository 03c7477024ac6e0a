package io.leadscore.batch.funnelreport;

import io.leadscore.scoring.domain.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The segment section: per lead source and per campaign, the cohort's leads,
 * those that reached MQL (as the stage section counts them), and their deals
 * won by the as-of time with the sum of the amounts.
 */
final class FunnelSegments extends FunnelSection {

    FunnelSegments(NamedParameterJdbcTemplate jdbc, FunnelReportStore store) {
        super(jdbc, store);
    }

    @Override
    protected void write(FunnelReportStore.Header report, StepContribution contribution) {
        Map<FunnelReportStore.Dimension, List<FunnelReport.Segment>> segments = new EnumMap<>(FunnelReportStore.Dimension.class);
        segments.put(FunnelReportStore.Dimension.SOURCE, segments(report, "source", contribution));
        segments.put(FunnelReportStore.Dimension.CAMPAIGN, segments(report, "campaign", contribution));
        contribution.incrementWriteCount(store.writeSegments(report.runId(), segments));
    }

    private List<FunnelReport.Segment> segments(FunnelReportStore.Header report, String column,
                                                StepContribution contribution) {
        List<FunnelReport.Segment> rows = new ArrayList<>();
        jdbc.query(withCohort(report.cohort())
                        + ", reach AS (SELECT c.id, MAX(" + FunnelQueries.reachRankOf("t.to_stage") + ") AS furthest"
                        + "   FROM cohort c LEFT JOIN stage_transition t ON t.lead_id = c.id AND t.occurred_at <= :asOf"
                        + "   GROUP BY c.id),"
                        + " won AS (SELECT d.lead_id, COUNT(*) AS deals, SUM(d.amount) AS amount"
                        + "   FROM deal d JOIN cohort c ON c.id = d.lead_id"
                        + "   WHERE d.status = 'WON' AND d.closed_at <= :asOf GROUP BY d.lead_id)"
                        + " SELECT c." + column + ", COUNT(*),"
                        + " SUM(CASE WHEN r.furthest >= " + FunnelQueries.reachRank(Stage.MQL) + " THEN 1 ELSE 0 END),"
                        + " COALESCE(SUM(w.deals), 0),"
                        + " COALESCE(SUM(w.amount), 0)"
                        + " FROM cohort c JOIN reach r ON r.id = c.id LEFT JOIN won w ON w.lead_id = c.id"
                        + " GROUP BY c." + column,
                FunnelQueries.parameters(report.cohort()), rs -> {
                    rows.add(new FunnelReport.Segment(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getBigDecimal(5)));
                    contribution.incrementReadCount();
                });
        return rows;
    }
}

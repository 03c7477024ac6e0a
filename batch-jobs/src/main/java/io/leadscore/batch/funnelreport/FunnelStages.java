package io.leadscore.batch.funnelreport;

import io.leadscore.scoring.domain.Stage;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The stage section: each cohort lead's stage as of the as-of time (its last
 * move in the audit trail by then, LEAD before any), and how many leads
 * reached each stage of the main path (the furthest stage their audit trail
 * shows, counted for it and every stage before it).
 */
final class FunnelStages extends FunnelSection {

    FunnelStages(NamedParameterJdbcTemplate jdbc, FunnelReportStore store) {
        super(jdbc, store);
    }

    @Override
    protected void write(FunnelReportStore.Header report, StepContribution contribution) {
        MapSqlParameterSource parameters = FunnelQueries.parameters(report.cohort());
        Map<Stage, Long> atStage = new EnumMap<>(Stage.class);
        jdbc.query(withCohort(report.cohort())
                        + ", last_move AS (SELECT t.lead_id, t.to_stage,"
                        + "     ROW_NUMBER() OVER (PARTITION BY t.lead_id ORDER BY t.occurred_at DESC, t.id DESC) AS pos"
                        + "   FROM stage_transition t JOIN cohort c ON c.id = t.lead_id WHERE t.occurred_at <= :asOf)"
                        + " SELECT COALESCE(m.to_stage, 'LEAD') AS stage, COUNT(*) FROM cohort c"
                        + " LEFT JOIN last_move m ON m.lead_id = c.id AND m.pos = 1"
                        + " GROUP BY COALESCE(m.to_stage, 'LEAD')",
                parameters, rs -> {
                    atStage.put(Stage.valueOf(rs.getString(1)), rs.getLong(2));
                    contribution.incrementReadCount();
                });
        long[] leadsByRank = new long[FunnelReport.MAIN_PATH.size()];
        jdbc.query(withCohort(report.cohort())
                        + " SELECT furthest, COUNT(*) FROM (SELECT c.id, MAX(" + FunnelQueries.reachRankOf("t.to_stage")
                        + ") AS furthest FROM cohort c"
                        + "   LEFT JOIN stage_transition t ON t.lead_id = c.id AND t.occurred_at <= :asOf GROUP BY c.id) r"
                        + " GROUP BY furthest",
                parameters, rs -> {
                    leadsByRank[rs.getInt(1)] += rs.getLong(2);
                    contribution.incrementReadCount();
                });
        Map<Stage, Long> reached = new EnumMap<>(Stage.class);
        long atOrBeyond = 0;
        for (int rank = leadsByRank.length - 1; rank >= 0; rank--) {
            atOrBeyond += leadsByRank[rank];
            reached.put(FunnelReport.MAIN_PATH.get(rank), atOrBeyond);
        }
        contribution.incrementWriteCount(store.writeStages(report.runId(), atStage, reached));
    }
}

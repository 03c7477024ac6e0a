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
        Cohort cohort = report.cohort();
        MapSqlParameterSource parameters = FunnelQueries.parameters(cohort);
        Long cohortLeads = jdbc.queryForObject("SELECT COUNT(*) FROM lead l WHERE " + FunnelQueries.cohortCondition(cohort),
                parameters, Long.class);
        // one ordered pass over the cohort's audit trail: the last move of each lead is its stage now,
        // the furthest along the main path is how far it got
        Map<Stage, Long> atStage = new EnumMap<>(Stage.class);
        long[] leadsByRank = new long[FunnelReport.MAIN_PATH.size()];
        long[] moved = {0};
        long[] current = {-1};
        Stage[] last = {null};
        int[] furthest = {0};
        jdbc.query("SELECT t.lead_id, t.to_stage FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                        + " WHERE " + FunnelQueries.cohortCondition(cohort) + " AND t.occurred_at <= :asOf"
                        + " ORDER BY t.lead_id, t.occurred_at, t.id",
                parameters, rs -> {
                    long lead = rs.getLong(1);
                    if (lead != current[0]) {
                        if (current[0] >= 0) {
                            atStage.merge(last[0], 1L, Long::sum);
                            leadsByRank[furthest[0]]++;
                        }
                        current[0] = lead;
                        furthest[0] = 0;
                        moved[0]++;
                    }
                    last[0] = Stage.valueOf(rs.getString(2));
                    furthest[0] = Math.max(furthest[0], FunnelQueries.reachRank(last[0]));
                    contribution.incrementReadCount();
                });
        if (current[0] >= 0) {
            atStage.merge(last[0], 1L, Long::sum);
            leadsByRank[furthest[0]]++;
        }
        long unmoved = (cohortLeads == null ? 0 : cohortLeads) - moved[0];
        if (unmoved > 0) {
            atStage.merge(Stage.LEAD, unmoved, Long::sum);
            leadsByRank[0] += unmoved;
        }
        Map<Stage, Long> reached = new EnumMap<>(Stage.class);
        long atOrBeyond = 0;
        for (int rank = leadsByRank.length - 1; rank >= 0; rank--) {
            atOrBeyond += leadsByRank[rank];
            reached.put(FunnelReport.MAIN_PATH.get(rank), atOrBeyond);
        }
        contribution.incrementWriteCount(store.writeStages(report.runId(), atStage, reached));
    }
}

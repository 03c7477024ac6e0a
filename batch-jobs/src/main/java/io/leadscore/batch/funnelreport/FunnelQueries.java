package io.leadscore.batch.funnelreport;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.StageEngine;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SQL shared by the report's sections: the cohort as a condition on the
 * lead table, and a lead's rank along the main path. Only bound parameters and
 * the stage names of {@link Stage} reach the SQL text.
 */
final class FunnelQueries {
    private FunnelQueries() {
    }

    /**
     * The cohort as a condition on the lead table aliased {@code l}: for joining it directly (H2 evaluates a
     * common table expression joined on a condition again for every row of the other side).
     */
    static String cohortCondition(Cohort cohort) {
        return "l.created_at <= :asOf" + (cohort.from() == null ? "" : " AND l.created_at >= :from")
                + (cohort.to() == null ? "" : " AND l.created_at < :to");
    }

    /**
     * Per cohort lead with a move in the audit trail by the as-of time: the furthest rank it reached along
     * the main path. One aggregate over the trail joined to the lead table.
     */
    static String furthestReach(Cohort cohort) {
        return "SELECT t.lead_id, MAX(" + reachRankOf("t.to_stage") + ") FROM stage_transition t"
                + " JOIN lead l ON l.id = t.lead_id WHERE " + cohortCondition(cohort) + " AND t.occurred_at <= :asOf"
                + " GROUP BY t.lead_id";
    }

    /**
     * A won deal, the one definition the report's revenue and the simulator's back-test share: status WON,
     * counted when it closed, for its amount. {@code alias} is the deal table's alias.
     */
    static String wonDeal(String alias) {
        return alias + ".status = 'WON'";
    }

    /**
     * The cohort's leads that reached MQL by the as-of time: at MQL or any later stage of the main path in the
     * audit trail (as the stage section counts them; a lead sales took straight to SAL counts too).
     */
    static String reachedMql(Cohort cohort) {
        return "SELECT COUNT(*) FROM (" + furthestReach(cohort) + ") r (lead_id, reach) WHERE r.reach >= "
                + reachRank(Stage.MQL);
    }

    /** {@code :asOf}, and {@code :from} and {@code :to} when the cohort has them. */
    static MapSqlParameterSource parameters(Cohort cohort) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("asOf", Instants.utc(cohort.asOf()));
        if (cohort.from() != null) {
            parameters.addValue("from", Instants.utc(cohort.from()));
        }
        if (cohort.to() != null) {
            parameters.addValue("to", Instants.utc(cohort.to()));
        }
        return parameters;
    }

    /** How far along the main path a stage lies: the stage engine's {@link StageEngine#reach}. */
    static int reachRank(Stage stage) {
        return StageEngine.reach(stage);
    }

    /** A SQL expression giving {@link #reachRank} of the stage name in {@code column}; 0 when it is {@code NULL}. */
    static String reachRankOf(String column) {
        StringBuilder sql = new StringBuilder("CASE ").append(column);
        for (Stage stage : Stage.values()) {
            if (reachRank(stage) > 0) {
                sql.append(" WHEN '").append(stage.name()).append("' THEN ").append(reachRank(stage));
            }
        }
        return sql.append(" ELSE 0 END").toString();
    }
}

package io.leadscore.batch.funnelreport;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The SQL shared by the report's sections: the cohort as a common table
 * expression, and a lead's rank along the main path. Only bound parameters and
 * the stage names of {@link Stage} reach the SQL text.
 */
final class FunnelQueries {
    private FunnelQueries() {
    }

    /** {@code cohort(id, source, campaign)}: the leads created in the cohort's window by its as-of time. */
    static String cohortTable(Cohort cohort) {
        return "cohort AS (SELECT l.id, l.source, l.campaign FROM lead l WHERE l.created_at <= :asOf"
                + (cohort.from() == null ? "" : " AND l.created_at >= :from")
                + (cohort.to() == null ? "" : " AND l.created_at < :to") + ")";
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

    /**
     * How far along the main path a stage lies: its index in {@link FunnelReport#MAIN_PATH}; LOST counts as
     * OPPORTUNITY (a deal existed), NURTURE as LEAD.
     */
    static int reachRank(Stage stage) {
        return switch (stage) {
            case LOST -> FunnelReport.MAIN_PATH.indexOf(Stage.OPPORTUNITY);
            case NURTURE -> 0;
            default -> FunnelReport.MAIN_PATH.indexOf(stage);
        };
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

    /** A SQL list of the stages at or beyond SAL along the main path: where an accepted MQL goes next. */
    static String acceptedStages() {
        return Stream.of(Stage.values()).filter(s -> reachRank(s) >= reachRank(Stage.SAL))
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}

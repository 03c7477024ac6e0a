package io.leadscore.simulator.calibration;

import java.util.List;
import java.util.Objects;

/**
 * The four conversion rates after MQL, each the rate among MQLs at the
 * calibration's reference threshold. MQL→SAL holds for a first touch at the
 * response decay's reference response time; faster touches raise its odds
 * and slower ones lower them (see {@link ResponseDecay}).
 *
 * @param mqlToSal         share of touched MQLs that sales accepts
 * @param salToSql         share of SALs that qualify as SQL
 * @param sqlToOpportunity share of SQLs for which a deal is opened
 * @param opportunityToWon share of opportunities won
 */
public record FunnelRates(StageRate mqlToSal, StageRate salToSql, StageRate sqlToOpportunity,
                          StageRate opportunityToWon) {

    /** The JSON names of the stages, in funnel order. */
    public static final List<String> STAGE_NAMES = List.of("mql_to_sal", "sal_to_sql", "sql_to_opportunity",
            "opportunity_to_won");

    public FunnelRates {
        Objects.requireNonNull(mqlToSal, "mqlToSal");
        Objects.requireNonNull(salToSql, "salToSql");
        Objects.requireNonNull(sqlToOpportunity, "sqlToOpportunity");
        Objects.requireNonNull(opportunityToWon, "opportunityToWon");
    }

    /** The rates in funnel order. */
    public List<StageRate> inOrder() {
        return List.of(mqlToSal, salToSql, sqlToOpportunity, opportunityToWon);
    }

    /** The product of the mean rates: MQL to won at the reference response time and the reference threshold. */
    public double meanProduct() {
        return mqlToSal.mean() * salToSql.mean() * sqlToOpportunity.mean() * opportunityToWon.mean();
    }
}

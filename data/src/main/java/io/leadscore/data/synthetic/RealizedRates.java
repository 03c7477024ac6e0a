package io.leadscore.data.synthetic;

/**
 * The funnel a generated world actually realised (not the design targets).
 * Stage rates are over <em>mature</em> leads, those whose label horizon had
 * passed at {@code until}, and follow the generator's decisions: a deal of a
 * mature lead decided lost but not yet closed at {@code until} counts as lost
 * here while {@code deals.csv} still shows it open. A rate whose denominator is
 * zero is {@code NaN}.
 *
 * @param matureLeads                  leads created at least the label horizon before {@code until}
 * @param leadToWon                    share of mature leads with a won deal closed within the horizon (the label)
 * @param meanPConvert                 mean of truth.csv's {@code p_convert} over mature leads, an estimate of
 *                                     {@code leadToWon}
 * @param oracleAuc                    AUC of {@code p_convert} against the label over mature leads, ties counted half
 * @param mqlShare                     share of mature leads handed to sales as MQLs (Inquiry→MQL)
 * @param mqlFollowedUp                share of those MQLs sales followed up at all (the rest fell into the black hole)
 * @param mqlToSal                     share of MQLs accepted by sales
 * @param salToSql                     share of SALs (from any path) that booked a meeting
 * @param sqlToOpportunity             share of SQLs with an opportunity
 * @param opportunityToWon             share of opportunities won (at any time)
 * @param medianResponseHours          median hours from MQL hand-off to the first follow-up, followed-up MQLs
 * @param respondedWithinHour          share of followed-up MQLs first contacted within an hour
 * @param sqlRateRespondedWithinHour   share of followed-up MQLs that became SQL, first contacted within an hour
 * @param sqlRateRespondedAfterDay     the same for MQLs first contacted after 24 hours or more
 * @param activitiesPerLead            activity rows written per lead (all leads)
 */
public record RealizedRates(
        long matureLeads,
        double leadToWon,
        double meanPConvert,
        double oracleAuc,
        double mqlShare,
        double mqlFollowedUp,
        double mqlToSal,
        double salToSql,
        double sqlToOpportunity,
        double opportunityToWon,
        double medianResponseHours,
        double respondedWithinHour,
        double sqlRateRespondedWithinHour,
        double sqlRateRespondedAfterDay,
        double activitiesPerLead) {
}

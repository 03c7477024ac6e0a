package io.leadscore.batch.funnelreport;

import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.StageEngine;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The acceptance section: sales' verdicts on the cohort's leads by the as-of
 * time, read from the audit trail the stage engine wrote. A verdict is a move
 * out of a stage sales has not accepted (LEAD, MQL, NURTURE) that a follow-up
 * made: into SAL or SQL (accepted, meeting booked), or into nurture at the time
 * of a rejected follow-up of the lead (the engine moves a lead at its
 * follow-up's time). Counted apart for the verdicts on MQLs.
 */
final class FunnelAcceptance extends FunnelSection {
    /** Where a follow-up that accepts a lead moves it: SAL ({@code accepted}) or SQL ({@code meeting_booked}). */
    private static final String ACCEPTED_TO = "('SAL', 'SQL')";

    FunnelAcceptance(NamedParameterJdbcTemplate jdbc, FunnelReportStore store) {
        super(jdbc, store);
    }

    /** The stages sales has not accepted: before SAL along the main path. */
    static String undecidedStages() {
        return Stream.of(Stage.values()).filter(s -> StageEngine.reach(s) < StageEngine.reach(Stage.SAL))
                .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    @Override
    protected void write(FunnelReportStore.Header report, StepContribution contribution) {
        long[] decided = new long[2];
        long[] accepted = new long[2];
        jdbc.query("SELECT CASE WHEN t.from_stage = 'MQL' THEN 1 ELSE 0 END,"
                        + " CASE WHEN t.to_stage IN " + ACCEPTED_TO + " THEN 1 ELSE 0 END, COUNT(*)"
                        + " FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                        + " WHERE " + FunnelQueries.cohortCondition(report.cohort()) + " AND t.occurred_at <= :asOf"
                        + " AND t.from_stage IN " + undecidedStages()
                        + " AND (t.to_stage IN " + ACCEPTED_TO
                        + "      OR t.to_stage = 'NURTURE' AND EXISTS (SELECT 1 FROM followup f WHERE f.lead_id = t.lead_id"
                        + "         AND f.occurred_at = t.occurred_at AND f.outcome = 'REJECTED'))"
                        + " GROUP BY CASE WHEN t.from_stage = 'MQL' THEN 1 ELSE 0 END,"
                        + " CASE WHEN t.to_stage IN " + ACCEPTED_TO + " THEN 1 ELSE 0 END",
                FunnelQueries.parameters(report.cohort()), rs -> {
                    int mql = rs.getInt(1);
                    long n = rs.getLong(3);
                    decided[mql] += n;
                    if (rs.getInt(2) == 1) {
                        accepted[mql] += n;
                    }
                    contribution.incrementReadCount();
                });
        store.writeAcceptance(report.runId(), FunnelReport.SalesAcceptance.of(decided[0] + decided[1],
                accepted[0] + accepted[1], decided[1], accepted[1]));
        contribution.incrementWriteCount(1);
    }
}

package io.leadscore.batch.funnelreport;

import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The rejection section: the reasons on the cohort's rejected follow-ups
 * (trimmed and lower-cased, as the stage rules record them), and the reasons
 * of moves to nurture that no rejected follow-up made (the stage engine moves a
 * lead at its rejected follow-up's time, so those are counted once, as the
 * follow-up).
 */
final class FunnelRejections extends FunnelSection {

    FunnelRejections(NamedParameterJdbcTemplate jdbc, FunnelReportStore store) {
        super(jdbc, store);
    }

    @Override
    protected void write(FunnelReportStore.Header report, StepContribution contribution) {
        List<FunnelReport.Rejection> rejections = new ArrayList<>();
        jdbc.query(""
                        + " SELECT origin, reason, COUNT(*) FROM ("
                        + "   SELECT CAST('FOLLOW_UP' AS VARCHAR(16)) AS origin,"
                        + "          COALESCE(NULLIF(LOWER(TRIM(f.reason)), ''), 'no reason given') AS reason"
                        + "     FROM followup f JOIN lead l ON l.id = f.lead_id"
                        + "    WHERE " + FunnelQueries.cohortCondition(report.cohort())
                        + "      AND f.outcome = 'REJECTED' AND f.occurred_at <= :asOf"
                        + "   UNION ALL"
                        + "   SELECT CAST('STAGE_CHANGE' AS VARCHAR(16)), t.reason"
                        + "     FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                        + "    WHERE " + FunnelQueries.cohortCondition(report.cohort())
                        + "      AND t.to_stage = 'NURTURE' AND t.occurred_at <= :asOf"
                        + "      AND NOT EXISTS (SELECT 1 FROM followup r WHERE r.lead_id = t.lead_id"
                        + "                       AND r.occurred_at = t.occurred_at AND r.outcome = 'REJECTED')"
                        + " ) x GROUP BY origin, reason",
                FunnelQueries.parameters(report.cohort()), rs -> {
                    rejections.add(new FunnelReport.Rejection(FunnelReport.RejectionOrigin.valueOf(rs.getString(1)),
                            rs.getString(2), rs.getLong(3)));
                    contribution.incrementReadCount();
                });
        contribution.incrementWriteCount(store.writeRejections(report.runId(), rejections));
    }
}

package io.leadscore.batch.funnelreport;

import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.slacheck.SlaTerms;
import io.leadscore.batch.store.Instants;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.DoubleStream;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The SLA section, per MQL: every time a cohort lead became MQL (its audit
 * trail), with the first follow-up after it and before the lead next became
 * MQL, in one query streamed through. The
 * due time is the SLA check's rule; response-time percentiles are taken in
 * memory over the followed-up MQLs.
 */
final class FunnelSla extends FunnelSection {
    private static final double SECONDS_PER_HOUR = 3_600;

    FunnelSla(NamedParameterJdbcTemplate jdbc, FunnelReportStore store) {
        super(jdbc, store);
    }

    @Override
    protected void write(FunnelReportStore.Header report, StepContribution contribution) {
        Cohort cohort = report.cohort();
        MapSqlParameterSource parameters = FunnelQueries.parameters(cohort);
        String inEpisode = " AND (m.next_mql_at IS NULL OR %s < m.next_mql_at)";
        Tally tally = new Tally(cohort.asOf(), report.slaHours());
        jdbc.query("SELECT m.mql_at,"
                        + " (SELECT MIN(f.occurred_at) FROM followup f WHERE f.lead_id = m.lead_id"
                        + "    AND f.occurred_at >= m.mql_at AND f.occurred_at <= :asOf"
                        + inEpisode.formatted("f.occurred_at") + ") AS first_touch"
                        // a derived table, not a common table expression: H2 evaluates it once
                        + " FROM (SELECT t.lead_id, t.occurred_at AS mql_at,"
                        + "     LEAD(t.occurred_at) OVER (PARTITION BY t.lead_id ORDER BY t.occurred_at, t.id) AS next_mql_at"
                        + "   FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                        + "   WHERE " + FunnelQueries.cohortCondition(cohort) + " AND t.to_stage = 'MQL'"
                        + "     AND t.occurred_at <= :asOf) m",
                parameters, rs -> {
                    tally.add(Instants.read(rs, 1), Instants.read(rs, 2));
                    contribution.incrementReadCount();
                });
        Long recycled = jdbc.queryForObject("SELECT COUNT(*) FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                        + " WHERE " + FunnelQueries.cohortCondition(cohort)
                        + " AND t.to_stage = 'NURTURE' AND t.reason = :recycled AND t.occurred_at <= :asOf",
                parameters.addValue("recycled", SlaCheck.RECYCLED_REASON), Long.class);
        store.writeSla(report.runId(), tally.attainment(report.policyVersion(), recycled == null ? 0 : recycled));
        contribution.incrementWriteCount(1);
    }

    /** The SLA figures of a stream of MQLs. */
    static final class Tally {
        private final Instant asOf;
        private final double slaHours;
        private final DoubleStream.Builder responseHours = DoubleStream.builder();
        private long mqls;
        private long open;
        private long followedUp;
        private long withinSla;
        private long breaches;

        Tally(Instant asOf, double slaHours) {
            this.asOf = asOf;
            this.slaHours = slaHours;
        }

        void add(Instant mqlAt, Instant firstTouch) {
            mqls++;
            Instant due = SlaTerms.dueAt(mqlAt, slaHours);
            if (firstTouch == null) {
                if (asOf.isAfter(due)) {
                    breaches++;
                } else {
                    open++;
                }
                return;
            }
            followedUp++;
            if (firstTouch.isAfter(due)) {
                breaches++;
            } else {
                withinSla++;
            }
            Duration response = Duration.between(mqlAt, firstTouch);
            responseHours.add(response.getSeconds() / SECONDS_PER_HOUR + response.getNano() / (SECONDS_PER_HOUR * 1e9));
        }

        FunnelReport.SlaAttainment attainment(int policyVersion, long recycled) {
            double[] sorted = responseHours.build().sorted().toArray();
            return new FunnelReport.SlaAttainment(policyVersion, slaHours, mqls, open, followedUp, withinSla, breaches,
                    recycled, FunnelReportStore.share(withinSla, mqls - open),
                    sorted.length == 0 ? null : Percentiles.of(sorted, 0.5),
                    sorted.length == 0 ? null : Percentiles.of(sorted, 0.9));
        }
    }
}

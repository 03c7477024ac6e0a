package io.leadscore.batch.funnelreport;

import io.leadscore.scoring.domain.Stage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
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
        Cohort cohort = report.cohort();
        MapSqlParameterSource parameters = FunnelQueries.parameters(cohort);
        // three set-based reads joined in memory: the cohort's leads, how far each got, what each won
        Map<Long, Integer> furthest = new HashMap<>();
        jdbc.query(FunnelQueries.furthestReach(cohort), parameters, rs -> {
            furthest.put(rs.getLong(1), rs.getInt(2));
        });
        Map<Long, long[]> wonDeals = new HashMap<>();
        Map<Long, BigDecimal> wonAmount = new HashMap<>();
        jdbc.query("SELECT d.lead_id, d.amount FROM deal d JOIN lead l ON l.id = d.lead_id WHERE "
                + FunnelQueries.cohortCondition(cohort) + " AND " + FunnelQueries.wonDeal("d") + " AND d.closed_at <= :asOf",
                parameters, rs -> {
                    wonDeals.computeIfAbsent(rs.getLong(1), k -> new long[1])[0]++;
                    wonAmount.merge(rs.getLong(1), rs.getBigDecimal(2), BigDecimal::add);
                });
        Map<String, Tally> bySource = new TreeMap<>();
        Map<String, Tally> byCampaign = new TreeMap<>();
        jdbc.query("SELECT l.id, l.source, l.campaign FROM lead l WHERE " + FunnelQueries.cohortCondition(cohort),
                parameters, rs -> {
                    long lead = rs.getLong(1);
                    boolean mql = furthest.getOrDefault(lead, 0) >= FunnelQueries.reachRank(Stage.MQL);
                    long deals = wonDeals.containsKey(lead) ? wonDeals.get(lead)[0] : 0;
                    BigDecimal amount = wonAmount.getOrDefault(lead, BigDecimal.ZERO);
                    bySource.computeIfAbsent(key(rs.getString(2)), k -> new Tally()).add(mql, deals, amount);
                    byCampaign.computeIfAbsent(key(rs.getString(3)), k -> new Tally()).add(mql, deals, amount);
                    contribution.incrementReadCount();
                });
        Map<FunnelReportStore.Dimension, List<FunnelReport.Segment>> segments = new EnumMap<>(FunnelReportStore.Dimension.class);
        segments.put(FunnelReportStore.Dimension.SOURCE, segments(bySource));
        segments.put(FunnelReportStore.Dimension.CAMPAIGN, segments(byCampaign));
        contribution.incrementWriteCount(store.writeSegments(report.runId(), segments));
    }

    /** Leads without a source or campaign are grouped under the empty key, read back as no name. */
    private static String key(String value) {
        return value == null ? "" : value;
    }

    private static List<FunnelReport.Segment> segments(Map<String, Tally> tallies) {
        List<FunnelReport.Segment> rows = new ArrayList<>(tallies.size());
        tallies.forEach((name, t) -> rows.add(new FunnelReport.Segment(name.isEmpty() ? null : name, t.leads, t.mqls,
                t.wonDeals, t.revenue)));
        return rows;
    }

    private static final class Tally {
        long leads;
        long mqls;
        long wonDeals;
        BigDecimal revenue = BigDecimal.ZERO;

        void add(boolean mql, long deals, BigDecimal amount) {
            leads++;
            if (mql) {
                mqls++;
            }
            wonDeals += deals;
            revenue = revenue.add(amount);
        }
    }
}

package io.leadscore.batch.simulation;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.simulator.calibration.LeadHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every lead as the store knew it at a time, for the paths deals take
 * ({@link LeadHistory}): its creation, when it became sales-ready, its first
 * follow-up, its first deal (open, won or lost as of then, with the amount),
 * what came after each of its closed deals (its next deal, or none yet) and
 * how far along the main path it got. Two set-based reads (leads, deals)
 * joined in memory to what {@link StoreCalibration} has already read.
 */
final class LeadHistoryReader {
    private static final double MILLIS_PER_DAY = 86_400_000.0;
    private static final int WON_RANK = StageEngine.reach(Stage.WON);
    private static final int OPPORTUNITY_RANK = StageEngine.reach(Stage.OPPORTUNITY);

    private final JdbcTemplate jdbc;

    LeadHistoryReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Deal(Instant opened, String status, Instant closed, double amount) {
    }

    /**
     * @param reached    per lead, its furthest main-path rank by {@code asOf}
     * @param ready      per lead, when it first became sales-ready (MQL or fast-track signal) before {@code asOf}
     * @param firstTouch per lead, its first follow-up before {@code asOf}
     */
    LeadHistory read(Instant asOf, Map<Long, Integer> reached, Map<Long, Instant> ready, Map<Long, Instant> firstTouch) {
        Object at = Instants.utc(asOf);
        Map<Long, List<Deal>> leadDeals = new HashMap<>();
        jdbc.query("SELECT lead_id, created_at, status, closed_at, amount FROM deal WHERE created_at < ?"
                + " ORDER BY lead_id, created_at, id", rs -> {
                    double amount = rs.getDouble(5);
                    leadDeals.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>(1)).add(new Deal(
                            Instants.read(rs, 2), rs.getString(3), Instants.read(rs, 4), rs.wasNull() ? Double.NaN : amount));
                }, at);
        LeadHistory.Builder history = LeadHistory.builder();
        long end = asOf.toEpochMilli();
        jdbc.query("SELECT id, created_at FROM lead WHERE created_at < ? ORDER BY id", rs -> {
            long lead = rs.getLong(1);
            double created = (end - Instants.read(rs, 2).toEpochMilli()) / MILLIS_PER_DAY;
            List<Deal> all = leadDeals.get(lead);
            Deal deal = all == null ? null : all.get(0);
            LeadHistory.DealState state = LeadHistory.DealState.NONE;
            double opened = Double.NaN;
            double closed = Double.NaN;
            double amount = Double.NaN;
            int reach = reached.getOrDefault(lead, 0);
            if (deal != null) {
                opened = before(end, deal.opened(), created);
                amount = deal.amount();
                boolean closedBy = deal.closed() != null && deal.closed().isBefore(asOf);
                if (closedBy && "WON".equals(deal.status())) {
                    state = LeadHistory.DealState.WON;
                    reach = Math.max(reach, WON_RANK);
                } else if (closedBy && "LOST".equals(deal.status())) {
                    state = LeadHistory.DealState.LOST;
                } else {
                    state = LeadHistory.DealState.OPEN;
                }
                if (state != LeadHistory.DealState.OPEN) {
                    closed = Math.min(opened, before(end, deal.closed(), created));
                }
                reach = Math.max(reach, OPPORTUNITY_RANK);
            }
            history.add(created, before(end, ready.get(lead), created), before(end, firstTouch.get(lead), created),
                    opened, state, closed, amount, Math.min(reach, WON_RANK));
            if (all != null) {
                addAfterDeals(history, all, asOf, end, created);
            }
        }, at);
        return history.build();
    }

    /** Per closed deal of one lead, its next deal (or none yet): a customer's further deals on the same lead. */
    private static void addAfterDeals(LeadHistory.Builder history, List<Deal> deals, Instant asOf, long end,
                                      double created) {
        for (int k = 0; k < deals.size(); k++) {
            Deal d = deals.get(k);
            LeadHistory.DealState state = stateAt(d, asOf);
            if (state == LeadHistory.DealState.OPEN) {
                continue;
            }
            double closed = before(end, d.closed(), created);
            if (k + 1 == deals.size()) {
                history.addAfterDeal(closed, state == LeadHistory.DealState.WON, Double.NaN,
                        LeadHistory.DealState.NONE, Double.NaN, Double.NaN);
                continue;
            }
            Deal next = deals.get(k + 1);
            LeadHistory.DealState nextState = stateAt(next, asOf);
            double nextOpened = before(end, next.opened(), created);
            double nextClosed = nextState == LeadHistory.DealState.OPEN ? Double.NaN
                    : Math.min(nextOpened, before(end, next.closed(), created));
            history.addAfterDeal(closed, state == LeadHistory.DealState.WON, nextOpened, nextState, nextClosed,
                    next.amount());
        }
    }

    /** A deal's state as of a time: won or lost once closed by then, else open. */
    private static LeadHistory.DealState stateAt(Deal deal, Instant asOf) {
        if (deal.closed() == null || !deal.closed().isBefore(asOf)) {
            return LeadHistory.DealState.OPEN;
        }
        return "WON".equals(deal.status()) ? LeadHistory.DealState.WON
                : "LOST".equals(deal.status()) ? LeadHistory.DealState.LOST : LeadHistory.DealState.OPEN;
    }

    /** Days before the end, never earlier than the creation (a CRM may date an event before its lead); NaN for none. */
    private static double before(long end, Instant at, double created) {
        if (at == null) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(created, (end - at.toEpochMilli()) / MILLIS_PER_DAY));
    }
}

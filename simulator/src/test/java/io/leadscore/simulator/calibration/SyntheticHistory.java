package io.leadscore.simulator.calibration;

import io.leadscore.simulator.random.SplitMixGenerator;

/**
 * A stationary history whose flows are known exactly, for the path tests: leads
 * arrive at a constant rate; a share are handed off at creation and, of
 * those, some are followed up; each lead opens at most one deal, with a
 * fixed chance by path, at a lead age uniform over its path's range; deals are
 * won with a fixed chance after a uniform cycle, lost after a longer one.
 * Times are days relative to the calibration time (negative before it).
 */
public final class SyntheticHistory {
    public static final double LEADS_PER_DAY = 100;
    public static final double HANDOFF_SHARE = 0.3;
    public static final double WORKED = 0.8;
    /** Chance of a deal per hand-off lead (worked or not: an unworked one never gets one). */
    public static final double HANDOFF_DEAL = 0.15;
    /** Chance of a deal per lead not handed off. */
    public static final double AROUND_DEAL = 0.05;
    public static final double WIN = 0.3;
    public static final double AMOUNT = 1_000;
    /** Deals open 0 to 70 days after the lead (hand-off) or 0 to 42 (around). */
    public static final double HANDOFF_LAG_DAYS = 70;
    public static final double AROUND_LAG_DAYS = 42;

    /** A further deal on a lead opens 30 to 90 days after its first deal's win ({@link #withFurtherDeals}). */
    public static final double FURTHER_MIN_DAYS = 30;
    public static final double FURTHER_SPAN_DAYS = 60;
    /** Further deals are won with this chance, for this amount. */
    public static final double FURTHER_WIN = 0.6;
    public static final double FURTHER_AMOUNT = 2_000;

    /** Of worked hand-offs without a deal, the share that still reached SQL (a meeting). */
    public static final double MEETING_WITHOUT_DEAL = 0.5;

    /** One lead's life: creation, hand-off, follow-up, deal opened and closed, won, and a meeting without a deal. */
    public record Lead(double created, boolean handedOff, double followUp, double opened, double closed, boolean won,
                       boolean meeting) {
    }

    private SyntheticHistory() {
    }

    /** A lead created at {@code created}, drawn from {@code rng}. */
    public static Lead lead(double created, SplitMixGenerator rng) {
        return lead(created, rng, WIN);
    }

    /** A lead whose deal, if it opens, is won with chance {@code win}. */
    private static Lead lead(double created, SplitMixGenerator rng, double win) {
        boolean handed = rng.nextDouble() < HANDOFF_SHARE;
        double followUp = Double.NaN;
        double opened = Double.NaN;
        if (handed) {
            boolean worked = rng.nextDouble() < WORKED;
            if (worked) {
                followUp = created + 0.1;
                if (rng.nextDouble() < HANDOFF_DEAL / WORKED) {
                    opened = created + 0.2 + rng.nextDouble() * HANDOFF_LAG_DAYS;
                }
            }
        } else if (rng.nextDouble() < AROUND_DEAL) {
            opened = created + rng.nextDouble() * AROUND_LAG_DAYS;
        }
        double closed = Double.NaN;
        boolean won = false;
        boolean meeting = false;
        if (!Double.isNaN(opened)) {
            won = rng.nextDouble() < win;
            closed = opened + (won ? 10 + 40 * rng.nextDouble() : 20 + 60 * rng.nextDouble());
        } else if (!Double.isNaN(followUp)) {
            meeting = rng.nextDouble() < MEETING_WITHOUT_DEAL;
        }
        return new Lead(created, handed, followUp, opened, closed, won, meeting);
    }

    /** The history as known at time 0, of leads created over the {@code days} days before it. */
    public static LeadHistory asOfZero(int days, long seed) {
        return asOfZero(days, seed, 0);
    }

    /**
     * The same history whose quarters run hot or cold: the win chance of the leads created in each 91-day
     * quarter is {@link #WIN} times a lognormal factor of log standard deviation {@code quarterSd}, drawn once
     * per quarter (a good season for buyers, a strong team; the mean chance stays about the same).
     */
    public static LeadHistory asOfZero(int days, long seed, double quarterSd) {
        return asOfZero(days, seed, quarterSd, 0);
    }

    /**
     * The same history in which a won first deal brings, with chance {@code furtherChance}, one further deal on
     * the same lead (a customer's expansion): opened {@link #FURTHER_MIN_DAYS} to + {@link #FURTHER_SPAN_DAYS}
     * days after the win, won with {@link #FURTHER_WIN} after 10 to 50 days (lost after 20 to 80), for
     * {@link #FURTHER_AMOUNT}.
     */
    public static LeadHistory withFurtherDeals(int days, long seed, double furtherChance) {
        return asOfZero(days, seed, 0, furtherChance);
    }

    private static LeadHistory asOfZero(int days, long seed, double quarterSd, double furtherChance) {
        SplitMixGenerator further = new SplitMixGenerator(seed ^ 0xF0_11_0E_0DL);
        SplitMixGenerator rng = new SplitMixGenerator(seed);
        SplitMixGenerator seasons = new SplitMixGenerator(seed ^ 0x5EA5_0115L);
        double[] quarterWin = new double[days / 91 + 1];
        for (int q = 0; q < quarterWin.length; q++) {
            double z = io.leadscore.simulator.random.NormalQuantile.inverse(seasons.nextDouble());
            quarterWin[q] = Math.min(1, WIN * Math.exp(quarterSd * z - quarterSd * quarterSd / 2));
        }
        LeadHistory.Builder b = LeadHistory.builder();
        int n = (int) Math.round(LEADS_PER_DAY * days);
        for (int i = 0; i < n; i++) {
            double created = -days * rng.nextDouble();
            Lead l = lead(created, rng, quarterWin[(int) Math.floor(-created / 91)]);
            double age = -l.created();
            double followUp = known(l.followUp());
            double opened = known(l.opened());
            LeadHistory.DealState state = LeadHistory.DealState.NONE;
            double closed = Double.NaN;
            int reach = l.handedOff() ? 1 : 0;
            if (!Double.isNaN(opened)) {
                boolean closedBy = l.closed() < 0;
                state = !closedBy ? LeadHistory.DealState.OPEN : l.won() ? LeadHistory.DealState.WON
                        : LeadHistory.DealState.LOST;
                closed = closedBy ? -l.closed() : Double.NaN;
                reach = state == LeadHistory.DealState.WON ? 5 : 4;
            } else if (!Double.isNaN(followUp)) {
                reach = l.meeting() ? 3 : 2;
            }
            b.add(age, l.handedOff() ? age : Double.NaN, followUp, opened, state, closed,
                    Double.isNaN(opened) ? Double.NaN : AMOUNT, reach);
            if (furtherChance > 0 && (state == LeadHistory.DealState.WON || state == LeadHistory.DealState.LOST)) {
                double next = Double.NaN;
                if (state == LeadHistory.DealState.WON && further.nextDouble() < furtherChance) {
                    next = l.closed() + FURTHER_MIN_DAYS + FURTHER_SPAN_DAYS * further.nextDouble();
                }
                boolean nextWon = further.nextDouble() < FURTHER_WIN;
                double nextClosed = next + (nextWon ? 10 + 40 * further.nextDouble() : 20 + 60 * further.nextDouble());
                double nextOpened = known(next);
                LeadHistory.DealState nextState = Double.isNaN(nextOpened) ? LeadHistory.DealState.NONE
                        : nextClosed >= 0 ? LeadHistory.DealState.OPEN
                        : nextWon ? LeadHistory.DealState.WON : LeadHistory.DealState.LOST;
                b.addAfterDeal(closed, state == LeadHistory.DealState.WON, nextOpened, nextState, known(nextClosed),
                        Double.isNaN(nextOpened) ? Double.NaN : FURTHER_AMOUNT);
                if (nextState == LeadHistory.DealState.WON || nextState == LeadHistory.DealState.LOST) {
                    b.addAfterDeal(-nextClosed, nextWon, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN);
                }
            }
        }
        return b.build();
    }

    /**
     * What the store gives of {@link #asOfZero}'s history: the leads, the follow-ups of its hand-offs (2.4 hours
     * after the hand-off, all accepted: every worked hand-off reaches SAL here) and the deals open at time 0.
     */
    public static StoreObservations observations(int days, long seed) {
        return observations(days, seed, 0);
    }

    /** What the store gives of {@link #asOfZero(int, long, double)}'s history whose quarters run hot or cold. */
    public static StoreObservations observations(int days, long seed, double quarterSd) {
        return observations(asOfZero(days, seed, quarterSd));
    }

    /** What the store gives of a history: its hand-offs' follow-ups and its deals open at time 0 (first and further). */
    public static StoreObservations observations(LeadHistory h) {
        int n = 0;
        for (int i = 0; i < h.size(); i++) {
            n += h.handedOff(i) && !Double.isNaN(h.followUp(i)) ? 1 : 0;
        }
        double[] delays = new double[n];
        boolean[] accepted = new boolean[n];
        java.util.Arrays.fill(delays, 2.4);
        java.util.Arrays.fill(accepted, true);
        java.util.List<OpenOpportunity> open = new java.util.ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (h.dealState(i) == LeadHistory.DealState.OPEN) {
                open.add(new OpenOpportunity(h.dealOpened(i), h.dealAmount(i)));
            }
        }
        LeadHistory.AfterDeals after = h.afterDeals();
        for (int e = 0; e < after.size(); e++) {
            if (after.nextState(e) == LeadHistory.DealState.OPEN) {
                open.add(new OpenOpportunity(after.nextOpened(e), after.nextAmount(e)));
            }
        }
        return StoreObservations.builder().leadHistory(h).responses(delays, accepted).openOpportunities(open).build();
    }

    /** Days before time 0 of an event, NaN when it comes at or after it (unknown then). */
    private static double known(double at) {
        return at < 0 ? -at : Double.NaN;
    }
}

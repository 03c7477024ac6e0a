package io.leadscore.simulator.calibration;

import io.leadscore.simulator.text.Numbers;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The ways deals come about in a history, each with its rate, timing and
 * outcome, measured as of a calibration time ({@link #fit}).
 *
 * <p>A lead's deal goes one of two ways:
 * <ul>
 *   <li><b>the hand-off</b> ({@link LeadHistory#handedOff}): marketing made the lead sales-ready (an MQL move,
 *       or a fast-track signal) before sales first touched it. The simulator runs these leads through its
 *       MQL model (threshold, rep queue, SLA, response decay, stage rates), so the levers act on them.</li>
 *   <li><b>around the hand-off</b>: sales touched the lead (a follow-up or a deal) without a hand-off before
 *       it: outbound prospects, referrals and partner introductions taken straight by a rep, returning
 *       customers, nurture-list calls, leads below the threshold whose deals opened anyway — and, in a store
 *       where the nightly stages never ran, every lead sales worked. The simulator opens their deals at the
 *       rate and lead age the history shows, untouched by threshold or SLA.</li>
 * </ul>
 * Skipped stages and missing follow-ups need no path of their own: a lead's progress is how far along the
 * main path it got (a deal counts as having passed SAL and SQL), and a deal without any follow-up logged still
 * opens on its path.
 *
 * <p>Rates come from life tables ({@link LifeTable}) over the {@link #WINDOW_DAYS} days before the calibration
 * time: per week of a lead's age, the deals of each path over the leads still without a deal at that age. A
 * young lead counts only for the ages it has lived, so deals yet to come are not counted as missing. The
 * same tables give the <b>backlog</b>: leads created before the period without a deal yet, which open deals
 * during it at the rate their age has.
 *
 * <p><b>Further deals</b>: a CRM's lead may have more than one deal (a customer's expansion, a renewal, a second
 * team buying), and a period's won deals count them all. After each closed deal, a life table by week since its
 * close gives the chance of the lead's next deal ({@link #furtherDeals}, one table after a won deal and one
 * after a lost one); the leads whose last deal closed without a next one yet are the further deals' backlog,
 * by days since that close. Further deals follow their own course ({@link #furtherCourse}).
 */
public final class DealPaths {

    /** The calendar window whose exposure and events make the life tables. */
    public static final int WINDOW_DAYS = 365;
    /** Hand-offs at least this old tell whether sales worked them (the default recycle limit). */
    public static final int WORKED_AFTER_DAYS = 14;
    /**
     * Backlog leads are kept by day of age up to the life tables' last day; older ones count at that day, which
     * lies in the tail and so gives them the same forecast (the tail's rate holds at every later age).
     */
    public static final int MAX_AGE_DAYS = LifeTable.WEEKS * 7;

    private final boolean fromStore;
    private final LifeTable handoffs;
    private final LifeTable salesFirst;
    private final LifeTable handoffDeals;
    private final LifeTable aroundDeals;
    private final DealCourse handoffCourse;
    private final DealCourse aroundCourse;
    private final DealCourse allCourse;
    private final StageRate worked;
    private final StageCounts handoffSalToSql;
    private final long[] backlogByAgeDay;
    private final long leads;
    private final double[] handoffWonCycleDays;
    private final double[] handoffLagDays;
    private final double[] handoffWonAmounts;
    private final long[] weeklyLeadCounts;
    private final WinLevel winLevel;
    private final LifeTable[] furtherDeals;
    private final DealCourse furtherCourse;
    private final long[][] furtherBacklogByDay;
    /** Without a store's paths: why, for the assumptions table. */
    private final String defaultNote;

    private DealPaths(boolean fromStore, LifeTable handoffs, LifeTable salesFirst, LifeTable handoffDeals,
                      LifeTable aroundDeals, DealCourse handoffCourse, DealCourse aroundCourse, DealCourse allCourse,
                      StageRate worked, StageCounts handoffSalToSql, long[] backlogByAgeDay, long leads,
                      double[] handoffWonCycleDays, double[] handoffLagDays, double[] handoffWonAmounts,
                      long[] weeklyLeadCounts, WinLevel winLevel, LifeTable[] furtherDeals, DealCourse furtherCourse,
                      long[][] furtherBacklogByDay, String defaultNote) {
        this.fromStore = fromStore;
        this.defaultNote = defaultNote;
        this.handoffs = handoffs;
        this.salesFirst = salesFirst;
        this.handoffDeals = handoffDeals;
        this.aroundDeals = aroundDeals;
        this.handoffCourse = handoffCourse;
        this.aroundCourse = aroundCourse;
        this.allCourse = allCourse;
        this.worked = worked;
        this.handoffSalToSql = handoffSalToSql;
        this.backlogByAgeDay = backlogByAgeDay;
        this.leads = leads;
        this.handoffWonCycleDays = handoffWonCycleDays;
        this.handoffLagDays = handoffLagDays;
        this.handoffWonAmounts = handoffWonAmounts;
        this.weeklyLeadCounts = weeklyLeadCounts;
        this.winLevel = winLevel;
        this.furtherDeals = furtherDeals.clone();
        this.furtherCourse = furtherCourse;
        this.furtherBacklogByDay = new long[][] {furtherBacklogByDay[0].clone(), furtherBacklogByDay[1].clone()};
    }

    /**
     * No history: every deal comes through the hand-off, every MQL is worked, no backlog. The simulator then
     * runs as the textbook funnel of its calibration.
     */
    public static DealPaths none() {
        return none("no lead history");
    }

    /**
     * No paths, because the store's history holds too few deals to measure them: {@code deals} first deals in
     * the window, fewer than {@code needed}. The run is the textbook funnel, each thin stage count on its default.
     */
    public static DealPaths tooFewDeals(long deals, int needed) {
        return none("only " + deals + " deals in the store's last " + WINDOW_DAYS + " days, at least " + needed
                + " needed to measure the paths");
    }

    private static DealPaths none(String why) {
        LifeTable empty = LifeTable.none();
        DealCourse course = DealCourse.single(empty, empty, Defaults.dealSize(), Provenance.byDefault("no lead history given"));
        return new DealPaths(false, empty, empty, empty, empty, course, course, course,
                StageRate.fixed(1, Provenance.byDefault("every MQL is worked: " + why)),
                null, new long[0], 0, new double[0], new double[0], new double[0], new long[0], WinLevel.none(),
                new LifeTable[] {empty, empty}, course, new long[][] {new long[0], new long[0]},
                why + ": every deal through the hand-off");
    }

    /**
     * Measures the paths of a history.
     *
     * @param history     every lead known at the calibration time
     * @param fallbackSize deal sizes for a path with too few won amounts of its own
     */
    public static DealPaths fit(LeadHistory history, DealSizeModel fallbackSize) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(fallbackSize, "fallbackSize");
        int weeks = LifeTable.WEEKS;
        double window = WINDOW_DAYS;
        double[] handoffEvents = new double[weeks];
        double[] salesFirstEvents = new double[weeks];
        double[] readyExposure = new double[weeks];
        double[] handoffDealEvents = new double[weeks];
        double[] aroundDealEvents = new double[weeks];
        double[] dealExposure = new double[weeks];
        DealLog deals = new DealLog();
        long[] backlog = new long[MAX_AGE_DAYS];
        long handedMature = 0;
        long workedMature = 0;
        long reachedSal = 0;
        long reachedSql = 0;
        DoubleList handoffWon = new DoubleList();
        DoubleList cycles = new DoubleList();
        DoubleList lags = new DoubleList();
        for (int i = 0; i < history.size(); i++) {
            double created = history.created(i);
            boolean handed = history.handedOff(i);
            double touch = history.salesTouch(i);
            double ready = history.ready(i);
            // becoming a hand-off lead, against sales touching it first
            double handoffStop = handed ? ready : Double.isNaN(touch) ? 0 : touch;
            addRisk(readyExposure, created, handoffStop, window, handed || !Double.isNaN(touch));
            if (handed && ready <= window) {
                handoffEvents[week(created - ready)]++;
            } else if (!handed && !Double.isNaN(touch) && touch <= window) {
                salesFirstEvents[week(created - touch)]++;
            }
            double opened = history.dealOpened(i);
            addRisk(dealExposure, created, Double.isNaN(opened) ? 0 : opened, window, !Double.isNaN(opened));
            int path = handed ? 0 : 1;
            if (Double.isNaN(opened)) {
                backlog[tailDay(created)]++;
            } else {
                if (opened <= window) {
                    (handed ? handoffDealEvents : aroundDealEvents)[week(created - opened)]++;
                }
                double closed = history.dealClosed(i);
                LeadHistory.DealState state = history.dealState(i);
                double amount = history.dealAmount(i);
                deals.add(path, opened, closed, state, amount);
                if (state == LeadHistory.DealState.WON && handed) {
                    cycles.add(opened - closed);
                    if (amount >= 0 && Double.isFinite(amount)) {
                        handoffWon.add(amount);
                    }
                }
                double followUp = history.followUp(i);
                if (handed && !Double.isNaN(followUp) && followUp >= opened) {
                    lags.add(followUp - opened);
                }
            }
            if (handed) {
                if (ready >= WORKED_AFTER_DAYS) {
                    handedMature++;
                    if (!Double.isNaN(touch)) {
                        workedMature++;
                    }
                }
                if (history.reach(i) >= 2) {
                    reachedSal++;
                    if (history.reach(i) >= 3) {
                        reachedSql++;
                    }
                }
            }
        }
        // after each closed deal (0: won, 1: lost), the lead's next deal by week since that close
        LeadHistory.AfterDeals after = history.afterDeals();
        double[][] furtherEvents = new double[2][weeks];
        double[][] furtherExposure = new double[2][weeks];
        long[][] furtherBacklog = new long[2][MAX_AGE_DAYS];
        for (int e = 0; e < after.size(); e++) {
            int k = after.won(e) ? 0 : 1;
            double since = after.closed(e);
            double next = after.nextOpened(e);
            addRisk(furtherExposure[k], since, Double.isNaN(next) ? 0 : next, window, !Double.isNaN(next));
            if (Double.isNaN(next)) {
                furtherBacklog[k][tailDay(since)]++;
            } else {
                if (next <= window) {
                    furtherEvents[k][week(since - next)]++;
                }
                deals.add(2, next, after.nextClosed(e), after.nextState(e), after.nextAmount(e));
            }
        }
        LifeTable handoffDeals = new LifeTable(handoffDealEvents, dealExposure);
        LifeTable aroundDeals = new LifeTable(aroundDealEvents, dealExposure);
        double[] edges = deals.bandEdges();
        DealCourse[] courses = {deals.course(0, edges, window, fallbackSize, "hand-off"),
            deals.course(1, edges, window, fallbackSize, "around the hand-off"),
            deals.course(-1, edges, window, fallbackSize, "all"),
            deals.course(2, edges, window, fallbackSize, "further")};
        StageRate worked = handedMature == 0
                ? StageRate.fixed(1, Provenance.byDefault("every MQL is worked: no hand-off older than "
                        + WORKED_AFTER_DAYS + " days in the store"))
                : StageRate.fromCounts(workedMature, handedMature, workedMature + " of " + handedMature
                        + " hand-offs older than " + WORKED_AFTER_DAYS + " days were followed up or got a deal");
        return new DealPaths(true, new LifeTable(handoffEvents, readyExposure),
                new LifeTable(salesFirstEvents, readyExposure), handoffDeals, aroundDeals, courses[0], courses[1],
                courses[2], worked, new StageCounts(reachedSal, reachedSql), backlog, history.size(),
                cycles.toArray(), lags.toArray(), handoffWon.toArray(), weekly(history, false),
                WinLevel.measure(weekly(history, true)),
                new LifeTable[] {new LifeTable(furtherEvents[0], furtherExposure[0]),
                    new LifeTable(furtherEvents[1], furtherExposure[1])}, courses[3], furtherBacklog, null);
    }

    /**
     * Per whole week before the calibration time, oldest first (the weeks since the oldest lead): the leads
     * created, or with {@code wins} the deals won (first and further deals), in it.
     */
    private static long[] weekly(LeadHistory history, boolean wins) {
        double oldest = 0;
        for (int i = 0; i < history.size(); i++) {
            oldest = Math.max(oldest, history.created(i));
        }
        int weeks = (int) Math.floor(oldest / 7);
        long[] counts = new long[weeks];
        for (int i = 0; i < history.size(); i++) {
            if (wins && history.dealState(i) != LeadHistory.DealState.WON) {
                continue;
            }
            int back = (int) Math.floor((wins ? history.dealClosed(i) : history.created(i)) / 7);
            if (back >= 0 && back < weeks) {
                counts[weeks - 1 - back]++;
            }
        }
        LeadHistory.AfterDeals after = history.afterDeals();
        for (int e = 0; wins && e < after.size(); e++) {
            int back = (int) Math.floor(after.nextClosed(e) / 7);
            if (after.nextState(e) == LeadHistory.DealState.WON && back >= 0 && back < weeks) {
                counts[weeks - 1 - back]++;
            }
        }
        return counts;
    }

    /** The deals of the history, for the deal life tables by path and size band. */
    private static final class DealLog {
        /** Deals per band wanted before a path's deals are split by size. */
        static final int MIN_PER_BAND = 20;
        static final int BANDS = 3;
        private final DoubleList path = new DoubleList();
        private final DoubleList opened = new DoubleList();
        private final DoubleList closed = new DoubleList();
        private final DoubleList state = new DoubleList();
        private final DoubleList amount = new DoubleList();

        void add(int p, double openedAt, double closedAt, LeadHistory.DealState s, double a) {
            path.add(p);
            opened.add(openedAt);
            closed.add(closedAt);
            state.add(s.ordinal());
            amount.add(a);
        }

        /** Tercile edges of the known amounts of all deals; empty when too few to split. */
        double[] bandEdges() {
            double[] known = java.util.Arrays.stream(amount.toArray()).filter(a -> a >= 0 && Double.isFinite(a)).sorted()
                    .toArray();
            if (known.length < BANDS * MIN_PER_BAND) {
                return new double[0];
            }
            double[] edges = new double[BANDS - 1];
            for (int b = 1; b < BANDS; b++) {
                edges[b - 1] = known[known.length * b / BANDS];
            }
            return edges[0] < edges[edges.length - 1] ? edges : new double[0];
        }

        /** The course of one path's deals ({@code p} = −1: every deal; 2: further deals), by band when it has enough deals. */
        DealCourse course(int p, double[] edges, double window, DealSizeModel fallback, String name) {
            double[] a = amount.toArray();
            double[] o = opened.toArray();
            double[] c = closed.toArray();
            double[] st = state.toArray();
            double[] pa = path.toArray();
            int count = 0;
            for (double v : pa) {
                count += p < 0 || v == p ? 1 : 0;
            }
            double[] use = count >= BANDS * MIN_PER_BAND ? edges : new double[0];
            int bands = use.length + 1;
            double[][] won = new double[bands][LifeTable.WEEKS];
            double[][] lost = new double[bands][LifeTable.WEEKS];
            double[][] exposure = new double[bands][LifeTable.WEEKS];
            long[] inBand = new long[bands];
            DoubleList[] wonAmounts = new DoubleList[bands];
            for (int b = 0; b < bands; b++) {
                wonAmounts[b] = new DoubleList();
            }
            long wonTotal = 0;
            long lostTotal = 0;
            for (int i = 0; i < a.length; i++) {
                if (p >= 0 && pa[i] != p) {
                    continue;
                }
                int b = bandOf(a[i], use);
                inBand[b]++;
                addRisk(exposure[b], o[i], Double.isNaN(c[i]) ? 0 : c[i], window, !Double.isNaN(c[i]));
                boolean isWon = st[i] == LeadHistory.DealState.WON.ordinal();
                if (!Double.isNaN(c[i]) && c[i] <= window) {
                    (isWon ? won : lost)[b][week(o[i] - c[i])]++;
                    if (isWon) {
                        wonTotal++;
                    } else {
                        lostTotal++;
                    }
                }
                if (isWon && a[i] >= 0 && Double.isFinite(a[i])) {
                    wonAmounts[b].add(a[i]);
                }
            }
            java.util.List<DealCourse.Band> list = new java.util.ArrayList<>();
            for (int b = 0; b < bands; b++) {
                double share = count == 0 ? (b == bands - 1 ? 1 : 0) : (double) inBand[b] / count;
                double[] amounts = wonAmounts[b].toArray();
                DealSizeModel size = amounts.length >= LogNormalDays.MIN_OBSERVATIONS ? BootstrapDealSize.of(amounts)
                        : DealSizeModel.fromWonAmounts(amounts, fallback);
                list.add(new DealCourse.Band(b < use.length ? use[b] : Double.POSITIVE_INFINITY, share,
                        new LifeTable(won[b], exposure[b]), new LifeTable(lost[b], exposure[b]), size));
            }
            return new DealCourse(list, Provenance.fromStore(count, String.format(Locale.ROOT,
                    "%s deals: %d won and %d lost in the last %d days, %d deals in %d size band%s", name, wonTotal,
                    lostTotal, WINDOW_DAYS, count, bands, bands == 1 ? "" : "s")));
        }

        private static int bandOf(double amount, double[] edges) {
            if (!(amount >= 0)) {
                return edges.length;
            }
            for (int b = 0; b < edges.length; b++) {
                if (amount < edges[b]) {
                    return b;
                }
            }
            return edges.length;
        }
    }

    /**
     * The day of age an entity waits at in a backlog: its own, or, past the life tables' last day, that day,
     * which lies in the tail (every age from the tail on has its rate, so the forecast is the same).
     */
    static int tailDay(double ageDays) {
        return (int) Math.min(Math.floor(ageDays), MAX_AGE_DAYS - 1);
    }

    /**
     * Adds one entity's weeks at risk to an actuarial life table, by week of age: its risk runs from
     * {@code origin} days before the calibration time (age 0) to {@code stop} days before it (the event, or
     * the calibration time), clipped to the window of the last {@code window} days. A week counts 1 for an
     * entity at risk at its start — also when the event comes at that very instant, as a hand-off at the lead's
     * creation does — and 1/2 for one that enters during the week (the window's start) or is censored during it
     * without the event: the denominators of the actuarial estimate q = events / at risk, the chance of the event
     * within the week for an entity at risk at its start. Weeks past the table's last add to it: the tail of
     * every later age.
     */
    static void addRisk(double[] risk, double origin, double stop, double window, boolean event) {
        double from = origin - Math.min(origin, window);
        double to = origin - Math.max(0, stop);
        if (to < from || !event && to == from) {
            return;
        }
        int last = (int) Math.floor(to / 7);
        for (int w = (int) Math.floor(from / 7); w <= last; w++) {
            double start = 7.0 * w;
            double end = start + 7;
            if (!event && to <= start) {
                break;
            }
            double weight = from <= start ? 1 : 0.5;
            if (!event && to < end) {
                weight -= 0.5;
            }
            risk[Math.min(w, risk.length - 1)] += Math.max(0, weight);
        }
    }

    private static int week(double ageDays) {
        return Math.min(LifeTable.WEEKS - 1, Math.max(0, (int) Math.floor(ageDays / 7)));
    }

    /**
     * A lead's next deal by week since its previous deal closed: {@code won} after a won deal, else after a lost
     * one.
     */
    public LifeTable furtherDeals(boolean won) {
        return furtherDeals[won ? 0 : 1];
    }

    /** What becomes of further deals once opened. */
    public DealCourse furtherCourse() {
        return furtherCourse;
    }

    /**
     * Leads whose last deal closed ({@code won} or lost) with no next deal by the calibration time, by whole days
     * since that close (index 0: closed that day).
     */
    public long[] furtherBacklogByDay(boolean won) {
        return furtherBacklogByDay[won ? 0 : 1].clone();
    }

    /** Whether the paths were measured on a store's history (else {@link #none()}). */
    public boolean fromStore() {
        return fromStore;
    }

    /** First deals of hand-off leads by week of lead age. */
    public LifeTable handoffDeals() {
        return handoffDeals;
    }

    /** First deals of leads around the hand-off by week of lead age. */
    public LifeTable aroundDeals() {
        return aroundDeals;
    }

    /** Hand-offs (sales-ready before any sales touch) by week of lead age. */
    public LifeTable handoffs() {
        return handoffs;
    }

    public DealCourse handoffCourse() {
        return handoffCourse;
    }

    public DealCourse aroundCourse() {
        return aroundCourse;
    }

    /** Every deal (first deals on both paths and further deals): what becomes of the deals open at the calibration time. */
    public DealCourse openDealCourse() {
        return allCourse;
    }

    /** The share of hand-offs that sales works at all (the rest fall into the black hole). */
    public StageRate worked() {
        return worked;
    }

    /** Of hand-off leads, those that reached SAL and of them SQL (a deal counts as both). Null without history. */
    public StageCounts handoffSalToSql() {
        return handoffSalToSql;
    }

    /** Leads without a deal at the calibration time, by age in whole days (index 0: created that day). */
    public long[] backlogByAgeDay() {
        return backlogByAgeDay.clone();
    }

    /** New leads per whole week of the history, oldest first (the partial oldest week left out). */
    public long[] weeklyLeadCounts() {
        return weeklyLeadCounts.clone();
    }

    /** How far a period's wins stray from the history's level: one factor per trial on every win chance. */
    public WinLevel winLevel() {
        return winLevel;
    }

    /** Leads in the history. */
    public long leads() {
        return leads;
    }

    /** Opened-to-won days of the hand-off path's won deals. */
    public double[] handoffWonCycleDays() {
        return handoffWonCycleDays.clone();
    }

    /** First-follow-up-to-deal days of the hand-off path's deals. */
    public double[] handoffLagDays() {
        return handoffLagDays.clone();
    }

    /** Amounts of the hand-off path's won deals. */
    public double[] handoffWonAmounts() {
        return handoffWonAmounts.clone();
    }

    /**
     * True when the store's window holds deals but no hand-off (no lead made an MQL, or fast-tracked, before sales
     * first touched it): every deal then comes around the hand-off, and the threshold, the SLA and the team move
     * none of them.
     */
    public boolean noHandoff() {
        return fromStore && handoffShare() == 0 && aroundDealsPerLead() > 0;
    }

    /** The chance that a new lead becomes a hand-off lead, by the life tables (hand-off against sales first). */
    public double handoffShare() {
        return cumulative(handoffs, salesFirst)[0];
    }

    /** The chance that a new lead gets a deal through the hand-off (eventually, within the tables' two years). */
    public double handoffDealsPerLead() {
        return cumulative(handoffDeals, aroundDeals)[0];
    }

    /** The chance that a new lead gets a deal around the hand-off. */
    public double aroundDealsPerLead() {
        return cumulative(handoffDeals, aroundDeals)[1];
    }

    /**
     * The chance that a new lead's first deal opens within {@code days} of its arrival and is won within them too,
     * on each path: {hand-off, around}. What a calibrated score at arrival claims (a won deal within the label
     * horizon), by the life tables the simulator runs on: the tables' daily deal hazards, and each path's deals
     * closing won by their own course.
     */
    public double[] firstDealsWonWithin(int days) {
        if (days <= 0) {
            return new double[] {0, 0};
        }
        double[][] h = dailyDealHazards(days);
        double[] handoffWon = handoffCourse.cumulativeWonOfNewDeals(days + 2);
        double[] aroundWon = aroundCourse.cumulativeWonOfNewDeals(days + 2);
        double s = 1;
        double a = 0;
        double b = 0;
        for (int d = 0; d < days; d++) {
            // a deal opened during day d has, on average, the rest of the horizon less half a day to close won
            a += s * h[0][d] * DealCourse.at(handoffWon, days - d - 0.5);
            b += s * h[1][d] * DealCourse.at(aroundWon, days - d - 0.5);
            s *= Math.max(0, 1 - h[0][d] - h[1][d]);
        }
        return new double[] {a, b};
    }

    /**
     * The cumulative incidence of two competing events over all ages: {Σ S·h₁, Σ S·h₂} with S the chance that
     * neither has happened yet.
     */
    private static double[] cumulative(LifeTable first, LifeTable second) {
        double s = 1;
        double a = 0;
        double b = 0;
        for (int w = 0; w < LifeTable.WEEKS; w++) {
            a += s * first.hazard(w);
            b += s * second.hazard(w);
            s *= Math.max(0, 1 - first.hazard(w) - second.hazard(w));
        }
        return new double[] {a, b};
    }

    /**
     * Per day of lead age d = 0 … n − 1, the chance per day that a lead still without a deal at that age opens
     * one, on each path: {hand-off[], around[]}; the week's chances compounded over its seven days give the
     * table's week ({@link LifeTable#daily}), shared between the paths as the week shares them.
     */
    public double[][] dailyDealHazards(int n) {
        double[][] h = new double[2][Math.max(0, n)];
        for (int d = 0; d < n; d++) {
            int w = d / 7;
            double handoff = handoffDeals.hazard(w);
            double around = aroundDeals.hazard(w);
            double either = LifeTable.daily(Math.min(1, handoff + around));
            if (either > 0) {
                h[0][d] = either * handoff / (handoff + around);
                h[1][d] = either * around / (handoff + around);
            }
        }
        return h;
    }

    /** A one-line summary for the assumptions table. */
    public String summary() {
        if (!fromStore) {
            return defaultNote;
        }
        return String.format(Locale.ROOT, "%s leads; per 1,000 new leads %s hand-offs, %s deals through the hand-off"
                        + " and %s around it (life tables of the last %d days); %s leads without a deal yet",
                Numbers.amount(leads), Numbers.count(1000 * handoffShare()), Numbers.count(1000 * handoffDealsPerLead()),
                Numbers.count(1000 * aroundDealsPerLead()), WINDOW_DAYS,
                Numbers.amount(Arrays.stream(backlogByAgeDay).sum()))
                + (furtherDeals[0].events() + furtherDeals[1].events() == 0 ? ""
                : String.format(Locale.ROOT, "; per 1,000 closed deals %s further deals on the same lead after a win"
                        + " and %s after a loss", Numbers.count(1000 * furtherDealsPerDeal(true)),
                        Numbers.count(1000 * furtherDealsPerDeal(false))));
    }

    /** The chance that a closed deal (won or lost) brings a further deal on its lead within the tables' two years. */
    public double furtherDealsPerDeal(boolean won) {
        return cumulative(furtherDeals[won ? 0 : 1], LifeTable.none())[0];
    }

    /** A growable list of doubles, for the fit's samples. */
    private static final class DoubleList {
        private double[] values = new double[64];
        private int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

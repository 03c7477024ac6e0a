package io.leadscore.data.synthetic;

import java.util.Arrays;

/**
 * The messy world ({@link World#MESSY}): deals around the MQL hand-off,
 * further deals of customers on the same lead, skipped stages, missing follow-ups, a strong season, and a team that grows
 * half-way through the history. Every number below is a property of the
 * generated world, chosen so each effect is plain in the history (data/README.md).
 */
final class MessyPaths implements SalesPaths {
    /** Quarter-end pushes (March, June, September, November), deep summer and December lulls. */
    private static final double[] MONTH_FACTOR = {0.90, 1.00, 1.35, 0.95, 1.00, 1.25, 0.60, 0.55, 1.20, 1.05, 1.30, 0.55};
    /** Before the hires, each MQL waits this many times longer for its first response. */
    private static final double UNDERSTAFFED_RESPONSE_SCALE = 2.5;
    /** Before the hires, more MQLs go unworked (the black hole widens with load). */
    private static final double UNDERSTAFFED_WORK_SCALE = 0.8;
    /** Reps on each team before the hires: Europe 6 of 10, the Americas 4 of 6. */
    private static final int EUROPE_BEFORE = 6;
    private static final int AMERICAS_BEFORE = 4;
    /** Shares of referral and partner leads that a rep takes straight from the introducer. */
    private static final double INTRODUCED_STRAIGHT_TO_REP = 0.6;
    /** Share of a returning customer's new leads that go straight to its account rep. */
    private static final double CUSTOMER_STRAIGHT_TO_REP = 0.7;
    private static final double DIRECT_WORK_CHANCE = 0.75;
    private static final double DIRECT_START_MEAN_HOURS = 30;
    /** Introduced leads are warm: acceptance log-odds close to an MQL's (the nurture list's shift is −0.9). */
    private static final double DIRECT_ACCEPTANCE_SHIFT = -0.1;
    /** Of leads that reached a deal, the share whose acceptance and meeting were never logged. */
    private static final double DEAL_WITHOUT_STAGE_STEPS = 0.3;
    /** Of worked leads, the share with no follow-up logged at all. */
    private static final double NO_FOLLOW_UP_LOGGED = 0.15;
    /** Of won deals, the share that bring a further deal on the same lead (an expansion or a renewal). */
    private static final double FOLLOW_ON_CHANCE = 0.4;
    /** Days from a win to its follow-on deal: lognormal, median four months. */
    private static final double FOLLOW_ON_MEDIAN_DAYS = 120;
    private static final double FOLLOW_ON_LOG_SD = 0.6;
    /** A customer's further deal is won more often than a first one. */
    private static final double FOLLOW_ON_WIN_CHANCE = 0.55;

    private final long teamGrowsAt;
    /** Per company, when it first won a deal (epoch millis); Long.MAX_VALUE while it has not. */
    private final long[] customerSince;

    MessyPaths(GeneratorOptions options, int companies) {
        long day = ArrivalSchedule.MILLIS_PER_DAY;
        this.teamGrowsAt = (options.historyStart().toEpochDay() + options.historyDays() / 2) * day;
        this.customerSince = new long[companies];
        Arrays.fill(customerSince, Long.MAX_VALUE);
    }

    @Override
    public double[] monthFactors() {
        return MONTH_FACTOR.clone();
    }

    /** Before the hires the accounts of the reps not yet there are covered by the others of the same team. */
    @Override
    public int rep(int accountRep, long at) {
        if (at >= teamGrowsAt) {
            return accountRep;
        }
        int americas = CompanyPool.AMERICAS_FIRST_REP;
        return accountRep < americas ? accountRep % EUROPE_BEFORE : americas + (accountRep - americas) % AMERICAS_BEFORE;
    }

    @Override
    public double responseScale(long at) {
        return at < teamGrowsAt ? UNDERSTAFFED_RESPONSE_SCALE : 1;
    }

    @Override
    public double workChanceScale(long at) {
        return at < teamGrowsAt ? UNDERSTAFFED_WORK_SCALE : 1;
    }

    @Override
    public boolean straightToRep(int company, long created, int source, Rng rng) {
        if (created >= customerSince[company]) {
            return rng.chance(CUSTOMER_STRAIGHT_TO_REP);
        }
        return (source == Catalog.REFERRAL || source == Catalog.PARTNER) && rng.chance(INTRODUCED_STRAIGHT_TO_REP);
    }

    @Override
    public double directWorkChance() {
        return DIRECT_WORK_CHANCE;
    }

    @Override
    public long directStart(long created, Rng rng) {
        return created + (long) (rng.exponential(DIRECT_START_MEAN_HOURS) * ArrivalSchedule.MILLIS_PER_HOUR);
    }

    @Override
    public double directAcceptanceShift() {
        return DIRECT_ACCEPTANCE_SHIFT;
    }

    @Override
    public FollowUpRecord followUpRecord(int stage, Rng rng) {
        if (rng.chance(NO_FOLLOW_UP_LOGGED)) {
            return FollowUpRecord.NONE;
        }
        return stage >= 3 && rng.chance(DEAL_WITHOUT_STAGE_STEPS) ? FollowUpRecord.WITHOUT_STAGE_STEPS : FollowUpRecord.ALL;
    }

    @Override
    public boolean followOnDeal(Rng rng) {
        return rng.chance(FOLLOW_ON_CHANCE);
    }

    @Override
    public double followOnDays(Rng rng) {
        return rng.logNormal(FOLLOW_ON_MEDIAN_DAYS, FOLLOW_ON_LOG_SD);
    }

    @Override
    public double followOnWinChance() {
        return FOLLOW_ON_WIN_CHANCE;
    }

    @Override
    public void won(int company, long closedAt) {
        customerSince[company] = Math.min(customerSince[company], closedAt);
    }
}

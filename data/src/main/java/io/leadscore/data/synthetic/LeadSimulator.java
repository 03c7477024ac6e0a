package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpChannel;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Seniority;
import io.leadscore.scoring.labels.SnapshotSchedule;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageEngine;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Lives one lead's life and writes it: its record, its engagement, what sales
 * did with it, its deal, and the generator's truth about it. Leads are
 * independent given the company pool and the arrival schedule, and each draws
 * from its own random stream, so a lead's rows do not depend on how many came
 * before it.
 *
 * <p>The order of decisions is what keeps the truth honest:
 * <ol>
 *   <li>the lead's fields, its hidden fit and intent;</li>
 *   <li>its marketing engagement, driven by intent, for its whole life;</li>
 *   <li>the MQL hand-off (a fast-track signal, or a decayed engagement score
 *       crossing a threshold), the chance that sales works the lead, the first
 *       response delay, and the timeline a win would follow;</li>
 *   <li>{@code p_convert}, the product of the chances of each link (worked,
 *       SAL, SQL, opportunity, won) when a win would close within the horizon,
 *       else 0. The links depend on fit, on engagement and strong signals in
 *       the snapshot window (the first 30 days, or up to the opportunity a win
 *       would open), on the response delay, and on a little noise;</li>
 *   <li>one draw against {@code p_convert} decides a win within the horizon; a
 *       lead that does not win gets the link where it stopped drawn from the
 *       chain conditioned on not winning, so the black hole, too, is decided
 *       by that draw and not known to the truth in advance;</li>
 *   <li>a lead whose first hand-off opened no opportunity may come back in
 *       later buying windows ({@link BuyingWindows}): engagement months or
 *       years on, and a chance of an opportunity from each;</li>
 *   <li>only then what the outcome causes: the deal, the follow-ups after the
 *       first, activity during the deal (never before the opportunity, so a
 *       snapshot cannot see the outcome) and the rep's verdict.</li>
 * </ol>
 * The truth is stated at every age ({@link BuyingWindows#probability}):
 * {@code p_convert} at creation, {@code p_by_age} at each snapshot age.
 */
final class LeadSimulator {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = ArrivalSchedule.MILLIS_PER_HOUR;
    private static final long DAY = ArrivalSchedule.MILLIS_PER_DAY;

    /** The snapshot a model sees: the first 30 days of a lead, or up to its first opportunity. */
    private static final long SNAPSHOT_WINDOW = 30 * DAY;
    /** The MQL score decays with the product's default engagement half-life. */
    private static final double HALF_LIFE_MILLIS = Policy.DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS * DAY;
    /** A decayed engagement score at which marketing hands a lead to sales; with fast-track signals about 22% of leads become MQLs. */
    private static final double MQL_SCORE_THRESHOLD = 16.5;
    private static final int MAX_EVENTS = 2_000;
    /** Unanswered attempts before sales reaches a lead: none, one or two. */
    private static final double[] ATTEMPTS_CUMULATIVE = Rng.cumulative(0.5, 0.3, 0.2);

    private static final int PAGE_VIEW = ActivityType.PAGE_VIEW.ordinal();
    private static final int PRICING_VIEW = ActivityType.PRICING_VIEW.ordinal();
    private static final int CONTENT_DOWNLOAD = ActivityType.CONTENT_DOWNLOAD.ordinal();
    private static final int WEBINAR_REGISTERED = ActivityType.WEBINAR_REGISTERED.ordinal();
    private static final int WEBINAR_ATTENDED = ActivityType.WEBINAR_ATTENDED.ordinal();
    private static final int EMAIL_OPEN = ActivityType.EMAIL_OPEN.ordinal();
    private static final int EMAIL_CLICK = ActivityType.EMAIL_CLICK.ordinal();
    private static final int FORM_SUBMIT = ActivityType.FORM_SUBMIT.ordinal();
    private static final int DEMO_REQUEST = ActivityType.DEMO_REQUEST.ordinal();
    private static final int CONTACT_REQUEST = ActivityType.CONTACT_REQUEST.ordinal();
    private static final int PRICING_QUESTION = ActivityType.PRICING_QUESTION.ordinal();
    private static final int TRIAL_SIGNUP = ActivityType.TRIAL_SIGNUP.ordinal();
    private static final int EVENT_ATTENDED = ActivityType.EVENT_ATTENDED.ordinal();
    private static final int UNSUBSCRIBE = ActivityType.UNSUBSCRIBE.ordinal();
    private static final ActivityType[] TYPES = ActivityType.values();

    /** Engagement weight of each activity type, for the MQL score and the snapshot's engagement. */
    private static final double[] WEIGHT = new double[TYPES.length];
    /** How much a strong signal in the snapshot raises the lead's quality. */
    private static final double[] STRONG_SIGNAL_QUALITY = new double[TYPES.length];

    /** Burst activity mix: type, base weight, sensitivity of the log weight to intent. */
    private static final int[] BURST_TYPES = {PAGE_VIEW, PRICING_VIEW, CONTENT_DOWNLOAD, WEBINAR_REGISTERED,
        EMAIL_OPEN, EMAIL_CLICK, FORM_SUBMIT, EVENT_ATTENDED};
    private static final double[] BURST_WEIGHT = {0.42, 0.06, 0.10, 0.05, 0.17, 0.07, 0.04, 0.015};
    private static final double[] BURST_INTENT = {0.0, 0.6, 0.1, 0.2, 0.0, 0.3, 0.2, 0.2};

    /** Days after creation on which the welcome sequence's four emails go out. */
    private static final int[] WELCOME_DAYS = {1, 4, 9, 16};

    /** Won-deal cycle in days per segment: median and log sd so that ~95% fall in DOMAIN.md's ranges (14–30, 30–90, 90–180+). */
    private static final double[] WON_CYCLE_MEDIAN_DAYS = {20.5, 52, 127};
    private static final double[] WON_CYCLE_LOG_SD = {0.19, 0.28, 0.22};
    /** Deal amounts per segment (lognormal: right-skewed, DOMAIN.md), rounded as reps enter them. */
    private static final double[] AMOUNT_MEDIAN = {9_000, 38_000, 160_000};
    private static final double[] AMOUNT_LOG_SD = {0.55, 0.6, 0.7};
    private static final long[] AMOUNT_ROUNDING = {50, 100, 1_000};
    /** Enterprise deals are harder to win, small ones easier. */
    private static final double[] SEGMENT_WIN_SHIFT = {0.15, 0.0, -0.25};

    // Stage intercepts and slopes on the quality index Q, chosen so the realised funnel lands in DOMAIN.md's
    // ranges (data/README.md lists the rates a default world realises).
    private static final double SAL_INTERCEPT = 0.2;
    private static final double SAL_SLOPE = 0.75;
    private static final double NON_MQL_SAL_SHIFT = -0.9;
    private static final double SQL_INTERCEPT = 0.3;
    private static final double SQL_SLOPE = 0.5;
    private static final double OPPORTUNITY_INTERCEPT = 0.3;
    private static final double OPPORTUNITY_SLOPE = 0.35;
    private static final double WIN_INTERCEPT = -2.05;
    private static final double WIN_SLOPE = 0.55;
    /** Sd of the quality a model cannot observe (the conversation, the timing). */
    private static final double QUALITY_NOISE_SD = 0.45;

    /**
     * Two sales teams, each at work 08:00–18:00 local time Monday to Friday: Europe (CET, UTC+1) for the rest of
     * the world, and the Americas (EST, UTC−5) for the US, Canada and Brazil.
     */
    private static final long[] TEAM_WORK_START = {7 * HOUR, 13 * HOUR};
    private static final long[] TEAM_WORK_END = {17 * HOUR, 23 * HOUR};
    private static final int[] TEAM_OFFSET_MINUTES = {60, -300};

    private static final String[] REJECTION_REASONS = {"bad_fit", "no_budget", "student", "competitor", "duplicate", "not_ready"};
    private static final int BAD_FIT = 0;
    private static final int NO_BUDGET = 1;
    private static final int STUDENT = 2;
    private static final int COMPETITOR = 3;
    private static final int DUPLICATE = 4;
    private static final int NOT_READY = 5;

    private static final String[] OUTCOMES =
            Arrays.stream(FollowUpOutcome.values()).map(FollowUpOutcome::wireName).toArray(String[]::new);
    private static final String[] CHANNELS =
            Arrays.stream(FollowUpChannel.values()).map(FollowUpChannel::wireName).toArray(String[]::new);
    private static final String[] ACTIVITY_WIRE = Arrays.stream(TYPES).map(ActivityType::wireName).toArray(String[]::new);
    private static final String[] SENIORITY_WIRE =
            Arrays.stream(Seniority.values()).map(Seniority::wireName).toArray(String[]::new);
    private static final String WON = DealStatus.WON.wireName();
    private static final String LOST = DealStatus.LOST.wireName();
    private static final String OPEN = DealStatus.OPEN.wireName();

    static {
        WEIGHT[PAGE_VIEW] = 1;
        WEIGHT[PRICING_VIEW] = 4;
        WEIGHT[CONTENT_DOWNLOAD] = 3;
        WEIGHT[WEBINAR_REGISTERED] = 2;
        WEIGHT[WEBINAR_ATTENDED] = 5;
        WEIGHT[EMAIL_OPEN] = 0.5;
        WEIGHT[EMAIL_CLICK] = 1.5;
        WEIGHT[FORM_SUBMIT] = 3;
        WEIGHT[DEMO_REQUEST] = 10;
        WEIGHT[CONTACT_REQUEST] = 8;
        WEIGHT[PRICING_QUESTION] = 8;
        WEIGHT[TRIAL_SIGNUP] = 8;
        WEIGHT[EVENT_ATTENDED] = 5;
        WEIGHT[UNSUBSCRIBE] = -5;
        STRONG_SIGNAL_QUALITY[DEMO_REQUEST] = 1.3;
        STRONG_SIGNAL_QUALITY[CONTACT_REQUEST] = 1.0;
        STRONG_SIGNAL_QUALITY[PRICING_QUESTION] = 0.9;
        STRONG_SIGNAL_QUALITY[TRIAL_SIGNUP] = 1.0;
    }

    private final long seed;
    private final long until;
    private final long horizon;
    private final double tauHours;
    private final double decayK;
    private final CompanyPool companies;
    private final ArrivalSchedule arrivals;
    private final CsvSink leadsOut;
    private final CsvSink activitiesOut;
    private final CsvSink dealsOut;
    private final CsvSink followUpsOut;
    private final CsvSink truthOut;
    private final FunnelTally tally;
    private final SalesPaths paths;
    private final Rng rng = new Rng(0);
    private final int idWidth;
    private final BuyingWindows laterWindows;
    private final BuyingWindows.LeadLife life = new BuyingWindows.LeadLife() {
        @Override
        public long onLocalDay(long days) {
            return LeadSimulator.this.onLocalDay(days);
        }

        @Override
        public void burst(long t) {
            addTyped(t, BURST_TYPES[rng.pick(burstCumulative)]);
        }

        @Override
        public void handRaise(long t, int type) {
            String[] details = type == DEMO_REQUEST ? Catalog.DEMO_DETAILS
                    : type == PRICING_QUESTION ? Catalog.PRICING_QUESTION_DETAILS : Catalog.CONTACT_DETAILS;
            add(t, type, pick(details));
        }
    };

    private final long[] newsletterSends;
    private final String[] newsletterNames;
    private final double[] repMedianHours;
    private final String[] repIds;
    private final long startDay;
    private final int[] quarterOfDay;
    private final String[][][] campaignsBySourceAndQuarter;

    // Scratch, reused for every lead.
    private long[] eventTime = new long[256];
    private int[] eventType = new int[256];
    private String[] eventDetail = new String[256];
    private int events;
    private long[] sortKeys = new long[256];
    private long[] tmpTime = new long[256];
    private int[] tmpType = new int[256];
    private String[] tmpDetail = new String[256];
    private final long[] followUpTime = new long[32];
    private final int[] followUpOutcome = new int[32];
    private final int[] followUpChannel = new int[32];
    private final String[] followUpReason = new String[32];
    private int followUps;
    private final long[] attemptTime = new long[8];
    private final double[] burstCumulative = new double[BURST_TYPES.length];
    private final double[] stageChances = new double[5];
    private final double[] chainRest = new double[6];
    private final double[] reasonWeights = new double[REJECTION_REASONS.length];
    private final StringBuilder text = new StringBuilder(96);
    private long deals;
    private long firstCreated = Long.MAX_VALUE;
    private long lastCreated = Long.MIN_VALUE;

    // The current lead.
    private long created;
    private int offsetMinutes;
    private double intent;
    private double revival;
    private long unsubscribedAt;
    /** The sales team of the lead's account owner. */
    private int team;

    LeadSimulator(GeneratorOptions options, CompanyPool companies, ArrivalSchedule arrivals, Rng setup,
            CsvSink leadsOut, CsvSink activitiesOut, CsvSink dealsOut, CsvSink followUpsOut, CsvSink truthOut,
            FunnelTally tally, SalesPaths paths) {
        this.seed = options.seed();
        this.until = options.until().toEpochDay() * DAY;
        this.horizon = options.labelHorizonDays() * DAY;
        this.tauHours = options.responseDecayTauHours();
        this.decayK = options.responseDecayK();
        this.companies = companies;
        this.arrivals = arrivals;
        this.leadsOut = leadsOut;
        this.activitiesOut = activitiesOut;
        this.dealsOut = dealsOut;
        this.followUpsOut = followUpsOut;
        this.truthOut = truthOut;
        this.tally = tally;
        this.paths = paths;
        this.idWidth = Math.max(7, Integer.toString(options.leads()).length());
        this.startDay = options.historyStart().toEpochDay();
        this.laterWindows = new BuyingWindows(WON_CYCLE_MEDIAN_DAYS, WON_CYCLE_LOG_SD, options.labelHorizonDays(),
                SnapshotSchedule.defaults());

        // A newsletter every other Tuesday 09:00 UTC, from the start of the history to the last label horizon.
        long firstTuesday = startDay + Math.floorMod(1 - (startDay + 3), 7L);
        long lastDay = options.until().toEpochDay() + options.labelHorizonDays() + 14;
        int sends = (int) ((lastDay - firstTuesday) / 14 + 1);
        newsletterSends = new long[sends];
        newsletterNames = new String[sends];
        for (int s = 0; s < sends; s++) {
            long day = firstTuesday + 14L * s;
            newsletterSends[s] = day * DAY + 9 * HOUR;
            newsletterNames[s] = "Newsletter " + LocalDate.ofEpochDay(day);
        }
        // Reps differ: some answer in minutes, some after lunch (median hours lognormal around 0.7 h).
        repMedianHours = new double[Catalog.REPS];
        repIds = new String[Catalog.REPS];
        for (int r = 0; r < Catalog.REPS; r++) {
            repMedianHours[r] = setup.logNormal(0.7, 0.7);
            repIds[r] = (r < 9 ? "rep-0" : "rep-") + (r + 1);
        }
        int days = (int) (options.until().toEpochDay() - startDay);
        quarterOfDay = new int[days];
        LocalDate first = options.historyStart();
        int firstQuarter = first.getYear() * 4 + (first.getMonthValue() - 1) / 3;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            quarterOfDay[d] = date.getYear() * 4 + (date.getMonthValue() - 1) / 3 - firstQuarter;
        }
        campaignsBySourceAndQuarter = campaigns(firstQuarter, quarterOfDay[days - 1] + 1);
    }

    /** Earliest lead creation written so far, epoch millis. */
    long firstCreated() {
        return firstCreated;
    }

    /** Latest lead creation written so far, epoch millis. */
    long lastCreated() {
        return lastCreated;
    }

    /** Simulates lead {@code index} (0-based, in creation order) and writes all its rows. */
    void simulate(int index) {
        rng.reseed(Rng.stream(seed, index));
        events = 0;
        followUps = 0;
        int company = arrivals.company(index);
        created = arrivals.createdAt(index);
        offsetMinutes = companies.offsetMinutes[company];
        TimeStyle createdStyle = pickStyle(0.55, 0.25, 0.15, 0.05);
        if (createdStyle == TimeStyle.DATE) {
            // A list import records only the day: the lead exists from 00:00 UTC, and so does everything after it.
            created = Math.floorDiv(created, DAY) * DAY;
        }
        firstCreated = Math.min(firstCreated, created);
        lastCreated = Math.max(lastCreated, created);
        int segment = companies.segment[company];
        int industry = companies.industry[company];
        Seniority seniority = pickSeniority(industry);
        boolean student = seniority == Seniority.STUDENT;
        int department = rng.pick(Catalog.DEPARTMENT_CUMULATIVE);
        int source = rng.pick(Catalog.SOURCE_CUMULATIVE);
        if (segment == Catalog.ENTERPRISE && source != Catalog.OUTBOUND && rng.chance(0.12)) {
            source = Catalog.OUTBOUND; // enterprise accounts are prospected more
        }
        int budget = student ? 0 : rng.pick(Catalog.BUDGET_CUMULATIVE_BY_SEGMENT[segment]);
        boolean freeMail = rng.chance(student ? 0.7 : segment == Catalog.SMB ? 0.14 : 0.05);

        double fit = Catalog.INDUSTRY_FIT[industry] + Catalog.SEGMENT_FIT[segment]
                + Catalog.SENIORITY_FIT[seniority.ordinal()] + (student ? 0 : Catalog.DEPARTMENT_FIT[department])
                + Catalog.COUNTRY_FIT[companies.country[company]] + Catalog.BUDGET_FIT[budget]
                + Catalog.TECH_FIT[companies.techStack[company]] + 0.012 * (companies.websiteScore[company] - 50)
                + (freeMail ? -0.5 : 0);
        // Standardised over the population (mean 0.56 and sd 1.52 measured on a default world of 100,000 leads).
        fit = (fit - 0.56) / 1.52;
        intent = 0.68 * fit + Catalog.SOURCE_INTENT[source] + rng.gaussian(0, 0.9);
        revival = laterWindows.begin(rng);

        long lifeEnd = Math.max(until, created + horizon);
        generateMarketing(source, segment, lifeEnd);
        sortEvents();

        // ---- MQL hand-off ----
        long handoff = -1;
        boolean fastTrack = false;
        double score = 0;
        long last = created;
        for (int e = 0; e < events; e++) {
            long t = eventTime[e];
            score = score * StrictMath.exp(-(t - last) * StrictMath.log(2) / HALF_LIFE_MILLIS) + WEIGHT[eventType[e]];
            last = t;
            if (StageEngine.isFastTrack(TYPES[eventType[e]])) {
                handoff = t;
                fastTrack = true;
                break;
            }
            if (score >= MQL_SCORE_THRESHOLD) {
                handoff = t;
                break;
            }
        }
        // A lead that goes straight to a rep is worked before marketing could hand it off: it never is.
        boolean direct = paths.straightToRep(company, created, source, rng);
        boolean mql = handoff >= 0 && !direct;

        // ---- Who would work it, how fast, and the timeline a win would follow ----
        double workChance;
        long start;
        if (mql) {
            // The black hole (Sabnis et al., J. Marketing 2013; HBR 2011: 23% of firms never responded):
            // most MQLs are followed up, good-looking and fast-track ones more often.
            workChance = Rng.logistic(1.35 + 0.45 * fit + (fastTrack ? 0.8 : 0)) * paths.workChanceScale(handoff);
            start = handoff;
        } else if (direct) {
            workChance = paths.directWorkChance();
            start = paths.directStart(created, rng);
        } else if (source == Catalog.OUTBOUND) {
            workChance = 0.6;
            start = created + (long) (rng.exponential(20) * HOUR);
        } else {
            workChance = 0.08; // a rep working the nurture list
            start = created + (long) (rng.uniform(3, 40) * DAY);
        }
        int rep = paths.rep(companies.rep[company], start);
        team = CompanyPool.team(rep);
        double responseHours = Double.NaN;
        double multiplier = 1;
        long firstTouch;
        if (mql) {
            firstTouch = nextWorkingTime(handoff
                    + (long) (rng.logNormal(repMedianHours[rep], 1.3) * paths.responseScale(handoff) * HOUR));
            responseHours = (firstTouch - handoff) / (double) HOUR;
            multiplier = StrictMath.pow(1 + responseHours / tauHours, -decayK);
        } else {
            firstTouch = nextWorkingTime(start);
        }
        int attemptsBeforeReach = rng.pick(ATTEMPTS_CUMULATIVE);
        attemptTime[0] = firstTouch;
        for (int a = 1; a <= attemptsBeforeReach; a++) {
            attemptTime[a] = nextWorkingTime(attemptTime[a - 1] + (long) (rng.uniform(0.6, 3) * DAY));
        }
        long reachedAt = attemptTime[attemptsBeforeReach];
        boolean directMeeting = rng.chance(0.3);
        long meetingAt = directMeeting ? reachedAt : nextWorkingTime(reachedAt + HOUR + (long) (rng.exponential(1.5) * DAY));
        long opportunityAt = Math.max(nextWorkingTime(meetingAt + (long) (rng.uniform(2, 12) * DAY)), created + DAY);
        TimeStyle dealStyle = pickStyle(0.35, 0.20, 0, 0.45);
        long wonCloseAt = opportunityAt + (long) (rng.logNormal(WON_CYCLE_MEDIAN_DAYS[segment], WON_CYCLE_LOG_SD[segment]) * DAY);
        if (dealStyle == TimeStyle.DATE) {
            // The CRM stores dates: the truth uses the same instants the contract will read.
            opportunityAt = Math.floorDiv(opportunityAt, DAY) * DAY;
            wonCloseAt = Math.max(opportunityAt, Math.floorDiv(wonCloseAt, DAY) * DAY);
        }
        if (wonCloseAt == created + horizon) {
            wonCloseAt += DAY; // never exactly on the boundary, whichever comparison an importer uses
        }

        // ---- The snapshot: what a model can see, and the quality it implies ----
        long snapshotEnd = Math.min(created + SNAPSHOT_WINDOW, opportunityAt);
        double engagement = 0;
        double strong = 0;
        boolean unsubscribedInSnapshot = false;
        int seenStrong = 0;
        for (int e = 0; e < events && eventTime[e] < snapshotEnd; e++) {
            int type = eventType[e];
            if (STRONG_SIGNAL_QUALITY[type] > 0) {
                if ((seenStrong & 1 << type) == 0) {
                    strong += STRONG_SIGNAL_QUALITY[type];
                    seenStrong |= 1 << type;
                }
            } else if (type == UNSUBSCRIBE) {
                unsubscribedInSnapshot = true;
            } else {
                engagement += WEIGHT[type];
            }
        }
        double quality = 1.05 * fit + 0.65 * (StrictMath.log1p(engagement) - 2.0) + Math.min(strong, 2.0)
                + (unsubscribedInSnapshot ? -0.7 : 0) + rng.gaussian(0, QUALITY_NOISE_SD);

        // ---- Stage chances, p_convert, and the one draw that decides ----
        // m(t) = (1 + t/τ)^(−k) multiplies the chance that a worked MQL qualifies (reaches SQL), split evenly
        // between acceptance and the meeting (DOMAIN.md; Oldroyd et al., HBR 2011).
        double halfMultiplier = StrictMath.sqrt(multiplier);
        double[] chance = stageChances;
        chance[0] = workChance;
        double acceptanceShift = mql ? 0 : direct ? paths.directAcceptanceShift() : NON_MQL_SAL_SHIFT;
        chance[1] = Rng.logistic(SAL_INTERCEPT + acceptanceShift + SAL_SLOPE * quality) * halfMultiplier;
        chance[2] = Rng.logistic(SQL_INTERCEPT + SQL_SLOPE * quality) * halfMultiplier;
        chance[3] = Rng.logistic(OPPORTUNITY_INTERCEPT + OPPORTUNITY_SLOPE * quality);
        chance[4] = Rng.logistic(WIN_INTERCEPT + WIN_SLOPE * quality + SEGMENT_WIN_SHIFT[segment]);
        boolean inHorizon = wonCloseAt <= created + horizon;
        double firstOpens = chance[0] * chance[1] * chance[2] * chance[3];
        double pFirst = 0;
        if (inHorizon) {
            double product = 1;
            for (double c : chance) {
                product *= c;
            }
            pFirst = Math.round(product * 1e9) / 1e9;
        }
        int stage = decideStage(pFirst, inHorizon, chance);
        boolean worked = stage >= 0;
        boolean firstWorked = worked;
        int firstStage = stage;

        // ---- Later buying windows, for a lead the first hand-off did not bring to an opportunity ----
        laterWindows.live(life, rng, created, fit, intent, segment, SEGMENT_WIN_SHIFT[segment], opportunityAt,
                stage >= 3 ? created : lifeEnd);
        boolean later = stage < 3 && laterWindows.opened();
        sortEvents();
        double pConvert = Math.round(laterWindows.probability(created, opportunityAt, firstOpens, chance[4], wonCloseAt)
                * 1e9) / 1e9;

        // ---- What the outcome causes ----
        long dealCreated = -1;
        long dealClosed = -1;
        if (worked) {
            buildFollowUps(stage, attemptsBeforeReach, directMeeting, meetingAt, company, fit, budget, student);
            companies.lastWorkedAt[company] = Math.max(companies.lastWorkedAt[company], firstTouch);
            if (stage >= 3) {
                dealCreated = opportunityAt;
                if (stage == 4) {
                    dealClosed = wonCloseAt;
                } else {
                    double lostDays = rng.logNormal(1.4 * WON_CYCLE_MEDIAN_DAYS[segment], 0.45);
                    dealClosed = opportunityAt + (long) (lostDays * DAY);
                    if (dealStyle == TimeStyle.DATE) {
                        dealClosed = Math.max(opportunityAt, Math.floorDiv(dealClosed, DAY) * DAY);
                    }
                }
                addDealActivity(opportunityAt, Math.min(dealClosed, opportunityAt + 45 * DAY), segment);
                sortEvents();
            }
        }
        if (later) {
            // the window's hand-off: accepted, a meeting, then the opportunity; written to the second
            long opened = laterWindows.opportunityAt();
            long accepted = Math.min(nextWorkingTime(opened - 5 * DAY), opened - 2 * HOUR);
            long meeting = Math.min(Math.max(accepted + HOUR, nextWorkingTime(opened - 2 * DAY)), opened - HOUR);
            addFollowUp(accepted, FollowUpOutcome.ACCEPTED, acceptChannel(), null);
            addFollowUp(meeting, FollowUpOutcome.MEETING_BOOKED, FollowUpChannel.CALL, null);
            worked = true;
            stage = laterWindows.won() ? 4 : 3;
            dealCreated = opened;
            dealClosed = laterWindows.won() ? laterWindows.wonAt()
                    : opened + (long) (rng.logNormal(1.4 * WON_CYCLE_MEDIAN_DAYS[segment], 0.45) * DAY) / 1000 * 1000;
            dealStyle = TimeStyle.UTC;
            addDealActivity(opened, Math.min(dealClosed, opened + 45 * DAY), segment);
            sortEvents();
        }
        if (worked) {
            // what the CRM got of sales' work (all of it, in the textbook), and a win makes a returning customer
            keepFollowUps(paths.followUpRecord(stage, rng));
        }
        if (stage == 4) {
            paths.won(company, dealClosed);
        }
        boolean converted = stage == 4 && dealClosed < created + horizon;
        long openUntil = stage >= 3 ? dealCreated : Long.MAX_VALUE;

        // ---- Rows ----
        String leadId = id("LD-", index);
        writeActivities(leadId);
        writeFollowUps(leadId, rep);
        String dealState = null;
        if (dealCreated >= 0 && dealCreated < until) {
            dealState = writeDeal(leadId, dealCreated, dealClosed, stage == 4, segment, dealStyle);
            if (WON.equals(dealState)) {
                writeFollowOnDeals(leadId, dealClosed, segment);
            }
        }
        writeLead(leadId, createdStyle, company, seniority, department, source, budget, freeMail, student, dealState);
        writeTruth(leadId, pConvert, converted, segment, fit, engagement, fastTrack, mql ? handoff : -1, firstWorked,
                firstWorked ? firstTouch : -1, responseHours, multiplier);
        truthOut.fixed(laterWindows.revival(), 4).integer(laterWindows.windowsBefore(until));
        if (later) {
            truthOut.time(laterWindows.returnedAt(), TimeStyle.UTC_MILLIS, 0);
        } else {
            truthOut.empty();
        }
        truthOut
                .text(laterWindows.truthByAge(until, openUntil, opportunityAt, firstOpens, chance[4], wonCloseAt, text));
        truthOut.endRow();
        if (created + horizon <= until) {
            // the funnel of the first hand-off (a later window's hand-off is another funnel); the outcome is the lead's
            tally.addMatureLead(pConvert, converted, mql, firstStage, mql && firstWorked ? responseHours : Double.NaN);
        }
    }

    /**
     * How far the lead went: -1 not worked, 0 worked but not accepted, 1 SAL, 2 SQL, 3 opportunity lost, 4 won,
     * from the chances of passing each link (worked, SAL, SQL, opportunity, won). A win within the horizon happens
     * with probability exactly {@code pConvert}; otherwise the link where the lead stopped is drawn from the chain
     * conditioned on no win within the horizon.
     */
    private int decideStage(double pConvert, boolean inHorizon, double[] chance) {
        int links = chance.length;
        double u = rng.uniform();
        if (inHorizon) {
            if (u < pConvert) {
                return links - 1;
            }
            // P(pass link j | passed the earlier ones, not all pass) = c_j (1 − R_{j+1}) / (1 − R_j),
            // with R_j the product of the chances from link j on.
            double[] rest = chainRest;
            rest[links] = 1;
            for (int j = links - 1; j >= 0; j--) {
                rest[j] = rest[j + 1] * chance[j];
            }
            for (int j = 0; j < links - 1; j++) {
                double pass = rest[j] >= 1 ? 0 : chance[j] * (1 - rest[j + 1]) / (1 - rest[j]);
                if (!rng.chance(pass)) {
                    return j - 1;
                }
            }
            return links - 2;
        }
        // A win could only close after the horizon: the chain runs unconditioned (such a win is no conversion).
        for (int j = 0; j < links; j++) {
            if (!(j == 0 ? u < chance[0] : rng.chance(chance[j]))) {
                return j - 1;
            }
        }
        return links - 1;
    }

    // ------------------------------------------------------------------ engagement

    private void generateMarketing(int source, int segment, long lifeEnd) {
        double heat = StrictMath.exp(0.5 * intent);
        // Unsubscribing is a hazard that falls with intent (cold leads leave); email stops after it.
        double unsubscribeRatePerDay = 0.0006 * StrictMath.exp(-0.9 * intent);
        long unsubscribeDay = (long) rng.exponential(1 / unsubscribeRatePerDay);
        unsubscribedAt = source == Catalog.OUTBOUND ? Long.MAX_VALUE : onLocalDay(Math.min(unsubscribeDay, 100_000));

        // The inquiry itself.
        boolean demoAtCreation = false;
        double demoChance = Rng.logistic(-3.0 + 1.0 * intent + (source == Catalog.REFERRAL || source == Catalog.PARTNER ? 0.6 : 0));
        boolean demo = rng.chance(demoChance);
        if (demo && source != Catalog.OUTBOUND && rng.chance(0.4)) {
            demoAtCreation = true;
            add(created, DEMO_REQUEST, pick(Catalog.DEMO_DETAILS));
        } else {
            switch (source) {
                case Catalog.WEBINAR -> add(created, WEBINAR_REGISTERED, pick(Catalog.WEBINARS));
                case Catalog.EVENT -> add(created, EVENT_ATTENDED, pick(Catalog.EVENTS));
                case Catalog.CONTENT -> add(created, CONTENT_DOWNLOAD, pick(Catalog.ASSETS));
                case Catalog.REFERRAL, Catalog.PARTNER -> add(created, FORM_SUBMIT, Catalog.FORMS[rng.chance(0.8) ? 0 : 4]);
                case Catalog.OUTBOUND -> {
                    // Sales created the lead: no inquiry.
                }
                default -> {
                    if (rng.chance(0.55)) {
                        add(created, CONTENT_DOWNLOAD, pick(Catalog.ASSETS));
                    } else {
                        add(created, FORM_SUBMIT, formDetail());
                    }
                }
            }
        }
        if (demo && !demoAtCreation) {
            add(onLocalDay((long) rng.exponential(10)), DEMO_REQUEST, pick(Catalog.DEMO_DETAILS));
        }
        if (rng.chance(Rng.logistic(-4.0 + 0.8 * intent))) {
            add(onLocalDay((long) rng.exponential(12)), CONTACT_REQUEST, pick(Catalog.CONTACT_DETAILS));
        }
        if (rng.chance(Rng.logistic(-4.1 + 0.9 * intent))) {
            add(onLocalDay((long) rng.exponential(12)), PRICING_QUESTION, pick(Catalog.PRICING_QUESTION_DETAILS));
        }
        if (rng.chance(Rng.logistic(-3.9 + 0.8 * intent + (segment == Catalog.SMB ? 0.5 : 0)))) {
            add(onLocalDay((long) rng.exponential(8)), TRIAL_SIGNUP, pick(Catalog.TRIAL_DETAILS));
        }

        // The first burst of interest, most of it in the first weeks.
        double[] cumulative = burstCumulative;
        double sum = 0;
        for (int k = 0; k < BURST_TYPES.length; k++) {
            sum += BURST_WEIGHT[k] * StrictMath.exp(BURST_INTENT[k] * intent);
            cumulative[k] = sum;
        }
        int burst = Math.min(80, rng.poisson(3.8 * heat));
        for (int k = 0; k < burst; k++) {
            addTyped(onLocalDay((long) rng.exponential(6)), BURST_TYPES[rng.pick(cumulative)]);
        }
        // Some leads come back months later (a new project, a new budget).
        if (rng.chance(0.35 * Rng.logistic(intent - 0.5))) {
            long comeback = (long) rng.uniform(45, 540);
            int again = 1 + rng.poisson(2.5 * StrictMath.exp(0.4 * intent));
            for (int k = 0; k < again; k++) {
                addTyped(onLocalDay(comeback + (long) rng.exponential(4)), BURST_TYPES[rng.pick(cumulative)]);
            }
            if (rng.chance(Rng.logistic(-3.8 + intent))) {
                add(onLocalDay(comeback + (long) rng.exponential(5)), DEMO_REQUEST, pick(Catalog.DEMO_DETAILS));
            }
        }

        if (source != Catalog.OUTBOUND) {
            // The welcome sequence, then the newsletter every other week, with fatigue.
            for (int k = 0; k < WELCOME_DAYS.length; k++) {
                long sent = onLocalDay(WELCOME_DAYS[k]);
                emailOpen(sent, Catalog.NURTURE_EMAILS[k], Rng.logistic(-0.6 + 0.6 * intent), lifeEnd);
            }
        }
        int s = Arrays.binarySearch(newsletterSends, created + 2 * DAY);
        s = s < 0 ? -s - 1 : s;
        double openBase = source == Catalog.OUTBOUND ? -2.2 : -1.1;
        for (int sent = 0; s < newsletterSends.length && newsletterSends[s] < lifeEnd; s++, sent++) {
            long at = newsletterSends[s];
            if (at >= unsubscribedAt) {
                break;
            }
            // a lead that will come back keeps reading: its hidden revival shows in its newsletter opens
            emailOpen(at, newsletterNames[s], Rng.logistic(openBase + 0.6 * intent + 1.2 * revival - 0.02 * sent), lifeEnd);
        }
        if (unsubscribedAt < lifeEnd) {
            add(unsubscribedAt, UNSUBSCRIBE, pick(Catalog.UNSUBSCRIBE_DETAILS));
        }
        dropFrom(lifeEnd);
    }

    private void emailOpen(long sent, String name, double openChance, long lifeEnd) {
        if (sent >= unsubscribedAt || sent >= lifeEnd || !rng.chance(openChance)) {
            return;
        }
        long opened = sent + (long) (rng.logNormal(2, 1.3) * HOUR);
        add(opened, EMAIL_OPEN, name);
        if (rng.chance(Rng.logistic(-1.6 + 0.5 * intent))) {
            add(opened + (long) (rng.uniform(5, 300) * 1000), EMAIL_CLICK, name);
        }
    }

    private void addTyped(long t, int type) {
        if (type == PAGE_VIEW) {
            int pages = 1 + rng.poisson(1.0);
            for (int p = 0; p < pages; p++) {
                add(t, PAGE_VIEW, rng.chance(0.06) ? null : pick(Catalog.PAGES));
                t += (long) rng.uniform(15, 240) * 1000 + rng.nextInt(1000);
            }
        } else if (type == PRICING_VIEW) {
            add(t, PRICING_VIEW, pick(Catalog.PRICING_PAGES));
        } else if (type == CONTENT_DOWNLOAD) {
            add(t, CONTENT_DOWNLOAD, pick(Catalog.ASSETS));
        } else if (type == WEBINAR_REGISTERED) {
            String webinar = pick(Catalog.WEBINARS);
            add(t, WEBINAR_REGISTERED, webinar);
            if (rng.chance(Rng.logistic(-0.2 + 0.6 * intent))) {
                add(t + (long) (rng.uniform(1, 10) * DAY), WEBINAR_ATTENDED, webinar);
            }
        } else if (type == EMAIL_OPEN || type == EMAIL_CLICK) {
            if (t < unsubscribedAt) {
                String name = pick(Catalog.NURTURE_EMAILS);
                add(t, EMAIL_OPEN, name);
                if (type == EMAIL_CLICK) {
                    add(t + (long) (rng.uniform(5, 300) * 1000), EMAIL_CLICK, name);
                }
            }
        } else if (type == FORM_SUBMIT) {
            add(t, FORM_SUBMIT, formDetail());
        } else {
            add(t, EVENT_ATTENDED, pick(Catalog.EVENTS));
        }
    }

    /** Activity during a deal (pricing talks, a trial, reading up): it follows the opportunity, never precedes it. */
    private void addDealActivity(long from, long to, int segment) {
        int n = rng.poisson(2.5);
        for (int k = 0; k < n; k++) {
            long t = from + HOUR + (long) (rng.uniform() * Math.max(DAY, to - from));
            double u = rng.uniform();
            if (u < 0.35) {
                add(t, PRICING_VIEW, pick(Catalog.PRICING_PAGES));
            } else if (u < 0.55) {
                add(t, PRICING_QUESTION, pick(Catalog.PRICING_QUESTION_DETAILS));
            } else if (u < 0.65 && segment != Catalog.ENTERPRISE) {
                add(t, TRIAL_SIGNUP, pick(Catalog.TRIAL_DETAILS));
            } else {
                add(t, PAGE_VIEW, pick(Catalog.PAGES));
            }
        }
    }

    private String formDetail() {
        return rng.chance(0.04) ? pick(Catalog.FORM_MESSAGES) : pick(Catalog.FORMS);
    }

    /** A time {@code days} local days after creation, in the lead's office hours (day 0: within hours of creation). */
    private long onLocalDay(long days) {
        if (days <= 0) {
            return created + (long) (rng.exponential(2.5) * HOUR);
        }
        long offset = offsetMinutes * MINUTE;
        long day = Math.floorDiv(created + offset, DAY) + days;
        int weekday = (int) Math.floorMod(day + 3, 7L);
        if (weekday >= 5 && rng.chance(0.7)) {
            day += 7 - weekday; // most weekend interest waits for Monday
        }
        return day * DAY + ArrivalSchedule.localTimeOfDay(rng) + rng.nextInt(1000) - offset;
    }

    private void add(long t, int type, String detail) {
        if (events == MAX_EVENTS) {
            return;
        }
        if (events == eventTime.length) {
            int size = events * 2;
            eventTime = Arrays.copyOf(eventTime, size);
            eventType = Arrays.copyOf(eventType, size);
            eventDetail = Arrays.copyOf(eventDetail, size);
            sortKeys = new long[size];
            tmpTime = new long[size];
            tmpType = new int[size];
            tmpDetail = new String[size];
        }
        eventTime[events] = Math.max(t, created);
        eventType[events] = type;
        eventDetail[events] = detail;
        events++;
    }

    private void dropFrom(long end) {
        int kept = 0;
        for (int e = 0; e < events; e++) {
            if (eventTime[e] < end) {
                eventTime[kept] = eventTime[e];
                eventType[kept] = eventType[e];
                eventDetail[kept] = eventDetail[e];
                kept++;
            }
        }
        events = kept;
    }

    /** Stable sort by time: (time since creation, index) packed into a long, then a permutation. */
    private void sortEvents() {
        for (int e = 0; e < events; e++) {
            sortKeys[e] = (eventTime[e] - created) << 11 | e;
        }
        Arrays.sort(sortKeys, 0, events);
        for (int e = 0; e < events; e++) {
            int from = (int) (sortKeys[e] & 0x7FF);
            tmpTime[e] = eventTime[from];
            tmpType[e] = eventType[from];
            tmpDetail[e] = eventDetail[from];
        }
        long[] t = eventTime;
        eventTime = tmpTime;
        tmpTime = t;
        int[] ty = eventType;
        eventType = tmpType;
        tmpType = ty;
        String[] d = eventDetail;
        eventDetail = tmpDetail;
        tmpDetail = d;
    }

    // ------------------------------------------------------------------ sales

    private void buildFollowUps(int stage, int attemptsBeforeReach, boolean directMeeting, long meetingAt,
            int company, double fit, int budget, boolean student) {
        long firstTouch = attemptTime[0];
        if (stage == 0) {
            if (rng.chance(0.55)) {
                long t = firstTouch;
                int unanswered = rng.pick(ATTEMPTS_CUMULATIVE);
                for (int a = 0; a < unanswered; a++) {
                    addFollowUp(t, FollowUpOutcome.NO_ANSWER, noAnswerChannel(), null);
                    t = nextWorkingTime(t + (long) (rng.uniform(0.6, 3) * DAY));
                }
                String reason = rejectionReason(company, firstTouch, fit, budget, student);
                addFollowUp(t, FollowUpOutcome.REJECTED, rejectionChannel(), reason);
            } else {
                long t = firstTouch;
                int unanswered = 1 + Math.min(5, rng.poisson(1.6));
                for (int a = 0; a < unanswered; a++) {
                    addFollowUp(t, FollowUpOutcome.NO_ANSWER, noAnswerChannel(), null);
                    t = nextWorkingTime(t + (long) (rng.uniform(1, 4) * DAY));
                }
            }
            return;
        }
        for (int a = 0; a < attemptsBeforeReach; a++) {
            addFollowUp(attemptTime[a], FollowUpOutcome.NO_ANSWER, noAnswerChannel(), null);
        }
        long reachedAt = attemptTime[attemptsBeforeReach];
        if (stage == 1) {
            addFollowUp(reachedAt, FollowUpOutcome.ACCEPTED, acceptChannel(), null);
            if (rng.chance(0.6)) {
                int reason = pickReason(0.15, 0.30, 0, 0.10, 0, 0.45);
                addFollowUp(nextWorkingTime(reachedAt + (long) (rng.uniform(3, 25) * DAY)), FollowUpOutcome.REJECTED,
                        rejectionChannel(), reasonText(reason));
            }
            return;
        }
        if (!directMeeting) {
            addFollowUp(reachedAt, FollowUpOutcome.ACCEPTED, acceptChannel(), null);
        }
        addFollowUp(meetingAt, FollowUpOutcome.MEETING_BOOKED, acceptChannel(), null);
        if (stage == 2 && rng.chance(0.7)) {
            // Disqualified in or after the meeting.
            int reason = pickReason(0.10, 0.30, 0, 0.20, 0, 0.40);
            long at = nextWorkingTime(meetingAt + (long) (rng.uniform(3, 15) * DAY));
            addFollowUp(at, FollowUpOutcome.REJECTED, rng.chance(0.6) ? FollowUpChannel.MEETING : FollowUpChannel.EMAIL,
                    reasonText(reason));
        }
    }

    private String rejectionReason(int company, long at, double fit, int budget, boolean student) {
        if (student && rng.chance(0.9)) {
            return reasonText(STUDENT);
        }
        long previous = companies.lastWorkedAt[company];
        if (previous != Long.MIN_VALUE && Math.abs(at - previous) < 90 * DAY && rng.chance(0.6)) {
            return reasonText(DUPLICATE);
        }
        double badFit = 1 + 3 * Math.max(0, -fit);
        double noBudget = 0.8 + (budget == 0 ? 1.5 : 0);
        double notReady = 1 + Math.max(0, -intent);
        return reasonText(pickReason(badFit, noBudget, 0, 0.3, 0, notReady));
    }

    private int pickReason(double badFit, double noBudget, double student, double competitor, double duplicate,
            double notReady) {
        double[] weights = reasonWeights;
        weights[BAD_FIT] = badFit;
        weights[NO_BUDGET] = badFit + noBudget;
        weights[STUDENT] = weights[NO_BUDGET] + student;
        weights[COMPETITOR] = weights[STUDENT] + competitor;
        weights[DUPLICATE] = weights[COMPETITOR] + duplicate;
        weights[NOT_READY] = weights[DUPLICATE] + notReady;
        return rng.pick(weights);
    }

    /** The reason, or none: reps skip the field now and then. */
    private String reasonText(int reason) {
        return rng.chance(0.08) ? null : REJECTION_REASONS[reason];
    }

    private FollowUpChannel noAnswerChannel() {
        return rng.chance(0.8) ? FollowUpChannel.CALL : FollowUpChannel.EMAIL;
    }

    private FollowUpChannel acceptChannel() {
        double u = rng.uniform();
        return u < 0.6 ? FollowUpChannel.CALL : u < 0.9 ? FollowUpChannel.EMAIL : FollowUpChannel.OTHER;
    }

    private FollowUpChannel rejectionChannel() {
        double u = rng.uniform();
        return u < 0.5 ? FollowUpChannel.EMAIL : u < 0.9 ? FollowUpChannel.CALL : FollowUpChannel.OTHER;
    }

    /** Drops the follow-ups the CRM never got: all of them, or the acceptance and the meeting. */
    private void keepFollowUps(SalesPaths.FollowUpRecord record) {
        if (record == SalesPaths.FollowUpRecord.ALL) {
            return;
        }
        int kept = 0;
        for (int f = 0; f < followUps; f++) {
            int outcome = followUpOutcome[f];
            boolean stageStep = outcome == FollowUpOutcome.ACCEPTED.ordinal()
                    || outcome == FollowUpOutcome.MEETING_BOOKED.ordinal();
            if (record == SalesPaths.FollowUpRecord.WITHOUT_STAGE_STEPS && !stageStep) {
                followUpTime[kept] = followUpTime[f];
                followUpOutcome[kept] = outcome;
                followUpChannel[kept] = followUpChannel[f];
                followUpReason[kept] = followUpReason[f];
                kept++;
            }
        }
        followUps = kept;
    }

    private void addFollowUp(long t, FollowUpOutcome outcome, FollowUpChannel channel, String reason) {
        if (followUps == followUpTime.length) {
            return;
        }
        followUpTime[followUps] = t;
        followUpOutcome[followUps] = outcome.ordinal();
        followUpChannel[followUps] = channel.ordinal();
        followUpReason[followUps] = reason;
        followUps++;
    }

    /**
     * The next moment the sales team is at work, to the whole second (CRMs store seconds); after hours, the next
     * morning's queue, which takes a while to clear.
     */
    private long nextWorkingTime(long t) {
        long day = Math.floorDiv(t, DAY);
        long timeOfDay = t - day * DAY;
        int weekday = (int) Math.floorMod(day + 3, 7L);
        long workStart = TEAM_WORK_START[team];
        if (weekday < 5 && timeOfDay >= workStart && timeOfDay < TEAM_WORK_END[team]) {
            return Math.floorDiv(t + 999, 1000) * 1000;
        }
        long next = weekday < 5 && timeOfDay < workStart ? day : day + 1;
        while (Math.floorMod(next + 3, 7L) >= 5) {
            next++;
        }
        return next * DAY + workStart + (long) (rng.exponential(0.75) * HOUR) / 1000 * 1000;
    }

    // ------------------------------------------------------------------ rows

    private void writeActivities(String leadId) {
        for (int e = 0; e < events; e++) {
            long t = eventTime[e];
            if (t >= until) {
                break;
            }
            double u = rng.uniform();
            TimeStyle style = u < 0.75 ? TimeStyle.UTC_MILLIS : u < 0.90 ? TimeStyle.UTC : u < 0.95 ? TimeStyle.OFFSET
                    : TimeStyle.NO_OFFSET;
            activitiesOut.text(leadId).time(t, style, offsetMinutes).text(ACTIVITY_WIRE[eventType[e]])
                    .text(eventDetail[e]).endRow();
        }
    }

    private void writeFollowUps(String leadId, int rep) {
        int team = CompanyPool.team(rep);
        for (int f = 0; f < followUps; f++) {
            long t = followUpTime[f];
            if (t >= until) {
                continue;
            }
            double u = rng.uniform();
            TimeStyle style = u < 0.5 ? TimeStyle.OFFSET : u < 0.9 ? TimeStyle.UTC : TimeStyle.NO_OFFSET;
            followUpsOut.text(leadId).time(t, style, TEAM_OFFSET_MINUTES[team]);
            if (rng.chance(0.03)) {
                followUpsOut.empty();
            } else {
                followUpsOut.text(repIds[rep]);
            }
            followUpsOut.text(rng.chance(0.05) ? null : CHANNELS[followUpChannel[f]])
                    .text(OUTCOMES[followUpOutcome[f]]).text(followUpReason[f]).endRow();
        }
    }

    /**
     * A customer's further deals on the lead of a won deal (the world's {@link SalesPaths#followOnDeal}): each
     * opens some months after the previous win and is won or lost in the segment's cycle; a won one may bring
     * another. Only deals opened before {@code until} are written.
     */
    private void writeFollowOnDeals(String leadId, long wonAt, int segment) {
        long previous = wonAt;
        while (paths.followOnDeal(rng)) {
            long opened = previous + (long) (paths.followOnDays(rng) * DAY) / 1000 * 1000;
            boolean won = rng.chance(paths.followOnWinChance());
            double cycle = rng.logNormal((won ? 1 : 1.4) * WON_CYCLE_MEDIAN_DAYS[segment], WON_CYCLE_LOG_SD[segment]);
            long closed = opened + (long) (cycle * DAY) / 1000 * 1000;
            if (opened >= until) {
                return;
            }
            if (!WON.equals(writeDeal(leadId, opened, closed, won, segment, TimeStyle.UTC))) {
                return;
            }
            previous = closed;
        }
    }

    private String writeDeal(String leadId, long createdAt, long closedAt, boolean won, int segment, TimeStyle style) {
        String dealId = id("OP-", deals++);
        boolean closed = closedAt < until;
        String status = !closed ? OPEN : won ? WON : LOST;
        double amount = rng.logNormal(AMOUNT_MEDIAN[segment], AMOUNT_LOG_SD[segment]);
        long rounded = Math.max(AMOUNT_ROUNDING[segment], Math.round(amount / AMOUNT_ROUNDING[segment]) * AMOUNT_ROUNDING[segment]);
        dealsOut.text(dealId).text(leadId).time(createdAt, style, offsetMinutes).text(status);
        if (closed) {
            dealsOut.time(closedAt, style, offsetMinutes);
        } else {
            dealsOut.empty();
        }
        if (rng.chance(0.3)) {
            dealsOut.fixed(rounded, 2);
        } else {
            dealsOut.integer(rounded);
        }
        if (closed && !won && rng.chance(0.88)) {
            dealsOut.text(Catalog.LOST_REASONS[rng.pick(Catalog.LOST_REASON_CUMULATIVE)]);
        } else {
            dealsOut.empty();
        }
        dealsOut.endRow();
        return status;
    }

    private void writeLead(String leadId, TimeStyle createdStyle, int company, Seniority seniority, int department,
            int source, int budget, boolean freeMail, boolean student, String dealStatus) {
        CsvSink out = leadsOut;
        out.text(leadId).time(created, createdStyle, offsetMinutes);
        // email
        if (rng.chance(0.06)) {
            out.empty();
        } else {
            out.text(email(company, freeMail));
        }
        // company
        out.text(rng.chance(freeMail ? 0.25 : 0.04) ? null : companies.names[company]);
        // industry, in the spellings exports mix
        out.text(rng.chance(0.12) ? null : Catalog.INDUSTRY_SPELLINGS[companies.industry[company]][rng.pick(Catalog.SPELLING_CUMULATIVE)]);
        if (rng.chance(0.18)) {
            out.empty();
        } else {
            out.integer(companies.employees[company]);
        }
        if (rng.chance(0.35)) {
            out.empty();
        } else {
            out.integer((long) companies.annualRevenue[company]);
        }
        out.text(rng.chance(0.07) ? null : Catalog.COUNTRIES[companies.country[company]]);
        // job title and seniority
        String[] titles = Catalog.TITLES[Catalog.index(seniority, department)];
        out.text(rng.chance(0.09) ? null : titles[rng.nextInt(titles.length)]);
        out.text(rng.chance(0.14) ? null : SENIORITY_WIRE[seniority.ordinal()]);
        out.text(rng.chance(student ? 0.7 : 0.18) ? null : Catalog.DEPARTMENT_SPELLINGS[department][rng.pick(Catalog.SPELLING_CUMULATIVE)]);
        out.text(rng.chance(0.04) ? null : Catalog.SOURCE_SPELLINGS[source][rng.pick(Catalog.SPELLING_CUMULATIVE)]);
        out.text(campaign(source));
        // The company's own fields: two about fit, one the rep fills after contact.
        out.text(rng.chance(0.40) ? null : Catalog.BUDGET_BANDS[budget]);
        out.text(rng.chance(0.30) ? null : Catalog.TECH_STACKS[companies.techStack[company]]);
        if (rng.chance(0.22)) {
            out.empty();
        } else {
            out.integer(companies.websiteScore[company]);
        }
        out.text(salesVerdict(dealStatus));
        out.endRow();
    }

    /** The rep's verdict as of the export: what the last contact and the deal said, as reps record it (loosely). */
    private String salesVerdict(String dealStatus) {
        int lastOutcome = -1;
        for (int f = 0; f < followUps; f++) {
            if (followUpTime[f] < until) {
                lastOutcome = followUpOutcome[f];
            }
        }
        if (lastOutcome < 0 || rng.chance(0.1)) {
            return null;
        }
        double u = rng.uniform();
        if (dealStatus != null) {
            if (dealStatus.equals(WON)) {
                return u < 0.85 ? Catalog.VERDICT_HOT : Catalog.VERDICT_WARM;
            }
            if (dealStatus.equals(LOST)) {
                return u < 0.55 ? Catalog.VERDICT_COLD : Catalog.VERDICT_WARM;
            }
            return u < 0.7 ? Catalog.VERDICT_HOT : Catalog.VERDICT_WARM;
        }
        if (lastOutcome == FollowUpOutcome.REJECTED.ordinal()) {
            return u < 0.85 ? Catalog.VERDICT_UNQUALIFIED : Catalog.VERDICT_COLD;
        }
        if (lastOutcome == FollowUpOutcome.MEETING_BOOKED.ordinal()) {
            return u < 0.65 ? Catalog.VERDICT_HOT : Catalog.VERDICT_WARM;
        }
        if (lastOutcome == FollowUpOutcome.ACCEPTED.ordinal()) {
            return u < 0.7 ? Catalog.VERDICT_WARM : u < 0.85 ? Catalog.VERDICT_HOT : Catalog.VERDICT_COLD;
        }
        return u < 0.8 ? Catalog.VERDICT_NO_RESPONSE : Catalog.VERDICT_COLD;
    }

    private void writeTruth(String leadId, double pConvert, boolean converted, int segment, double fit, double engagement,
            boolean fastTrack, long mqlAt, boolean worked, long firstTouch, double responseHours, double multiplier) {
        CsvSink out = truthOut;
        out.text(leadId).fixed(pConvert, 9);
        if (created + horizon <= until) {
            out.integer(converted ? 1 : 0);
        } else {
            out.empty();
        }
        out.text(Catalog.SEGMENT_NAMES[segment]).fixed(fit, 4).fixed(intent, 4).fixed(engagement, 1).bool(fastTrack);
        if (mqlAt >= 0) {
            out.time(mqlAt, TimeStyle.UTC_MILLIS, 0);
        } else {
            out.empty();
        }
        out.bool(worked);
        if (worked) {
            out.time(firstTouch, TimeStyle.UTC_MILLIS, 0);
        } else {
            out.empty();
        }
        if (Double.isNaN(responseHours)) {
            out.empty().empty();
        } else {
            out.fixed(responseHours, 6).fixed(multiplier, 6);
        }
    }

    private String email(int company, boolean freeMail) {
        StringBuilder b = text;
        b.setLength(0);
        String first = Catalog.FIRST_NAMES[rng.nextInt(Catalog.FIRST_NAMES.length)];
        String last = Catalog.LAST_NAMES[rng.nextInt(Catalog.LAST_NAMES.length)];
        double form = rng.uniform();
        if (freeMail) {
            b.append(first).append(form < 0.5 ? "." : "").append(last).append(rng.nextInt(1000)).append('@')
                    .append(Catalog.FREE_MAIL_DOMAINS[rng.pick(Catalog.FREE_MAIL_CUMULATIVE)]);
        } else {
            if (form < 0.6) {
                b.append(first).append('.').append(last);
            } else if (form < 0.75) {
                b.append(first.charAt(0)).append('.').append(last);
            } else if (form < 0.85) {
                b.append(first).append(last);
            } else if (form < 0.92) {
                b.append(first);
            } else {
                b.append(first).append('_').append(last);
            }
            b.append('@').append(companies.domains[company]);
        }
        if (rng.chance(0.04)) {
            // Some systems keep the capitalisation people typed.
            b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
        }
        return b.toString();
    }

    private String campaign(int source) {
        int day = (int) (Math.floorDiv(created, DAY) - startDay);
        String[] options = campaignsBySourceAndQuarter[source][quarterOfDay[Math.max(0, Math.min(day, quarterOfDay.length - 1))]];
        return options[rng.nextInt(options.length)];
    }

    private String[][][] campaigns(int firstQuarter, int quarters) {
        String[][][] table = new String[Catalog.SOURCES.length][quarters][];
        for (int q = 0; q < quarters; q++) {
            int year = (firstQuarter + q) / 4;
            String quarter = year + "-Q" + ((firstQuarter + q) % 4 + 1);
            table[Catalog.ORGANIC][q] = new String[] {null, null, null, null, "SEO"};
            table[Catalog.PAID][q] = new String[] {"Google Ads - Brand", "Google Ads - Competitors",
                "LinkedIn Ads - ICP " + quarter, "Review site PPC, " + year};
            table[Catalog.CONTENT][q] = Catalog.ASSETS;
            table[Catalog.WEBINAR][q] = Catalog.WEBINARS;
            String[] events = new String[Catalog.EVENTS.length];
            for (int e = 0; e < events.length; e++) {
                events[e] = Catalog.EVENTS[e] + " " + year;
            }
            table[Catalog.EVENT][q] = events;
            table[Catalog.REFERRAL][q] = new String[] {null, "Customer referral program"};
            table[Catalog.PARTNER][q] = new String[] {"Partner: Meridian Consulting", "Partner: Atlas Advisory",
                "Reseller program " + quarter};
            table[Catalog.OUTBOUND][q] = new String[] {"Outbound " + quarter + " SMB", "Outbound " + quarter + " Mid-Market",
                "Outbound " + quarter + " Enterprise"};
        }
        return table;
    }

    // ------------------------------------------------------------------ helpers

    private Seniority pickSeniority(int industry) {
        if (industry == Catalog.EDUCATION && rng.chance(0.25)) {
            return Seniority.STUDENT; // education companies send students
        }
        return Catalog.SENIORITIES[rng.pick(Catalog.SENIORITY_CUMULATIVE)];
    }

    private TimeStyle pickStyle(double utc, double offset, double noOffset, double date) {
        double u = rng.uniform() * (utc + offset + noOffset + date);
        if (u < utc) {
            return TimeStyle.UTC;
        }
        if (u < utc + offset) {
            return TimeStyle.OFFSET;
        }
        if (u < utc + offset + noOffset) {
            return TimeStyle.NO_OFFSET;
        }
        return TimeStyle.DATE;
    }

    private String pick(String[] values) {
        return values[rng.nextInt(values.length)];
    }

    private String id(String prefix, long number) {
        StringBuilder b = text;
        b.setLength(0);
        b.append(prefix);
        String digits = Long.toString(number + 1);
        for (int i = digits.length(); i < idWidth; i++) {
            b.append('0');
        }
        return b.append(digits).toString();
    }
}

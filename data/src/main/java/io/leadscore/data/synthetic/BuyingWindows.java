package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.labels.SnapshotSchedule;

import java.util.Arrays;

/**
 * A lead's intent after its first weeks: later buying windows, and the truth about them at any age.
 *
 * <p>A lead that did not reach an opportunity from its first inquiry may come back: a new project, a new budget,
 * a new person in the role. Later buying windows arrive as a Poisson process over the lead's age a (in days) with
 * rate λ(a) = r·e<sup>−a/365</sup> from an age {@code startAge} on (21 days, or the day its first hand-off would
 * have opened an opportunity, whichever is later): ever more rarely as the lead ages, and "goes cold" for good
 * once a few years have passed. The lead's rate r rises with its intent and with a hidden trait of its own,
 * {@code revival} (standard normal, independent of fit and intent): a lead of low intent and high revival is a late
 * bloomer; one of high intent and low revival is hot once and then goes cold.
 *
 * <p>The revival shows before any window does: a lead that will come back opens more of the newsletters, and
 * visits the site now and then between windows (every 60·e<sup>0.5 − revival</sup> days at age 0, rarer with age).
 *
 * <p>Each window has a strength z (standard normal) that shows in its engagement: a burst of site visits, content
 * and email clicks whose size grows with z, and, more likely the stronger it is, a hand-raise (demo request, pricing
 * question or contact request). A window opens an opportunity with probability π(z) = logistic(−1.3 + 0.8·fit +
 * 0.4·intent + 0.9·z), 7 to 21 days after it starts; the opportunity is won with probability ω =
 * logistic(−0.9 + 0.6·fit + segment shift) and closes after the segment's won-deal cycle. The first opportunity
 * (of the first hand-off or of any window) is the lead's deal; nothing after it matters to the lead's score.
 *
 * <h2>The truth at an age</h2>
 * {@link #probability} gives P(a won deal closes within the horizon H of t | everything drawn before t) for a lead
 * still open at t: the lead's fit, intent and revival, the windows that began before t (their strength, when their
 * opportunity would open, when a win would close), but not the draws that decide their outcome and not the windows
 * yet to come. With pending windows k (begun before t, opportunity at o<sub>k</sub> ≥ t, chance π<sub>k</sub>, a win
 * closing at c<sub>k</sub>), future opportunities arriving with intensity μ(o) = π̄·E<sub>δ</sub>[λ(o − δ)] (δ
 * uniform on 7–21 days, π̄ = E<sub>z</sub>[π(z)]), S(o) = exp(−∫<sub>t</sub><sup>o</sup>μ) and
 * B(o) = Π<sub>pending k, o<sub>k</sub> &lt; o</sub>(1 − π<sub>k</sub>):
 * <pre>
 *   P = Σ_k π_k ω_k [c_k &lt; t + H] B(o_k) S(o_k)  +  ∫_t^{t+H} μ(o) S(o) B(o) ω F(t + H − o) do
 * </pre>
 * with F the distribution function of the won-deal cycle. The first hand-off is pending window 0 with its own
 * chance and timeline. The integral is taken with the midpoint rule on a one-day grid (its error is below 10<sup>−4</sup>
 * of the probability for these smooth intensities); everything else is exact.
 */
final class BuyingWindows {
    static final long DAY = ArrivalSchedule.MILLIS_PER_DAY;
    /** Later windows begin no earlier than this age (days): the first inquiry's burst is over by then. */
    static final double FIRST_AGE_DAYS = 75;
    /** The decay of the rate of later windows with age, in days. */
    static final double COOLING_DAYS = 540;
    /** Later windows a year at age 0 for a lead of intent 0 and revival 0. */
    static final double BASE_WINDOWS_PER_YEAR = 0.45;
    /** Days between background visits of a lead of revival 0.5, at age 0. */
    static final double BACKGROUND_VISIT_DAYS = 60;
    static final double DELAY_MIN_DAYS = 7;
    static final double DELAY_MAX_DAYS = 21;
    private static final int MAX_WINDOWS = 64;

    private static final int[] HAND_RAISES = {ActivityType.DEMO_REQUEST.ordinal(), ActivityType.PRICING_QUESTION.ordinal(),
        ActivityType.CONTACT_REQUEST.ordinal()};
    private static final double[] HAND_RAISE_CUMULATIVE = Rng.cumulative(0.5, 0.3, 0.2);

    /** What the lead's life offers the windows: its calendar and its ways of showing interest. */
    interface LeadLife {
        /** A time {@code days} local days after creation, in the lead's office hours. */
        long onLocalDay(long days);

        /** One burst event of a type drawn from the lead's mix, at {@code t}. */
        void burst(long t);

        /** A hand-raise of {@code type} at {@code t}. */
        void handRaise(long t, int type);
    }

    private final double[][] cycleBelowHalfDays;
    private final double[] cycleMedianDays;
    private final double[] cycleLogSd;
    private final int horizonDays;
    private final long[] truthAges;

    // The current lead.
    private long created;
    private double revival;
    private double ratePerDay;
    private double startAge;
    private double meanChance;
    private double winChance;
    private int segment;
    private int windows;
    private final long[] start = new long[MAX_WINDOWS];
    private final long[] opportunity = new long[MAX_WINDOWS];
    private final long[] close = new long[MAX_WINDOWS];
    private final double[] chance = new double[MAX_WINDOWS];
    private final double[] win = new double[MAX_WINDOWS];
    private int first = -1;
    private boolean firstWon;
    private final long[] pendingO = new long[MAX_WINDOWS + 1];
    private final double[] pendingPi = new double[MAX_WINDOWS + 1];
    /** The window of each pending opportunity, −1 for the first hand-off. */
    private final int[] pendingWindow = new int[MAX_WINDOWS + 1];

    /**
     * @param cycleMedianDays won-deal cycle median per segment
     * @param cycleLogSd      its log standard deviation per segment
     * @param horizonDays     the horizon H of the truth
     * @param schedule        the ages at which {@link #truthByAge} states the truth
     */
    BuyingWindows(double[] cycleMedianDays, double[] cycleLogSd, int horizonDays, SnapshotSchedule schedule) {
        this.horizonDays = horizonDays;
        this.cycleMedianDays = cycleMedianDays.clone();
        this.cycleLogSd = cycleLogSd.clone();
        cycleBelowHalfDays = new double[cycleMedianDays.length][horizonDays + 1];
        for (int s = 0; s < cycleMedianDays.length; s++) {
            for (int j = 0; j <= horizonDays; j++) {
                double x = j + 0.5;
                cycleBelowHalfDays[s][j] = normalCdf((StrictMath.log(x) - StrictMath.log(cycleMedianDays[s])) / cycleLogSd[s]);
            }
        }
        long[] ages = new long[64];
        int n = 0;
        long horizonOfHistory = 20L * 365 * DAY;
        for (int k = 0; n < ages.length; k++) {
            long age = schedule.ageMillis(k);
            if (age > horizonOfHistory) {
                break;
            }
            ages[n++] = age;
        }
        truthAges = Arrays.copyOf(ages, n);
    }

    /**
     * Lives the lead's later windows and writes their engagement.
     *
     * @param firstOpportunity when the first hand-off would have opened an opportunity (it did not)
     * @param lifeEnd          nothing happens from here on
     */
    /** Draws the lead's hidden revival (standard normal), before its engagement is generated. */
    double begin(Rng rng) {
        revival = rng.gaussian();
        return revival;
    }

    void live(LeadLife life, Rng rng, long created, double fit, double intent, int segment, double segmentWinShift,
            long firstOpportunity, long lifeEnd) {
        prepare(created, fit, intent, segment, segmentWinShift, firstOpportunity);
        // between windows, a lead that will come back keeps an eye on the company: now and then a visit
        double visits = StrictMath.exp(revival - 0.5) / BACKGROUND_VISIT_DAYS;
        for (double a = FIRST_AGE_DAYS / 3 + rng.exponential(1 / visits); ; a += rng.exponential(1 / visits)) {
            long t = life.onLocalDay((long) a);
            if (t >= lifeEnd) {
                break;
            }
            if (rng.chance(StrictMath.exp(-a / COOLING_DAYS))) {
                life.burst(t);
            }
        }
        double peak = ratePerDay * StrictMath.exp(-startAge / COOLING_DAYS);
        double age = startAge;
        long best = Long.MAX_VALUE;
        while (windows < MAX_WINDOWS && peak > 0) {
            age += rng.exponential(1 / peak);
            long w = created + (long) (age * DAY);
            if (w >= lifeEnd || w >= best) {
                break;
            }
            if (!rng.chance(StrictMath.exp(-(age - startAge) / COOLING_DAYS))) {
                continue;
            }
            double z = rng.gaussian();
            int k = windows++;
            start[k] = w;
            chance[k] = windowChance(fit, intent, z);
            win[k] = winChance;
            long day = (long) age;
            int events = Math.min(60, rng.poisson(3 * StrictMath.exp(0.3 * intent + 0.9 * z)));
            for (int e = 0; e < events; e++) {
                long t = life.onLocalDay(day + (long) rng.exponential(4));
                if (t < lifeEnd) {
                    life.burst(t);
                }
            }
            if (rng.chance(Rng.logistic(-2.0 + 1.5 * z + 0.3 * intent))) {
                long t = life.onLocalDay(day + (long) rng.exponential(5));
                if (t < lifeEnd) {
                    life.handRaise(t, HAND_RAISES[rng.pick(HAND_RAISE_CUMULATIVE)]);
                }
            }
            // to the second, as the deal is written (never date-only, so that the truth keeps the instant)
            opportunity[k] = (w + (long) (rng.uniform(DELAY_MIN_DAYS, DELAY_MAX_DAYS) * DAY)) / 1000 * 1000;
            close[k] = (opportunity[k] + (long) (rng.logNormal(cycleMedianDays[segment], cycleLogSd[segment]) * DAY)) / 1000 * 1000;
            boolean opens = rng.chance(chance[k]);
            boolean won = rng.chance(win[k]);
            if (opens && opportunity[k] < best) {
                best = opportunity[k];
                first = k;
                firstWon = won;
            }
        }
    }

    private void prepare(long createdAt, double fit, double intent, int leadSegment, double segmentWinShift,
            long firstOpportunity) {
        created = createdAt;
        segment = leadSegment;
        windows = 0;
        first = -1;
        firstWon = false;
        ratePerDay = BASE_WINDOWS_PER_YEAR / 365 * StrictMath.exp(0.4 * intent + 0.6 * revival);
        startAge = Math.max(FIRST_AGE_DAYS, (firstOpportunity - createdAt) / (double) DAY);
        winChance = Rng.logistic(-0.9 + 0.6 * fit + segmentWinShift);
        meanChance = 0;
        // E[π(z)] for z ~ N(0, 1): the midpoint rule over ±6 sd in steps of 0.05
        for (int i = -120; i < 120; i++) {
            double z = (i + 0.5) * 0.05;
            meanChance += windowChance(fit, intent, z) * StrictMath.exp(-0.5 * z * z) * 0.05;
        }
        meanChance /= StrictMath.sqrt(2 * StrictMath.PI);
    }

    private static double windowChance(double fit, double intent, double z) {
        return Rng.logistic(-1.3 + 0.8 * fit + 0.4 * intent + 0.9 * z);
    }

    // ---- what the windows produced

    /** Whether a later window opened the lead's opportunity. */
    boolean opened() {
        return first >= 0;
    }

    long opportunityAt() {
        return opportunity[first];
    }

    /** When the window that opened the opportunity began. */
    long returnedAt() {
        return start[first];
    }

    boolean won() {
        return firstWon;
    }

    /** When the won deal closes (meaningful when {@link #won()}). */
    long wonAt() {
        return close[first];
    }

    /** Later windows that began before {@code until}. */
    int windowsBefore(long until) {
        int n = 0;
        for (int k = 0; k < windows; k++) {
            n += start[k] < until ? 1 : 0;
        }
        return n;
    }

    double revival() {
        return revival;
    }

    // ---- the truth

    /**
     * P(a won deal closes in [t, t + H) | what was drawn before t), for the lead open at t (see the class comment).
     *
     * @param first0 when the first hand-off's opportunity would open; {@code pi0}, {@code omega0} its chances and
     *               {@code close0} when its win would close
     */
    double probability(long t, long first0, double pi0, double omega0, long close0) {
        long end = t + horizonDays * DAY;
        int pending = 0;
        double direct = 0;
        // pending windows, in the order of their opportunities (window 0 first: later ones start after it)
        if (first0 >= t) {
            pendingO[pending] = first0;
            pendingPi[pending] = pi0;
            pendingWindow[pending++] = -1;
        }
        for (int k = 0; k < windows; k++) {
            if (start[k] < t && opportunity[k] >= t) {
                int at = pending++;
                while (at > 0 && pendingO[at - 1] > opportunity[k]) {
                    pendingO[at] = pendingO[at - 1];
                    pendingPi[at] = pendingPi[at - 1];
                    pendingWindow[at] = pendingWindow[at - 1];
                    at--;
                }
                pendingO[at] = opportunity[k];
                pendingPi[at] = chance[k];
                pendingWindow[at] = k;
            }
        }
        // future windows: the intensity of their opportunities on a one-day grid from t
        double ageT = (t - created) / (double) DAY;
        double from = Math.max(ageT, startAge);
        double decayFrom = StrictMath.exp(-from / COOLING_DAYS);
        double stepDecay = StrictMath.exp(-1 / COOLING_DAYS);
        double earliest = StrictMath.exp(DELAY_MAX_DAYS / COOLING_DAYS);
        double latest = StrictMath.exp(DELAY_MIN_DAYS / COOLING_DAYS);
        double scale = meanChance * ratePerDay * COOLING_DAYS / (DELAY_MAX_DAYS - DELAY_MIN_DAYS);
        double g = StrictMath.exp(-(ageT + 0.5) / COOLING_DAYS);
        double survival = 1;
        double future = 0;
        double[] cycle = cycleBelowHalfDays[segment];
        for (int i = 0; i < horizonDays; i++, g *= stepDecay) {
            double o = ageT + i + 0.5;
            double hi = o - DELAY_MIN_DAYS;
            double mu = 0;
            if (hi > from) {
                double expLo = o - DELAY_MAX_DAYS > from ? g * earliest : decayFrom;
                mu = scale * (expLo - g * latest);
            }
            double half = expMinus(0.5 * mu);
            double before = survival * half;
            double blocked = 1;
            long oMillis = t + (long) ((i + 0.5) * DAY);
            for (int p = 0; p < pending && pendingO[p] < oMillis; p++) {
                blocked *= 1 - pendingPi[p];
            }
            future += mu * before * blocked * winChance * cycle[horizonDays - 1 - i];
            survival = before * half;
        }
        // pending windows, each blocked by the pending ones before it and by future opportunities before it
        for (int p = 0; p < pending; p++) {
            int k = pendingWindow[p];
            double omega = k < 0 ? omega0 : win[k];
            long closes = k < 0 ? close0 : close[k];
            if (closes >= end) {
                continue;
            }
            double blocked = 1;
            for (int q = 0; q < p; q++) {
                blocked *= 1 - pendingPi[q];
            }
            direct += pendingPi[p] * omega * blocked * futureSurvival(pendingO[p], from);
        }
        return direct + future;
    }

    /** S(o): no opportunity of a window begun at or after t opens before o. */
    private double futureSurvival(long o, double from) {
        double ageO = (o - created) / (double) DAY;
        // ∫_t^o μ = π̄ E_δ[ Λ(from, o − δ) ], Λ the integrated rate: averaged over δ with the midpoint rule
        double total = 0;
        int steps = 14;
        for (int j = 0; j < steps; j++) {
            double delay = DELAY_MIN_DAYS + (j + 0.5) * (DELAY_MAX_DAYS - DELAY_MIN_DAYS) / steps;
            double hi = ageO - delay;
            if (hi > from) {
                total += ratePerDay * COOLING_DAYS * (StrictMath.exp(-from / COOLING_DAYS) - StrictMath.exp(-hi / COOLING_DAYS));
            }
        }
        return StrictMath.exp(-meanChance * total / steps);
    }

    /**
     * The truth at every schedule age while the lead is open and before {@code until}: {@code age:p} pairs, ages
     * in days (0.0417 for one hour), p to 9 decimals, separated by {@code ;}.
     */
    String truthByAge(long until, long openUntil, long first0, double pi0, double omega0, long close0, StringBuilder b) {
        b.setLength(0);
        for (long age : truthAges) {
            long t = created + age;
            if (t >= until || openUntil < t) {
                break;
            }
            if (b.length() > 0) {
                b.append(';');
            }
            double p = probability(t, first0, pi0, omega0, close0);
            b.append(CsvSink.decimal(age / (double) DAY, 4)).append(':').append(CsvSink.decimal(Math.round(p * 1e9) / 1e9, 9));
        }
        return b.toString();
    }

    /** e<sup>−x</sup> for x ≥ 0: four terms of its series below 0.01 (error under 10<sup>−12</sup>), StrictMath above. */
    private static double expMinus(double x) {
        if (x < 0.01) {
            return 1 - x * (1 - x * (0.5 - x * (1.0 / 6 - x / 24)));
        }
        return StrictMath.exp(-x);
    }

    /** Φ(x) through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7), in StrictMath. */
    static double normalCdf(double x) {
        double z = Math.abs(x) / StrictMath.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * StrictMath.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }
}

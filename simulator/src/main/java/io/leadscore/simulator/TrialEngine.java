package io.leadscore.simulator;

import io.leadscore.simulator.calibration.DealSizeModel;
import io.leadscore.simulator.calibration.LogNormalDays;
import io.leadscore.simulator.random.DiscreteQuantiles;
import io.leadscore.simulator.random.PoissonTable;
import io.leadscore.simulator.random.SplitMixGenerator;
import io.leadscore.simulator.random.Streams;
import java.util.Arrays;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * Runs single trials of a {@link TrialModel}. One engine per worker thread:
 * it owns scratch arrays reused from trial to trial, and nothing it computes
 * depends on which trials it ran before.
 *
 * <h2>One trial</h2>
 * <ol>
 *   <li>Draw the trial's stage rates (Beta, once per trial) and, for
 *       over-dispersed arrivals, one Gamma(r, 1/r) factor per week.</li>
 *   <li>Per day: leads ~ Poisson(mean), MQLs ~ Binomial(leads, share at or
 *       above the threshold), both by inversion of one uniform each; per MQL
 *       an arrival time from the hour-of-day profile and a response
 *       readiness uniform over the first {@code spread × SLA} hours. Leads that
 *       do not reach the threshold are never materialised.</li>
 *   <li>Queue: MQLs in order of readiness; each is touched at the first
 *       working instant at or after it is ready when a rep is free, otherwise
 *       when the earliest rep frees up. Reps touch one MQL every
 *       hours-per-day ÷ touches-per-day hours. An MQL whose touch would come
 *       more than recycle-after days after it arrived is recycled instead
 *       (it does not use capacity); a touch later than the SLA is a breach.</li>
 *   <li>Touched MQLs: a score band b, then accepted with the chance the
 *       rate p₁(b) at the reference response time takes at this delay
 *       (odds × m(delay)/m(t_ref)), SQL with p₂(b), an opportunity with p₃(b)
 *       opened after the qualification lag, won with p₄(b) after the sales
 *       cycle (one uniform v decides the nested chain after SAL: SQL when
 *       v &lt; p₂, opportunity when v &lt; p₂p₃, won when v &lt; p₂p₃p₄). Only opportunities opened and deals closed inside the period
 *       count towards the period; each win draws a deal amount. The eventual
 *       counts take every opportunity and win of these MQLs, whenever it
 *       opens or closes.</li>
 *   <li>Open pipeline: each open deal is won with the trial's p₄ and closes
 *       after the rest of a sales cycle given its age.</li>
 * </ol>
 * Every uniform is addressed by (trial, day, MQL index on that day, purpose),
 * so changing the threshold or the SLA does not move the arrival, timing or
 * deal-size numbers of any MQL, and extra volume only appends MQLs.
 */
final class TrialEngine {

    static final long RATES = 1;
    static final long WEEKS = 2;
    static final long ARRIVALS = 3;
    static final long MQL_COUNT = 4;
    static final long PIPELINE = 5;
    /** The trial's deal level factor (a stream of its own: the other draws stay as they were without one). */
    static final long WIN_LEVEL = 9;
    static final long DAY_BASE = 16;

    static final int SLOTS = 8;
    static final int SCORE = 0;
    static final int TIME = 1;
    static final int RESPONSE = 2;
    static final int SAL = 3;
    /** One uniform v decides SQL (v &lt; p₂), opportunity (v &lt; p₂p₃) and won (v &lt; p₂p₃p₄): a nested chain. */
    static final int QUALIFICATION = 4;
    static final int LAG = 5;
    static final int CYCLE = 6;
    static final int SIZE = 7;

    static final int MAX_MQLS_PER_TRIAL = 1 << 26;

    private final TrialModel model;
    private final long seed;
    private final double[] trialRate = new double[TrialModel.STAGES];
    private final PathFlows.Trial paths;
    private double workedRate;
    /**
     * Poisson tables for the day means a trial's volume level or week factor makes, on a grid of 0.2% of the
     * mean (a mean off by at most 0.1% moves a day's lead count by well under one in a thousand draws), built
     * when first needed: table slot k holds Poisson(exp(k × {@value #MEAN_GRID})).
     */
    private final PoissonTable[] meanTables = new PoissonTable[(int) Math.ceil(Math.log(1e6) / MEAN_GRID) + 1];
    static final double MEAN_GRID = 0.002;
    /** Below this mean the direct search is as quick as a table. */
    static final double TABLE_FROM_MEAN = 30;

    /** The trial's volume level (1: the scenario's) and the factor on its hand-off deals' amounts. */
    private double level = 1;
    /** The trial's deal level: its factor on every win chance (1: the history's). */
    private double winLevel = 1;
    private double sizeFactor = 1;
    private final double[] probability;
    /** Per slot, flattened [j * slots + slot]: p₂, p₂p₃ and p₂p₃p₄, the chances of reaching SQL, opportunity and won from SAL. */
    private final double[] chain;
    private final double[] weekFactor;
    private final double[] repFree;
    /** Readiness buckets of one hour each, the last one for "at or after the period's end". */
    private final int[] bucketStart;

    private double[] arrival = new double[1024];
    private double[] ready = new double[1024];
    /** The key of the day stream an MQL's own draws come from, and its index on that day. */
    private long[] drawKey = new long[1024];
    private int[] indexOf = new int[1024];
    private int[] order = new int[1024];

    /** Per-trial tallies, reset by {@link #run}. */
    private long leads;
    private int touches;
    private int decided;
    private int breaches;
    private int recycled;
    private int sals;
    private int sqls;
    private int opportunities;
    private int wins;
    /** Opportunities and wins from MQLs touched in the period, whenever the deal opens or closes. */
    private int eventualOpportunities;
    private int eventualWins;
    private double revenue;
    private double responseHours;
    private int pipelineWins;
    private double pipelineRevenue;

    TrialEngine(TrialModel model, long seed) {
        this.model = model;
        this.seed = seed;
        this.probability = new double[TrialModel.STAGES * Math.max(1, model.slots)];
        this.chain = new double[(TrialModel.STAGES - 1) * Math.max(1, model.slots)];
        this.weekFactor = new double[model.weeks];
        this.repFree = new double[Math.max(1, model.reps)];
        this.bucketStart = new int[24 * model.days + 2];
        this.paths = model.flows.new Trial();
    }

    void run(int trial, TrialResults out) {
        long trialKey = Streams.trialKey(seed, trial);
        leads = 0;
        touches = 0;
        decided = 0;
        breaches = 0;
        recycled = 0;
        sals = 0;
        sqls = 0;
        opportunities = 0;
        wins = 0;
        eventualOpportunities = 0;
        eventualWins = 0;
        revenue = 0;
        responseHours = 0;
        pipelineWins = 0;
        pipelineRevenue = 0;

        drawTrialParameters(trialKey);
        boolean flows = model.flows.active;
        if (flows) {
            paths.start(trialKey, trialRate[3], winLevel);
        }
        int n = arrivals(trialKey);
        orderByReadiness(n);
        queueAndFunnel(n);
        if (flows) {
            paths.backlog(trialKey);
        }
        openPipeline(trialKey);
        int otherWins = flows ? paths.aroundWins + paths.backlogWins : 0;
        double otherRevenue = flows ? paths.aroundRevenue + paths.backlogRevenue : 0;

        out.leads[trial] = leads;
        out.mqls[trial] = n;
        out.sals[trial] = sals;
        out.sqls[trial] = sqls;
        out.opportunities[trial] = opportunities + (flows ? paths.aroundOpportunities + paths.backlogOpportunities : 0);
        out.aroundOpportunities[trial] = flows ? paths.aroundOpportunities : 0;
        out.backlogOpportunities[trial] = flows ? paths.backlogOpportunities : 0;
        out.wins[trial] = wins + pipelineWins + otherWins;
        out.eventualOpportunities[trial] = eventualOpportunities;
        out.eventualWins[trial] = eventualWins;
        out.revenue[trial] = revenue + pipelineRevenue + otherRevenue;
        out.pipelineWins[trial] = pipelineWins;
        out.pipelineRevenue[trial] = pipelineRevenue;
        out.aroundWins[trial] = flows ? paths.aroundWins : 0;
        out.aroundRevenue[trial] = flows ? paths.aroundRevenue : 0;
        out.backlogWins[trial] = flows ? paths.backlogWins : 0;
        out.backlogRevenue[trial] = flows ? paths.backlogRevenue : 0;
        out.touches[trial] = touches;
        out.slaDecided[trial] = decided;
        out.slaBreaches[trial] = breaches;
        out.recycled[trial] = recycled;
        out.responseHours[trial] = responseHours;
    }

    /** The trial's stage rates (Beta, once per trial), per-slot probabilities, and weekly dispersion factors. */
    private void drawTrialParameters(long trialKey) {
        TrialModel m = model;
        SplitMixGenerator rateRng = new SplitMixGenerator(Streams.childKey(trialKey, RATES));
        for (int i = 0; i < TrialModel.STAGES; i++) {
            trialRate[i] = m.rates[i].draw(rateRng);
        }
        workedRate = m.worked.draw(rateRng);
        level = m.levelSd > 0 ? lognormalFactor(m.levelSd, rateRng) : 1;
        double sizeError = m.calibration.dealSize().relativeMeanError();
        sizeFactor = sizeError > 0 ? lognormalFactor(sizeError, rateRng) : 1;
        int slots = m.slots;
        for (int i = 0; i < TrialModel.STAGES; i++) {
            for (int s = 0; s < slots; s++) {
                probability[i * slots + s] = Math.min(1, trialRate[i] * m.stageFactor[i * slots + s]);
            }
        }
        for (int s = 0; s < slots; s++) {
            double c = 1;
            for (int i = 1; i < TrialModel.STAGES; i++) {
                // Products of numbers in [0, 1] never grow when rounded, so the thresholds are nested.
                c *= probability[i * slots + s];
                chain[(i - 1) * slots + s] = c;
            }
        }
        // the deal level: one factor on every win chance of the trial (a hot or cold quarter), never past the
        // chance of the opportunity itself; of median one, as the misses it was measured on are centred in log
        winLevel = m.winLevelSd > 0 ? Math.exp(m.winLevelSd * io.leadscore.simulator.random.NormalQuantile.inverse(
                new SplitMixGenerator(Streams.childKey(trialKey, WIN_LEVEL)).nextDouble())) : 1;
        if (winLevel != 1) {
            for (int s = 0; s < slots; s++) {
                chain[2 * slots + s] = Math.min(chain[slots + s], chain[2 * slots + s] * winLevel);
            }
        }
        if (!m.poisson) {
            GammaDistribution gamma = new GammaDistribution(new SplitMixGenerator(Streams.childKey(trialKey, WEEKS)),
                    m.dispersion, 1 / m.dispersion);
            for (int w = 0; w < m.weeks; w++) {
                weekFactor[w] = gamma.sample();
            }
        }
    }

    /** The u-quantile of a day's Poisson lead count with the given mean, from the grid of tables for large means. */
    private int leadsOfDay(double u, double mean) {
        if (mean < TABLE_FROM_MEAN || mean > 1e6) {
            return DiscreteQuantiles.poisson(u, mean);
        }
        int k = (int) Math.round(Math.log(mean) / MEAN_GRID);
        PoissonTable table = meanTables[k];
        if (table == null) {
            table = new PoissonTable(Math.exp(k * MEAN_GRID));
            meanTables[k] = table;
        }
        return table.inverse(u);
    }

    /** A lognormal factor of mean 1 and log standard deviation {@code sd}. */
    static double lognormalFactor(double sd, SplitMixGenerator rng) {
        return Math.exp(sd * io.leadscore.simulator.random.NormalQuantile.inverse(rng.nextDouble()) - sd * sd / 2);
    }

    /**
     * Leads and MQLs day by day; returns the number of MQLs, each with its arrival and readiness. An MQL's
     * score band is drawn only when it is touched: the queue does not depend on it, and untouched MQLs
     * never need it.
     */
    private int arrivals(long trialKey) {
        TrialModel m = model;
        long arrivalKey = Streams.childKey(trialKey, ARRIVALS);
        long mqlKey = Streams.childKey(trialKey, MQL_COUNT);
        double window = m.responseWindowHours;
        int n = 0;
        for (int d = 0; d < m.days; d++) {
            double u = Streams.uniform(arrivalKey, d);
            int dayLeads;
            if (m.poisson && level == 1) {
                dayLeads = m.dayTable[d] != null ? m.dayTable[d].inverse(u) : DiscreteQuantiles.poisson(u, m.dayMean[d]);
            } else {
                dayLeads = leadsOfDay(u, m.dayMean[d] * level * (m.poisson ? 1 : weekFactor[d / 7]));
            }
            leads += dayLeads;
            if (m.flows.active) {
                paths.aroundDealsOf(trialKey, d, dayLeads);
            }
            double v = Streams.uniform(mqlKey, d);
            int dayMqls = m.mqlTable != null && m.mqlTable.covers(dayLeads) ? m.mqlTable.inverse(v, dayLeads)
                    : DiscreteQuantiles.binomial(v, dayLeads, m.mqlShare);
            if (dayMqls == 0) {
                continue;
            }
            if (n + dayMqls > MAX_MQLS_PER_TRIAL) {
                throw new IllegalArgumentException("Invalid scenario: more than " + MAX_MQLS_PER_TRIAL
                        + " MQLs in one trial; shorten the period or lower the volume");
            }
            long key = Streams.childKey(trialKey, DAY_BASE + d);
            ensureCapacity(n + dayMqls);
            double dayStart = 24.0 * d;
            for (int j = 0; j < dayMqls; j++) {
                long base = (long) j * SLOTS;
                double a = dayStart + m.hourOfDay(Streams.uniform(key, base + TIME));
                arrival[n] = a;
                ready[n] = a + window * Streams.uniform(key, base + RESPONSE);
                drawKey[n] = key;
                indexOf[n] = j;
                n++;
            }
        }
        return n;
    }

    /**
     * Orders MQL indices by readiness (ties by index): a counting sort into
     * one-hour buckets, then insertion sort inside each bucket, linear in the
     * number of MQLs because a bucket holds only a handful.
     */
    private void orderByReadiness(int n) {
        int[] start = bucketStart;
        int last = start.length - 2;
        java.util.Arrays.fill(start, 0);
        double end = model.endHour;
        for (int i = 0; i < n; i++) {
            double r = ready[i];
            start[(r < end ? (int) r : last) + 1]++;
        }
        for (int b = 1; b < start.length; b++) {
            start[b] += start[b - 1];
        }
        for (int i = 0; i < n; i++) {
            double r = ready[i];
            int b = r < end ? (int) r : last;
            order[start[b]++] = i;
        }
        // start[b] is now the end of bucket b, which is the beginning of bucket b + 1.
        int from = 0;
        for (int b = 0; b <= last; b++) {
            int to = start[b];
            for (int x = from + 1; x < to; x++) {
                int v = order[x];
                double rv = ready[v];
                int y = x - 1;
                while (y >= from && ready[order[y]] > rv) {
                    order[y + 1] = order[y];
                    y--;
                }
                order[y + 1] = v;
            }
            from = to;
        }
    }

    /** The rep queue in readiness order, then each touched MQL down the funnel. */
    private void queueAndFunnel(int n) {
        TrialModel m = model;
        double end = m.endHour;
        double sla = m.slaHours;
        double recycle = m.recycleHours;
        boolean unlimited = m.unlimited;
        int reps = m.reps;
        if (!unlimited) {
            java.util.Arrays.fill(repFree, 0);
        }
        // The rep who frees up first is the one who touched an MQL longest ago: touches are made
        // in non-decreasing time order and take equal time, so a ring of free times suffices.
        int nextRep = 0;
        int slots = m.slots;
        DurationGrid lag = m.lagGrid;
        DurationGrid cycle = m.cycleGrid;
        DealSizeModel size = m.calibration.dealSize();
        double worked = workedRate;
        for (int q = 0; q < n; q++) {
            int i = order[q];
            double a = arrival[i];
            if (worked < 1 && Streams.uniform(drawKey[i], -1 - indexOf[i]) >= worked) {
                // The black hole: sales never works this MQL; it takes no capacity and breaches its SLA.
                untouched(a, end, sla, recycle, end);
                continue;
            }
            double t = m.calendar.nextWorking(ready[i]);
            if (!unlimited) {
                if (reps == 0) {
                    t = Double.POSITIVE_INFINITY;
                } else {
                    double free = repFree[nextRep];
                    if (free > t) {
                        t = m.calendar.nextWorking(free);
                    }
                }
            }
            if (t >= end || t - a > recycle) {
                untouched(a, Math.min(t, end), sla, recycle, end);
                continue;
            }
            if (!unlimited) {
                repFree[nextRep] = t + m.serviceHours;
                if (++nextRep == reps) {
                    nextRep = 0;
                }
            }
            touches++;
            decided++;
            double delay = t - a;
            responseHours += delay;
            if (delay > sla) {
                breaches++;
            }
            long key = drawKey[i];
            long base = (long) indexOf[i] * SLOTS;
            int s = m.slotFor(Streams.uniform(key, base + SCORE));
            if (!m.accepted(Streams.uniform(key, base + SAL), probability[s], delay)) {
                continue;
            }
            sals++;
            // One uniform for the chain SQL -> opportunity -> won (stage i reached when v is below the product of
            // the rates up to i): the stages are as likely as with one draw each, the SQL count needs no branch,
            // and only SALs that reach an opportunity go further.
            double v = Streams.uniform(key, base + QUALIFICATION);
            sqls += v < chain[s] ? 1 : 0;
            if (v >= chain[slots + s]) {
                continue;
            }
            eventualOpportunities++;
            boolean won = v < chain[2 * slots + s];
            eventualWins += won ? 1 : 0;
            // Whether the deal opens (and closes) inside the period is decided from the duration grids; the
            // qualification lag itself is computed only for deals won after opening inside the period.
            double uLag = Streams.uniform(key, base + LAG);
            boolean openedInPeriod = lag.shorterThan(uLag, end - t);
            opportunities += openedInPeriod ? 1 : 0;
            if (!(won && openedInPeriod)) {
                continue;
            }
            double opened = t + lag.hours(uLag);
            double uCycle = Streams.uniform(key, base + CYCLE);
            if (!cycle.shorterThan(uCycle, end - opened)) {
                continue;
            }
            wins++;
            double uSize = Streams.uniform(key, base + SIZE);
            // store-calibrated: the amount of a deal won this quickly, from the size bands' won deals of that age
            // (the bands carry their own uncertainty of the mean)
            revenue += m.flows.active ? paths.handoffAmount(cycle.hours(uCycle) / 24, uSize)
                    : size.quantile(uSize) * sizeFactor;
        }
    }

    /**
     * An MQL that arrived at {@code a} and was not touched before {@code until} (at most the period's end): recycled
     * when its recycling time ran out before then, else a breach once its SLA has run out inside the period.
     */
    private void untouched(double a, double until, double sla, double recycle, double end) {
        if (a + recycle < until) {
            recycled++;
            decided++;
            breaches++;
        } else if (a + sla <= end) {
            decided++;
            breaches++;
        }
    }

    /** Deals already open at the start: won with the trial's opportunity-to-won rate, closing after the rest of their cycle. */
    private void openPipeline(long trialKey) {
        TrialModel m = model;
        int open = m.pipelineAge.length;
        if (open == 0) {
            return;
        }
        LogNormalDays cycle = m.calibration.salesCycle();
        DealSizeModel size = m.calibration.dealSize();
        long pipelineKey = Streams.childKey(trialKey, PIPELINE);
        double won = trialRate[3];
        if (m.flows.active) {
            // Store-calibrated: the chance each open deal closes won inside the period, from the deal life
            // tables at its age (old open deals are mostly the ones that will be lost).
            io.leadscore.simulator.calibration.DealCourse course = m.calibration.paths().openDealCourse();
            for (int o = 0; o < open; o++) {
                long base = 3L * o;
                if (!paths.pipelineWon(o, Streams.uniform(pipelineKey, base))) {
                    continue;
                }
                pipelineWins++;
                double amount = m.pipelineAmount[o];
                // an open deal without an amount wins the mean won amount of the history's deals
                pipelineRevenue += Double.isNaN(amount) ? course.meanWonAmount() : amount;
            }
            return;
        }
        for (int o = 0; o < open; o++) {
            long base = 3L * o;
            if (Streams.uniform(pipelineKey, base) >= won) {
                continue;
            }
            double f = m.pipelineCdfAtAge[o];
            double v = f + Streams.uniform(pipelineKey, base + 1) * (1 - f);
            if (v >= 1) {
                continue;
            }
            double remainingDays = cycle.quantile(v) - m.pipelineAge[o];
            if (24 * Math.max(0, remainingDays) >= m.endHour) {
                continue;
            }
            pipelineWins++;
            double amount = m.pipelineAmount[o];
            pipelineRevenue += Double.isNaN(amount) ? size.quantile(Streams.uniform(pipelineKey, base + 2)) : amount;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= arrival.length) {
            return;
        }
        int size = Math.max(needed, arrival.length * 2);
        arrival = Arrays.copyOf(arrival, size);
        ready = Arrays.copyOf(ready, size);
        drawKey = Arrays.copyOf(drawKey, size);
        indexOf = Arrays.copyOf(indexOf, size);
        order = Arrays.copyOf(order, size);
    }
}

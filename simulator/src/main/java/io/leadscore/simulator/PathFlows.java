package io.leadscore.simulator;

import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.DealCourse;
import io.leadscore.simulator.calibration.DealPaths;
import io.leadscore.simulator.calibration.LifeTable;
import io.leadscore.simulator.calibration.OpenOpportunity;
import io.leadscore.simulator.calibration.StageRate;
import io.leadscore.simulator.random.DiscreteQuantiles;
import io.leadscore.simulator.random.SplitMixGenerator;
import io.leadscore.simulator.random.Streams;
import java.util.List;
import org.apache.commons.math3.distribution.GammaDistribution;

/**
 * The deals that do not go through the MQL model, computed once per run from
 * the calibration's {@link DealPaths}, and drawn per trial by {@link Trial}:
 * <ul>
 *   <li><b>around the hand-off</b>: each new lead of the period opens a deal
 *       around the hand-off by its age x with the chance F(x) the life tables
 *       give (hazard × the chance of no deal yet, summed over its days);</li>
 *   <li><b>the backlog</b>: leads created before the period without a deal
 *       open one on day d of the period, on either path, with the chance
 *       h(a + d) · S(a + d) / S(a) for a lead of age a (S: no deal yet);
 *       their number is Poisson with the summed mean;</li>
 *   <li><b>further deals</b>, counted with the backlog: a lead whose last deal
 *       closed w days before the period (won or lost) opens its next one on
 *       day d with the chance g(w + d)·G(w + d)/G(w) of the life table after
 *       such a deal (G: no next deal yet); Poisson with the summed mean;</li>
 *   <li>a deal opened on either way closes won inside the period with the
 *       chance its path's deal life tables give for the days left.</li>
 * </ul>
 * Rate uncertainty: per trial, each path's deal rate is scaled by a
 * Gamma(K, 1/K) factor (mean 1; K the deals the history shows on that path,
 * the posterior of a Poisson rate), and the chance of winning by the trial's
 * draw of the path's win rate over its mean.
 */
final class PathFlows {

    static final long AROUND = 6;
    static final long BACKLOG = 7;
    static final long FACTORS = 8;
    static final long FURTHER = 10;
    /** Per-deal draws: age or day of opening, size band, won, amount. */
    private static final int DRAWS = 4;

    final boolean active;
    private final int days;
    /** aroundByAge[x]: the chance a new lead has opened a deal around the hand-off by age x days. */
    private final double[] aroundByAge;
    /** Per path (0 hand-off, 1 around, 2 further deals) and size band, the chance a new deal has closed won by each day of its age. */
    private final double[][][] wonByAge;
    /** Per path, the cumulative shares of its size bands. */
    private final double[][] bandCdf;
    private final DealCourse[] courses;
    private final double[] backlogMean = new double[2];
    /** Per path, the cumulative distribution of a backlog deal's opening day over the period. */
    private final double[][] backlogDayCdf = new double[2][];
    /** After a won (0) and a lost (1) deal: the expected further deals of the period, and their opening day's distribution. */
    private final double[] furtherMean = new double[2];
    private final double[][] furtherDayCdf = new double[2][];
    private final double furtherDeals;
    private final StageRate furtherWin;
    private final double furtherWinMean;
    private final double aroundDeals;
    private final double handoffDeals;
    private final StageRate aroundWin;
    private final StageRate handoffWin;
    private final double aroundWinMean;
    private final double handoffWinMean;
    /** Per open deal, the chance it closes won inside the period (from the deal life tables), or null. */
    final double[] pipelineWonInPeriod;
    private final StageRate pipelineWin;
    private final double pipelineWinMean;

    PathFlows(Calibration calibration, int days) {
        this.days = days;
        DealPaths paths = calibration.paths();
        this.active = paths.fromStore();
        this.handoffWin = calibration.rates().opportunityToWon();
        this.handoffWinMean = handoffWin.mean();
        DealCourse around = paths.aroundCourse();
        this.courses = new DealCourse[] {paths.handoffCourse(), around, paths.furtherCourse()};
        double share = around.winShare();
        double closed = around.wonEvents() + around.lostEvents();
        this.aroundWin = StageRate.withMean(share, closed + 2, around.provenance());
        this.aroundWinMean = share;
        DealCourse further = paths.furtherCourse();
        this.furtherWinMean = further.winShare();
        this.furtherWin = StageRate.withMean(furtherWinMean, further.wonEvents() + further.lostEvents() + 2,
                further.provenance());
        this.furtherDeals = paths.furtherDeals(true).events() + paths.furtherDeals(false).events();
        DealCourse open = paths.openDealCourse();
        double openShare = open.winShare();
        this.pipelineWin = StageRate.withMean(openShare, open.wonEvents() + open.lostEvents() + 2,
                open.provenance());
        this.pipelineWinMean = openShare;
        this.aroundDeals = paths.aroundDeals().events();
        this.handoffDeals = paths.handoffDeals().events();
        this.bandCdf = new double[3][];
        for (int p = 0; p < 3; p++) {
            List<DealCourse.Band> bands = courses[p].bands();
            bandCdf[p] = new double[bands.size()];
            double c = 0;
            for (int b = 0; b < bands.size(); b++) {
                c += bands.get(b).share();
                bandCdf[p][b] = c;
            }
            bandCdf[p][bands.size() - 1] = 1;
        }
        if (!active) {
            aroundByAge = new double[days + 1];
            wonByAge = new double[3][1][days + 1];
            backlogDayCdf[0] = new double[days];
            backlogDayCdf[1] = new double[days];
            furtherDayCdf[0] = new double[days];
            furtherDayCdf[1] = new double[days];
            pipelineWonInPeriod = null;
            return;
        }
        long[] backlog = paths.backlogByAgeDay();
        int span = backlog.length + days + 1;
        double[][] hazard = paths.dailyDealHazards(span);
        // survival[a]: no deal by age a days
        double[] survival = new double[span + 1];
        survival[0] = 1;
        for (int a = 0; a < span; a++) {
            survival[a + 1] = survival[a] * Math.max(0, 1 - hazard[0][a] - hazard[1][a]);
        }
        this.aroundByAge = new double[days + 1];
        for (int x = 0; x < days; x++) {
            aroundByAge[x + 1] = aroundByAge[x] + survival[x] * hazard[1][x];
        }
        for (int p = 0; p < 2; p++) {
            double[] cdf = openings(backlog, survival, hazard[p], days);
            backlogMean[p] = cdf[days - 1];
            backlogDayCdf[p] = normalised(cdf, backlogMean[p]);
        }
        for (int k = 0; k < 2; k++) {
            LifeTable table = paths.furtherDeals(k == 0);
            long[] waiting = paths.furtherBacklogByDay(k == 0);
            int n = waiting.length + days + 1;
            double[] g = new double[n];
            double[] quiet = new double[n + 1];
            quiet[0] = 1;
            for (int w = 0; w < n; w++) {
                g[w] = LifeTable.daily(table.hazard(w / 7));
                quiet[w + 1] = quiet[w] * Math.max(0, 1 - g[w]);
            }
            double[] cdf = openings(waiting, quiet, g, days);
            furtherMean[k] = cdf[days - 1];
            furtherDayCdf[k] = normalised(cdf, furtherMean[k]);
        }
        this.wonByAge = new double[][][] {courses[0].cumulativeWon(days + 2), courses[1].cumulativeWon(days + 2),
            courses[2].cumulativeWon(days + 2)};
        List<OpenOpportunity> pipeline = calibration.openPipeline();
        this.pipelineWonInPeriod = new double[pipeline.size()];
        for (int o = 0; o < pipeline.size(); o++) {
            pipelineWonInPeriod[o] = open.wonWithin(pipeline.get(o).ageDays(), days, pipeline.get(o).amount());
        }
    }

    /**
     * The expected deals opened by each day of the period (cumulative) by {@code waiting[a]} entities of age
     * {@code a} days without one yet, with {@code survival[x]} the chance of none by age x and {@code hazard[x]}
     * the chance per day of one at age x: the sum over ages of waiting[a] · survival[a + d] · hazard[a + d] /
     * survival[a].
     */
    private static double[] openings(long[] waiting, double[] survival, double[] hazard, int days) {
        double[] perDay = new double[days];
        for (int a = 0; a < waiting.length; a++) {
            if (waiting[a] == 0 || survival[a] <= 0) {
                continue;
            }
            double scale = waiting[a] / survival[a];
            for (int d = 0; d < days; d++) {
                perDay[d] += scale * survival[a + d] * hazard[a + d];
            }
        }
        double[] cdf = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            sum += perDay[d];
            cdf[d] = sum;
        }
        return cdf;
    }

    /** A cumulative sum over the period's days as a distribution (uniform when the sum is 0). */
    private static double[] normalised(double[] cdf, double sum) {
        for (int d = 0; d < cdf.length; d++) {
            cdf[d] = sum > 0 ? cdf[d] / sum : (d + 1.0) / cdf.length;
        }
        return cdf;
    }

    /** Expected deals the backlog opens in the period through the hand-off (0) and around it (1). */
    double backlogMean(int path) {
        return backlogMean[path];
    }

    /** The expected chance that a new lead arriving {@code daysLeft} days before the end opens a deal around the hand-off inside the period. */
    double aroundWithin(double daysLeft) {
        return at(aroundByAge, daysLeft);
    }

    private static double at(double[] c, double x) {
        if (x <= 0) {
            return 0;
        }
        int d = (int) Math.floor(x);
        if (d >= c.length - 1) {
            return c[c.length - 1];
        }
        return c[d] + (x - d) * (c[d + 1] - c[d]);
    }

    /** The x in [0, c.length − 1] where the piecewise-linear c reaches {@code target} (c non-decreasing from 0). */
    private static double inverse(double[] c, double target) {
        int lo = 0;
        int hi = c.length - 1;
        if (target >= c[hi]) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (c[mid] < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double step = c[hi] - c[lo];
        return lo + (step > 0 ? (target - c[lo]) / step : 0);
    }

    /** One trial's draws and tallies; one per engine, reused from trial to trial. */
    final class Trial {
        private double aroundFactor;
        private double handoffFactor;
        private double aroundWinFactor;
        private double handoffWinFactor;
        private double pipelineWinFactor;
        private double furtherFactor;
        private double furtherWinFactor;
        private final double[] bandWeight = new double[courses[0].bands().size()];
        /** Per path and size band, the trial's factor on won amounts: the uncertainty of their mean. */
        private final double[][] sizeFactor = {new double[courses[0].bands().size()], new double[courses[1].bands().size()],
            new double[courses[2].bands().size()]};
        int aroundOpportunities;
        int backlogOpportunities;
        int aroundWins;
        double aroundRevenue;
        int backlogWins;
        double backlogRevenue;

        /**
         * The trial's rate factors; {@code handoffWinRate} is the trial's draw of the MQL model's opportunity-to-won
         * rate, {@code winLevel} its deal level factor on every win chance ({@link
         * io.leadscore.simulator.calibration.WinLevel}).
         */
        void start(long trialKey, double handoffWinRate, double winLevel) {
            aroundOpportunities = 0;
            backlogOpportunities = 0;
            aroundWins = 0;
            aroundRevenue = 0;
            backlogWins = 0;
            backlogRevenue = 0;
            SplitMixGenerator rng = new SplitMixGenerator(Streams.childKey(trialKey, FACTORS));
            aroundFactor = gammaFactor(rng, aroundDeals);
            handoffFactor = gammaFactor(rng, handoffDeals);
            aroundWinFactor = winLevel * (aroundWinMean > 0 ? aroundWin.draw(rng) / aroundWinMean : 1);
            pipelineWinFactor = winLevel * (pipelineWinMean > 0 ? pipelineWin.draw(rng) / pipelineWinMean : 1);
            handoffWinFactor = winLevel * (handoffWinMean > 0 ? handoffWinRate / handoffWinMean : 1);
            for (int p = 0; p < 3; p++) {
                for (int b = 0; b < sizeFactor[p].length; b++) {
                    double error = courses[p].bands().get(b).size().relativeMeanError();
                    sizeFactor[p][b] = error > 0 ? TrialEngine.lognormalFactor(error, rng) : 1;
                }
            }
            furtherFactor = gammaFactor(rng, furtherDeals);
            furtherWinFactor = winLevel * (furtherWinMean > 0 ? furtherWin.draw(rng) / furtherWinMean : 1);
        }

        private double gammaFactor(SplitMixGenerator rng, double events) {
            if (!(events >= 1)) {
                return 1;
            }
            return new GammaDistribution(rng, events, 1 / events).sample();
        }

        /** The deals around the hand-off of the {@code leads} leads that arrived on {@code day}. */
        void aroundDealsOf(long trialKey, int day, int leads) {
            if (leads == 0) {
                return;
            }
            double daysLeft = days - day - 0.5;
            double p = Math.min(1, aroundFactor * aroundWithin(daysLeft));
            if (p <= 0) {
                return;
            }
            long key = Streams.childKey(trialKey, (AROUND << 32) + day);
            int deals = DiscreteQuantiles.binomial(Streams.uniform(key, 0), leads, p);
            double reach = aroundWithin(daysLeft);
            for (int j = 0; j < deals; j++) {
                long base = 1 + (long) j * DRAWS;
                double age = inverse(aroundByAge, Streams.uniform(key, base) * reach);
                double left = daysLeft - age;
                aroundOpportunities++;
                double amount = wonInPeriod(1, key, base, aroundWinFactor, left);
                if (amount >= 0) {
                    aroundWins++;
                    aroundRevenue += amount;
                }
            }
        }

        /**
         * The deals the leads created before the period open during it: their first, on both paths, and the
         * further deals of leads whose last deal has closed.
         */
        void backlog(long trialKey) {
            for (int k = 0; k < 2; k++) {
                opened(Streams.childKey(trialKey, (FURTHER << 32) + k), furtherMean[k] * furtherFactor, furtherDayCdf[k],
                        2, furtherWinFactor);
            }
            for (int path = 0; path < 2; path++) {
                opened(Streams.childKey(trialKey, (BACKLOG << 32) + path),
                        backlogMean[path] * (path == 0 ? handoffFactor : aroundFactor), backlogDayCdf[path], path,
                        path == 0 ? handoffWinFactor : aroundWinFactor);
            }
        }

        /**
         * A Poisson number of deals of {@code mean} opened over the period by the day distribution {@code cdf},
         * each following the course of {@code path}; tallied with the backlog.
         */
        private void opened(long key, double mean, double[] cdf, int path, double winFactor) {
            if (!(mean > 0)) {
                return;
            }
            int deals = DiscreteQuantiles.poisson(Streams.uniform(key, 0), mean);
            for (int j = 0; j < deals; j++) {
                long base = 1 + (long) j * DRAWS;
                double u = Streams.uniform(key, base);
                int day = 0;
                while (day < cdf.length - 1 && cdf[day] < u) {
                    day++;
                }
                double below = day == 0 ? 0 : cdf[day - 1];
                double within = cdf[day] > below ? (u - below) / (cdf[day] - below) : 0.5;
                double left = days - day - within;
                backlogOpportunities++;
                double amount = wonInPeriod(path, key, base, winFactor, left);
                if (amount >= 0) {
                    backlogWins++;
                    backlogRevenue += amount;
                }
            }
        }

        /**
         * A new deal of the path: its size band, whether it closes won within the {@code left} days, and then its
         * amount; −1 when it does not.
         */
        private double wonInPeriod(int path, long key, long base, double winFactor, double left) {
            double[] cdf = bandCdf[path];
            double u = Streams.uniform(key, base + 1);
            int band = 0;
            while (band < cdf.length - 1 && cdf[band] < u) {
                band++;
            }
            if (Streams.uniform(key, base + 2) >= winFactor * at(wonByAge[path][band], left)) {
                return -1;
            }
            return courses[path].bands().get(band).size().quantile(Streams.uniform(key, base + 3)) * sizeFactor[path][band];
        }

        /**
         * The amount of a hand-off deal won {@code cycleDays} after it opened, for a uniform u: its size band drawn
         * by how many of each band's deals are won at that age (band share × the band's chance of closing won on
         * that day), then an amount of the band's won deals; u is split between the two draws.
         */
        double handoffAmount(double cycleDays, double u) {
            List<DealCourse.Band> bands = courses[0].bands();
            if (bands.size() == 1) {
                return bands.get(0).size().quantile(u) * sizeFactor[0][0];
            }
            double[] weight = bandWeight;
            double total = 0;
            for (int b = 0; b < bands.size(); b++) {
                double[] c = wonByAge[0][b];
                weight[b] = bands.get(b).share() * Math.max(0, at(c, cycleDays + 1) - at(c, cycleDays));
                total += weight[b];
            }
            if (!(total > 0)) {
                return courses[0].meanWonAmount() * sizeFactor[0][bands.size() - 1];
            }
            double target = u * total;
            int band = 0;
            double below = 0;
            while (band < bands.size() - 1 && below + weight[band] <= target) {
                below += weight[band];
                band++;
            }
            double within = weight[band] > 0 ? Math.min(Math.nextDown(1.0), (target - below) / weight[band]) : 0.5;
            return bands.get(band).size().quantile(Math.max(Double.MIN_VALUE, within)) * sizeFactor[0][band];
        }

        /** Whether open deal {@code o} closes won inside the period, for a uniform u (store-calibrated runs). */
        boolean pipelineWon(int o, double u) {
            return u < pipelineWinFactor * pipelineWonInPeriod[o];
        }
    }

}

package io.leadscore.simulator;

import io.leadscore.simulator.calibration.ArrivalPattern;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.ConversionByScore;
import io.leadscore.simulator.calibration.OpenOpportunity;
import io.leadscore.simulator.calibration.ScoreDistribution;
import io.leadscore.simulator.calibration.StageRate;
import io.leadscore.simulator.random.BinomialTable;
import io.leadscore.simulator.random.PoissonTable;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about a run that does not change between trials, computed once
 * and shared read-only by the worker threads.
 *
 * <h2>Conversion by score</h2>
 * The stage rates p₁..p₄ (MQL→SAL, SAL→SQL, SQL→opportunity, opportunity→won)
 * describe the MQLs at the calibration's reference threshold. A lead in score
 * band b has a lift L_b = c_b / c̄_ref, its calibrated win probability over the
 * mean of the reference MQLs (so E_ref[L] = 1). The lift is shared out over
 * the four stages in proportion to each stage's log-headroom,
 * w_i = ln(1/p̄_i) / Σ_j ln(1/p̄_j), so a stage near 1 takes little of it;
 * then p_i(b) = p_i · L_b^{w_i} · Z_{i−1}/Z_i with Z_i = E_ref[L^{W_i}] and
 * W_i = w_1 + … + w_i. The normalisers make every cumulative rate at the
 * reference threshold equal the stage rates exactly
 * (E_ref[p_1(b)···p_i(b)] = p_1···p_i), and the product over all four stages is
 * p_1···p_4 · L_b: a lead's chance of winning is proportional to its
 * calibrated score. Each p_i(b) is capped at 1; {@link #cappedShare} reports
 * the share of MQLs for which a cap binds at the mean rates (0 for consistent
 * calibrations, and then the expected-value identities below are exact).
 *
 * <h2>Response time</h2>
 * The MQL→SAL rate p_1(b) holds for a first touch at the calibration's
 * reference response time t_ref. An MQL touched δ hours after it arrived is
 * accepted with a_b(δ) = p_1(b)·r / (1 − p_1(b) + p_1(b)·r), where
 * r = m(δ)/m(t_ref) and m(t) = (1 + t/τ)^(−k): the odds of acceptance scale
 * with the response decay relative to the reference (see
 * {@link io.leadscore.simulator.calibration.ResponseDecay}). a_b(t_ref) = p_1(b);
 * a_b is decreasing in δ and increasing in p_1(b), so under common random
 * numbers a shorter delay never turns an acceptance into a rejection.
 *
 * <h2>Expected value in the reverse-funnel limit</h2>
 * Let λ_d be day d's expected leads (the weekly dispersion factor has mean 1)
 * and Λ = Σ_d λ_d. Each lead is an MQL with probability q(t), the share of
 * scores at or above the threshold, and falls in band b with probability
 * π_b / q(t) given that. An MQL of band b touched δ hours after arriving wins
 * inside the period with probability
 * a_b(δ)·p_2(b)·p_3(b)·p_4(b)·P(touch + lag + cycle &lt; end).
 * With fixed rates, unlimited capacity, every touch at the reference response
 * time (a_b = p_1(b)) and durations short against the period, that is P·L_b
 * with P = p_1 p_2 p_3 p_4, so by thinning the arrivals
 * <pre>
 *   E[wins]    = Λ · q(t) · P · E[L_b | score ≥ t]
 *   E[revenue] = E[wins] · E[deal amount]          (amounts independent of the count, Wald)
 * </pre>
 * and at the reference threshold E[L_b | score ≥ t_ref] = 1: expected wins =
 * leads × (Lead→MQL) × Π stage rates and expected revenue = that × mean deal
 * size, the reverse-funnel formula, whose quoted rates were observed at
 * real-world response times. The normalisers make the intermediate counts
 * match too (E[SALs] = Λ·q·p_1 and so on). Independent Beta rates leave the
 * expectation unchanged (E[Π p_i] = Π E[p_i]). Outside the limit, touches
 * faster than the reference raise the figures and slower ones, the queue and
 * deals closing after the period lower them;
 * {@link SimulationResult#reverseFunnelWins()} reports the limit next to the
 * simulated result, and the eventual counts (whenever a touched MQL's deal
 * opens or closes) separate the response effect from the period cut-off.
 */
final class TrialModel {

    static final int STAGES = 4;

    final Scenario scenario;
    final Calibration calibration;
    final int days;
    final double endHour;
    final WorkingCalendar calendar;

    /** Expected leads on each day before the week's dispersion factor. */
    final double[] dayMean;
    final boolean poisson;
    final double dispersion;
    final int weeks;
    /** Per day, the arrival table for its mean (Poisson runs), or null entries to compute on the fly. */
    final PoissonTable[] dayTable;
    /** Cumulative hour-of-day arrival shares (ending at 1), or null for a flat day. */
    final double[] hourCdf;

    final double mqlShare;
    /** Binomial(day's leads, MQL share) quantiles for the usual day counts, or null (computed on the fly). */
    final BinomialTable mqlTable;
    /** MQL score slots: slot 0 may be the part of the threshold's band above it. */
    final int slots;
    final int[] slotBand;
    /** Cumulative distribution over slots of an MQL's score band, ending at 1. */
    final double[] slotCdf;
    /**
     * Guide entries per slot: with 64 the search below almost never steps (a guide interval rarely holds a
     * slot boundary), so its loop exit is predictable; the table stays small (about 25 KB for 100 slots).
     */
    private static final int GUIDE_PER_SLOT = 64;
    /** slotGuide[g]: the first slot whose cumulative share reaches g / length. */
    final int[] slotGuide;
    /** g_i(slot), flattened [stage * slots + slot]: the factor on trial rate p_i for that slot. */
    final double[] stageFactor;
    final double cappedShare;
    final StageRate[] rates;

    final double tauHours;
    final double k;
    /** m(t_ref): the decay at the reference response time, where the MQL→SAL rate holds. */
    final double referenceMultiplier;
    /** m(j · DECAY_STEP) for j = 0..n−1: brackets m between grid points (m is decreasing). */
    final double[] decayGrid;
    static final double DECAY_STEP_HOURS = 0.01;
    /** Delays beyond two weeks (the default recycle limit) are rare; they get the exact power. */
    private static final double DECAY_GRID_MAX_HOURS = 24.0 * 14;
    /** Larger scenarios would not fit in memory: a trial keeps a few numbers per MQL. */
    static final double MAX_EXPECTED_MQLS_PER_TRIAL = 10_000_000;
    final double slaHours;
    final double recycleHours;
    final double responseWindowHours;
    final boolean unlimited;
    final int reps;
    final double serviceHours;
    /** Rep first touches available in the period (NaN when unlimited). */
    final double capacityInPeriod;

    /** Qualification lag and sales cycle, tabulated for the in-period decisions. */
    final DurationGrid lagGrid;
    final DurationGrid cycleGrid;

    /** The deals around the hand-off and from the backlog (store-calibrated runs). */
    final PathFlows flows;
    /** The share of MQLs sales works at all. */
    final StageRate worked;
    /** The log standard deviation of a trial's volume level around the scenario's. */
    final double levelSd;
    /** The log standard deviation of a trial's factor on every win chance (the deal level error; 0 without history). */
    final double winLevelSd;

    final double[] pipelineAge;
    final double[] pipelineAmount;
    final double[] pipelineCdfAtAge;

    TrialModel(Scenario scenario, Calibration calibration) {
        this.scenario = scenario;
        this.calibration = calibration;
        this.days = scenario.periodDays();
        this.endHour = 24.0 * days;
        LocalDate start = scenario.start();
        var arrivals = calibration.arrivals();
        if (arrivals.hasSeasonality() && start == null) {
            throw new IllegalArgumentException("Invalid scenario: the calibration has monthly seasonality, "
                    + "so the period needs a start date");
        }
        DayOfWeek first = start == null ? DayOfWeek.MONDAY : start.getDayOfWeek();
        this.calendar = new WorkingCalendar(days, first, scenario.workWeek());

        this.poisson = arrivals.isPoisson();
        this.dispersion = arrivals.dispersion();
        this.weeks = (days + 6) / 7;
        this.dayMean = new double[days];
        this.dayTable = new PoissonTable[days];
        Map<Double, PoissonTable> tables = new HashMap<>();
        for (int d = 0; d < days; d++) {
            int weekday = first.plus(d).getValue() - 1;
            double season = start == null ? 1 : arrivals.seasonality(start.plusDays(d).getMonthValue());
            dayMean[d] = scenario.leadsPerWeek() / 7 * arrivals.weekdayWeight(weekday) * season;
            if (poisson && dayMean[d] <= 1e6) {
                dayTable[d] = tables.computeIfAbsent(dayMean[d], PoissonTable::new);
            }
        }

        boolean flat = true;
        for (int h = 0; h < 24; h++) {
            flat &= Math.abs(arrivals.hourWeight(h) - 1.0 / 24) < 1e-12;
        }
        if (flat) {
            this.hourCdf = null;
        } else {
            this.hourCdf = new double[24];
            double c = 0;
            for (int h = 0; h < 24; h++) {
                c += arrivals.hourWeight(h);
                hourCdf[h] = c;
            }
            hourCdf[23] = 1;
        }

        ScoreDistribution scores = calibration.scores();
        ConversionByScore conversion = calibration.conversion();
        double threshold = scenario.threshold();
        this.mqlShare = calibration.mqlShare(threshold);
        double expectedLeads = 0;
        for (double mean : dayMean) {
            expectedLeads += mean;
        }
        if (expectedLeads * mqlShare > MAX_EXPECTED_MQLS_PER_TRIAL) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Invalid scenario: %.0f expected MQLs in one period, at most %.0f can be simulated; "
                            + "shorten the period, lower the volume or raise the threshold",
                    expectedLeads * mqlShare, MAX_EXPECTED_MQLS_PER_TRIAL));
        }
        this.mqlTable = mqlTable(dayMean, poisson, dispersion, mqlShare);
        int firstBand = ScoreDistribution.band(threshold);
        double firstFraction = ScoreDistribution.fractionOfBandAbove(threshold, firstBand);
        int startBand = firstFraction > 0 ? firstBand : firstBand + 1;
        this.slots = Math.max(0, ScoreDistribution.BANDS - startBand);
        this.slotBand = new int[slots];
        this.slotCdf = new double[slots];
        double[] slotWeight = new double[slots];
        double total = 0;
        for (int s = 0; s < slots; s++) {
            int b = startBand + s;
            slotBand[s] = b;
            slotWeight[s] = scores.probability(b) * (b == firstBand ? firstFraction : 1);
            total += slotWeight[s];
        }
        double running = 0;
        for (int s = 0; s < slots; s++) {
            running += slotWeight[s];
            slotCdf[s] = total > 0 ? running / total : (s + 1.0) / slots;
        }
        if (slots > 0) {
            slotCdf[slots - 1] = 1;
        }
        this.slotGuide = new int[Math.max(1, GUIDE_PER_SLOT * slots)];
        int guideSlot = 0;
        for (int g = 0; g < slotGuide.length; g++) {
            double at = (double) g / slotGuide.length;
            while (guideSlot < slots - 1 && slotCdf[guideSlot] < at) {
                guideSlot++;
            }
            slotGuide[g] = guideSlot;
        }

        // Lift relative to the reference MQLs.
        double reference = calibration.referenceThreshold();
        int refBand = ScoreDistribution.band(reference);
        double refFraction = ScoreDistribution.fractionOfBandAbove(reference, refBand);
        double[] refWeight = new double[ScoreDistribution.BANDS];
        double refTotal = 0;
        double refConversion = 0;
        for (int b = refBand; b < ScoreDistribution.BANDS; b++) {
            refWeight[b] = scores.probability(b) * (b == refBand ? refFraction : 1);
            refTotal += refWeight[b];
            refConversion += refWeight[b] * conversion.winProbability(b);
        }
        double meanRefConversion = refTotal > 0 ? refConversion / refTotal : 0;
        double[] lift = new double[ScoreDistribution.BANDS];
        for (int b = 0; b < lift.length; b++) {
            lift[b] = meanRefConversion > 0 ? conversion.winProbability(b) / meanRefConversion : 1;
        }

        List<StageRate> stageRates = calibration.rates().inOrder();
        this.rates = stageRates.toArray(new StageRate[0]);
        double[] weight = liftWeights(rates);
        double[] z = new double[STAGES + 1];
        z[0] = 1;
        double cumulative = 0;
        for (int i = 0; i < STAGES; i++) {
            cumulative += weight[i];
            double e = 0;
            for (int b = refBand; b < lift.length; b++) {
                if (refWeight[b] > 0) {
                    e += refWeight[b] * Math.pow(lift[b], cumulative);
                }
            }
            z[i + 1] = refTotal > 0 ? e / refTotal : 1;
        }
        this.stageFactor = new double[STAGES * slots];
        double capped = 0;
        for (int s = 0; s < slots; s++) {
            double l = lift[slotBand[s]];
            boolean binds = false;
            for (int i = 0; i < STAGES; i++) {
                double g = z[i + 1] > 0 ? Math.pow(l, weight[i]) * z[i] / z[i + 1] : 0;
                stageFactor[i * slots + s] = g;
                if (rates[i].mean() * g > 1 + 1e-12) {
                    binds = true;
                }
            }
            if (binds) {
                capped += slotWeight[s];
            }
        }
        this.cappedShare = total > 0 ? capped / total : 0;

        this.tauHours = calibration.responseDecay().tauHours();
        this.k = calibration.responseDecay().k();
        this.referenceMultiplier = calibration.responseDecay().referenceMultiplier();
        int gridPoints = (int) Math.ceil(Math.min(24.0 * scenario.policy().recycleAfterDays(), DECAY_GRID_MAX_HOURS)
                / DECAY_STEP_HOURS) + 2;
        this.decayGrid = new double[gridPoints];
        for (int j = 0; j < gridPoints; j++) {
            decayGrid[j] = calibration.responseDecay().multiplier(j * DECAY_STEP_HOURS);
        }
        this.slaHours = scenario.slaHours();
        this.recycleHours = 24.0 * scenario.policy().recycleAfterDays();
        this.responseWindowHours = scenario.responseSpread() * slaHours;
        RepCapacity capacity = scenario.capacity();
        this.unlimited = capacity.unlimited();
        this.reps = capacity.unlimited() ? 0 : capacity.reps();
        this.serviceHours = scenario.workWeek().hoursPerDay() / capacity.firstTouchesPerRepPerDay();
        this.capacityInPeriod = unlimited ? Double.NaN
                : (double) reps * capacity.firstTouchesPerRepPerDay() * calendar.workingDays();

        this.lagGrid = new DurationGrid(calibration.qualificationLag());
        this.cycleGrid = new DurationGrid(calibration.salesCycle());

        this.flows = new PathFlows(calibration, days);
        this.worked = calibration.paths().worked();
        this.levelSd = calibration.arrivals().levelSd();
        this.winLevelSd = flows.active ? calibration.paths().winLevel().sd() : 0;
        List<OpenOpportunity> pipeline = calibration.openPipeline();
        this.pipelineAge = new double[pipeline.size()];
        this.pipelineAmount = new double[pipeline.size()];
        this.pipelineCdfAtAge = new double[pipeline.size()];
        for (int i = 0; i < pipeline.size(); i++) {
            OpenOpportunity o = pipeline.get(i);
            pipelineAge[i] = o.ageDays();
            pipelineAmount[i] = o.amount();
            pipelineCdfAtAge[i] = calibration.salesCycle().cdf(o.ageDays());
        }
    }

    /**
     * A table of the day's MQL count for lead counts within about ten standard deviations of the day means
     * (Poisson), or from zero to well above them (negative binomial); other counts are computed directly.
     */
    private static BinomialTable mqlTable(double[] dayMean, boolean poisson, double dispersion, double share) {
        if (dayMean.length == 0) {
            return null;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double mean : dayMean) {
            lo = Math.min(lo, mean);
            hi = Math.max(hi, mean);
        }
        if (!(hi <= 1e6)) {
            return null;
        }
        int from = poisson ? (int) Math.max(0, Math.floor(lo - 10 * Math.sqrt(lo) - 5)) : 0;
        double top = poisson ? hi : hi * (1 + 5 / Math.sqrt(dispersion));
        int to = (int) Math.ceil(top + 10 * Math.sqrt(top) + 5);
        return BinomialTable.of(share, from, to);
    }

    /**
     * Expected leads in the period per lead a week of volume: Σ over days of
     * weekday weight × seasonality / 7. Multiply by the weekly volume.
     */
    static double leadsPerWeeklyLead(Scenario scenario, Calibration calibration) {
        ArrivalPattern arrivals = calibration.arrivals();
        LocalDate start = scenario.start();
        DayOfWeek first = start == null ? DayOfWeek.MONDAY : start.getDayOfWeek();
        double sum = 0;
        for (int d = 0; d < scenario.periodDays(); d++) {
            double season = start == null ? 1 : arrivals.seasonality(start.plusDays(d).getMonthValue());
            sum += arrivals.weekdayWeight(first.plus(d).getValue() - 1) * season / 7;
        }
        return sum;
    }

    /** The arrival hour within a day (0 to 24) for a uniform u, by inversion of the hour-of-day profile. */
    double hourOfDay(double u) {
        if (hourCdf == null) {
            return 24 * u;
        }
        int h = 0;
        while (h < 23 && hourCdf[h] < u) {
            h++;
        }
        double below = h == 0 ? 0 : hourCdf[h - 1];
        double width = hourCdf[h] - below;
        return h + (width > 0 ? Math.min(1, (u - below) / width) : 0);
    }

    /**
     * Whether u &lt; a, a = p·r / (1 − p + p·r) the chance of acceptance for a
     * touch {@code delay} hours after the MQL, p the rate at the reference
     * response time and r = m(delay)/m(t_ref). Multiplied out (1 − p + p·r &gt; 0):
     * u &lt; a ⟺ m(delay)·p·(1 − u) &gt; m(t_ref)·u·(1 − p). That is decided
     * from the grid bracket m((j+1)·step) &le; m(delay) &le; m(j·step), computing
     * the power only when the bound falls inside the bracket (rarely: one
     * step of 36 seconds changes m by at most 1.5%, near zero delay, and by a
     * few parts in ten thousand after a day). The answer is the same as
     * evaluating m(delay) directly.
     */
    boolean accepted(double u, double p, double delay) {
        if (p <= 0) {
            return false;
        }
        if (p >= 1) {
            return true;
        }
        double scale = p * (1 - u);
        double bound = referenceMultiplier * u * (1 - p);
        if (delay <= 0 || k == 0) {
            return scale > bound;
        }
        double x = delay / DECAY_STEP_HOURS;
        if (x < decayGrid.length - 1) {
            int j = (int) x;
            if (decayGrid[j + 1] * scale > bound) {
                return true;
            }
            if (decayGrid[j] * scale <= bound) {
                return false;
            }
        }
        return Math.pow(1 + delay / tauHours, -k) * scale > bound;
    }

    /**
     * Shares of the score lift per stage: proportional to ln(1/p̄_i). A stage
     * with mean rate 0 takes all of it (nothing converts past it anyway); when
     * every rate is 1 the first stage takes it and the cap applies.
     */
    static double[] liftWeights(StageRate[] rates) {
        double[] w = new double[STAGES];
        for (int i = 0; i < STAGES; i++) {
            if (rates[i].mean() == 0) {
                w[i] = 1;
                return w;
            }
        }
        double sum = 0;
        for (int i = 0; i < STAGES; i++) {
            w[i] = -Math.log(rates[i].mean());
            sum += w[i];
        }
        if (sum == 0) {
            w[0] = 1;
            return w;
        }
        for (int i = 0; i < STAGES; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The score slot of an MQL for a uniform u: the first slot whose
     * cumulative share reaches u (inversion, so non-decreasing in u), found
     * from a guide table (Chen and Asau's cutpoint method) in about one step.
     */
    int slotFor(double u) {
        int s = slotGuide[(int) (u * slotGuide.length)];
        while (slotCdf[s] < u) {
            s++;
        }
        return s;
    }

    /** The mean lift of the scenario's MQLs relative to the reference MQLs (1 at the reference threshold). */
    double meanLift() {
        double sum = 0;
        double previous = 0;
        for (int s = 0; s < slots; s++) {
            double p = slotCdf[s] - previous;
            previous = slotCdf[s];
            double product = 1;
            for (int i = 0; i < STAGES; i++) {
                product *= stageFactor[i * slots + s];
            }
            sum += p * product;
        }
        return sum;
    }
}

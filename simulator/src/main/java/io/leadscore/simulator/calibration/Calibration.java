package io.leadscore.simulator.calibration;

import io.leadscore.simulator.text.Json;
import io.leadscore.simulator.text.Numbers;
import java.util.List;
import java.util.Objects;

/**
 * Everything the simulator assumes about the business, each part with its
 * provenance. Build from {@link #defaults()}, from the store's history with
 * {@link #fromObservations(StoreObservations)}, or adjust with
 * {@link #toBuilder()}.
 *
 * @param referenceThreshold  the MQL threshold the stage rates were observed (or are quoted) at
 * @param rates               stage conversion after MQL; MQL→SAL holds at the response decay's reference
 *                            response time
 * @param scores              the score distribution of new leads
 * @param conversion          how conversion rises with score
 * @param responseDecay       the effect of response time on acceptance, relative to its reference response time
 * @param arrivals            the shape of lead arrivals (dispersion, weekdays, seasonality)
 * @param dealSize            amounts of won deals
 * @param qualificationLag    days from first touch to the opportunity being opened
 * @param salesCycle          days from the opportunity being opened to won
 * @param openPipeline        deals already open at the start of the period
 * @param pipelineProvenance  where the open pipeline came from
 * @param paths               the ways deals came about in the history: the hand-off (which the rates above
 *                            describe) and around it, with the leads still without a deal
 * @param atArrival           the champion's score of new leads read directly as a forecast: a cross-check only
 */
public record Calibration(double referenceThreshold, FunnelRates rates, ScoreDistribution scores,
                          ConversionByScore conversion, ResponseDecay responseDecay, ArrivalPattern arrivals,
                          DealSizeModel dealSize, LogNormalDays qualificationLag, LogNormalDays salesCycle,
                          List<OpenOpportunity> openPipeline, Provenance pipelineProvenance, DealPaths paths,
                          ScoreAtArrival atArrival) {

    /** Stage counts with fewer leads entering than this fall back to the default rate. */
    public static final int MIN_STAGE_COUNT = 30;

    public Calibration {
        if (!(referenceThreshold > 0 && referenceThreshold < 1)) {
            throw new IllegalArgumentException("Invalid reference threshold: " + referenceThreshold
                    + ", expected a score strictly between 0 and 1");
        }
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(conversion, "conversion");
        Objects.requireNonNull(responseDecay, "responseDecay");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(dealSize, "dealSize");
        Objects.requireNonNull(qualificationLag, "qualificationLag");
        Objects.requireNonNull(salesCycle, "salesCycle");
        openPipeline = List.copyOf(openPipeline);
        Objects.requireNonNull(pipelineProvenance, "pipelineProvenance");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(atArrival, "atArrival");
        if (!(scores.shareAtOrAbove(referenceThreshold) > 0)) {
            throw new IllegalArgumentException("Invalid calibration: no leads score at or above the reference threshold "
                    + referenceThreshold + ", so the stage rates describe nobody");
        }
    }

    /** The built-in calibration: every part from {@link Defaults}, no open pipeline. */
    public static Calibration defaults() {
        return new Calibration(Defaults.REFERENCE_THRESHOLD, Defaults.funnelRates(), Defaults.scoreDistribution(),
                Defaults.conversionByScore(), Defaults.responseDecay(), Defaults.arrivals(), Defaults.dealSize(),
                Defaults.qualificationLag(), Defaults.salesCycle(), List.of(),
                Provenance.byDefault("no open pipeline given"), DealPaths.none(), ScoreAtArrival.none());
    }

    /**
     * The share of new leads that become MQLs at {@code threshold}: the score distribution's share at or above
     * it, scaled so that at the reference threshold it is the history's own hand-off share when the store gave
     * one (the score distribution then says only how the share moves with the threshold).
     */
    public double mqlShare(double threshold) {
        double share = scores.shareAtOrAbove(threshold);
        if (!paths.fromStore()) {
            return share;
        }
        return Math.min(1, share * paths.handoffShare() / scores.shareAtOrAbove(referenceThreshold));
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Fits every part that the observations support and takes the default for
     * the rest, each with a provenance note saying which and why:
     * <ul>
     *   <li>Response decay: τ and k fitted to the follow-ups (delay,
     *       accepted) on the odds of acceptance when they support it, the
     *       default otherwise (the note says why).</li>
     *   <li>MQL→SAL: from at least {@value #MIN_STAGE_COUNT} follow-ups, the
     *       share accepted, holding at the history's effective response time
     *       under that decay, which becomes the decay's reference
     *       ({@link ResponseDecayFit#atReference}); failing that from the stage
     *       counts, taken to hold at the default reference response time;
     *       failing that the default.</li>
     *   <li>The other stages: Beta from the counts when at least
     *       {@value #MIN_STAGE_COUNT} leads entered.</li>
     *   <li>Scores: the champion's recent scores, else the threshold curve's
     *       leads, else the default; conversion by score from the threshold
     *       curve, else each band's own calibrated score.</li>
     *   <li>Arrivals from weekly lead counts and the weekday and hour-of-day
     *       profile of lead creation; deal sizes from won amounts;
     *       durations from cycle and lag days; the open pipeline as given.</li>
     * </ul>
     */
    public static Calibration fromObservations(StoreObservations obs) {
        Objects.requireNonNull(obs, "obs");
        FunnelRates defaultRates = Defaults.funnelRates();

        ResponseDecay decay = Defaults.responseDecay();
        double[] delays = obs.responseDelayHours();
        boolean[] accepted = obs.responseAccepted();
        StageRate mqlToSal;
        if (delays != null && delays.length > 0) {
            decay = ResponseDecayFit.fit(delays, accepted, decay).decay();
        }
        if (delays != null && delays.length >= MIN_STAGE_COUNT) {
            // The rate the store shows, at the response time where the (fitted or default) curve gives it.
            ReferenceAcceptance atReference = ResponseDecayFit.atReference(delays, accepted, decay);
            mqlToSal = atReference.mqlToSal();
            decay = atReference.decay();
        } else if (obs.mqlToSal() != null && obs.mqlToSal().entered() >= MIN_STAGE_COUNT) {
            StageCounts c = obs.mqlToSal();
            String why = delays == null ? "no delays given" : "only " + delays.length + " follow-ups with delays";
            mqlToSal = StageRate.fromCounts(c.advanced(), c.entered(), c.advanced() + " of " + c.entered()
                    + " MQLs accepted at historical response times (" + why + "): taken to hold at the reference "
                    + "first touch " + Numbers.hours(decay.referenceHours()) + " h after the MQL");
        } else {
            mqlToSal = fallback(defaultRates.mqlToSal(), obs.mqlToSal(), delays == null ? 0 : delays.length);
        }
        FunnelRates rates = new FunnelRates(mqlToSal,
                stage(obs.salToSql(), defaultRates.salToSql(), "SALs qualified as SQL"),
                stage(obs.sqlToOpportunity(), defaultRates.sqlToOpportunity(), "SQLs with a deal opened"),
                stage(obs.opportunityToWon(), defaultRates.opportunityToWon(), "opportunities won"));

        ScoreDistribution scores;
        double[] sample = obs.championScores();
        if (sample != null && sample.length >= ScoreDistribution.MIN_SAMPLE) {
            scores = ScoreDistribution.fromSample(sample, Defaults.scoreDistribution());
        } else if (obs.thresholdCurve() != null && obs.thresholdCurve().leads() > 0) {
            scores = ScoreDistribution.fromThresholdCurve(obs.thresholdCurve());
        } else if (sample != null) {
            scores = ScoreDistribution.fromSample(sample, Defaults.scoreDistribution());
        } else {
            scores = Defaults.scoreDistribution();
        }
        ConversionByScore conversion = obs.thresholdCurve() != null && obs.thresholdCurve().leads() > 0
                ? ConversionByScore.fromThresholdCurve(obs.thresholdCurve())
                : ConversionByScore.fromScores(scores, Defaults.conversionByScore().provenance());

        ArrivalPattern arrivals = obs.weeklyLeadCounts() == null ? Defaults.arrivals()
                : ArrivalPattern.fitWeeklyCounts(obs.weeklyLeadCounts(), Defaults.arrivals());
        if (obs.leadWeekdayCounts() != null || obs.leadHourCounts() != null) {
            arrivals = arrivals.withProfileCounts(obs.leadWeekdayCounts(), obs.leadHourCounts());
        }
        DealSizeModel dealSize = obs.wonAmounts() == null ? Defaults.dealSize()
                : DealSizeModel.fromWonAmounts(obs.wonAmounts(), Defaults.dealSize());
        LogNormalDays cycle = obs.salesCycleDays() == null ? Defaults.salesCycle()
                : LogNormalDays.fit(obs.salesCycleDays(), "sales cycles (opportunity to won)", Defaults.salesCycle());
        LogNormalDays lag = obs.qualificationLagDays() == null ? Defaults.qualificationLag()
                : LogNormalDays.fit(obs.qualificationLagDays(), "qualification lags (first touch to opportunity)",
                Defaults.qualificationLag());
        List<OpenOpportunity> pipeline = obs.openOpportunities() == null ? List.of() : obs.openOpportunities();
        Provenance pipelineProvenance = obs.openOpportunities() == null
                ? Provenance.byDefault("no open pipeline given")
                : Provenance.fromStore(pipeline.size(), pipeline.size() + " opportunities open at the period start");
        // By path: the MQL model describes the hand-off path alone, and adds up to its deals per lead. Without a lead
        // history, or with too few deals in it (a rate per path from a handful of deals would forecast a thousand
        // deals per thousand leads from one), the textbook funnel: every deal through the hand-off.
        DealPaths paths = obs.leadHistory() == null ? DealPaths.none() : DealPaths.fit(obs.leadHistory(), dealSize);
        long firstDeals = Math.round(paths.handoffDeals().events() + paths.aroundDeals().events());
        if (!paths.fromStore() || firstDeals < MIN_STAGE_COUNT) {
            return new Calibration(obs.referenceThreshold(), rates, scores, conversion, decay, arrivals, dealSize, lag,
                    cycle, pipeline, pipelineProvenance, paths.fromStore()
                    ? DealPaths.tooFewDeals(firstDeals, MIN_STAGE_COUNT) : paths, obs.scoreAtArrival());
        }
        double level = ArrivalPattern.levelError(paths.weeklyLeadCounts());
        arrivals = Double.isNaN(level)
                ? arrivals.withLevelError(Defaults.LEVEL_ERROR, "default " + Numbers.percent(Defaults.LEVEL_ERROR)
                        + ": fewer than " + (ArrivalPattern.LEVEL_LOOKBACK_WEEKS + ArrivalPattern.LEVEL_HORIZON_WEEKS
                        + ArrivalPattern.MIN_LEVEL_ORIGINS - 1) + " weeks of leads to measure how far volume forecasts miss")
                : arrivals.withLevelError(level, Numbers.percent(level) + ": how far the store's volume forecast (the"
                        + " same weeks a year before times the growth since, or the mean of 26 weeks) missed the next"
                        + " 13 weeks' volume over " + paths.weeklyLeadCounts().length + " weeks of leads");
        StageRate salToSql = stage(paths.handoffSalToSql(), defaultRates.salToSql(),
                "hand-off SALs that reached SQL (a deal counts)");
        // What a worked hand-off must yield: the life table's deals per lead over hand-offs x worked. The stages
        // after acceptance take it up (SQL->opportunity, then SAL->SQL, then MQL->SAL when the measured rates are
        // too low to reach it: a history whose follow-ups say less than its deals do).
        double worked = paths.handoffShare() * paths.worked().mean();
        double target = worked > 0 ? Math.min(1, paths.handoffDealsPerLead() / worked) : 0;
        double deals = paths.handoffDeals().events();
        String why = String.format(java.util.Locale.ROOT, "the hand-off path's %s deals per 1,000 leads (life table,"
                        + " %d deals) over %s hand-offs x %s worked", Numbers.count(1000 * paths.handoffDealsPerLead()),
                Math.round(deals), Numbers.count(1000 * paths.handoffShare()), Numbers.percent(paths.worked().mean()));
        double p1 = mqlToSal.mean();
        double p2 = salToSql.mean();
        if (p1 * p2 < target) {
            if (p1 >= target) {
                salToSql = StageRate.withMean(target / p1, salToSql.alpha() + salToSql.beta(), Provenance.fromStore(
                        Math.round(deals), Numbers.percent(target / p1) + ", raised from " + Numbers.percent(p2)
                                + " so that " + why + " are reached: the follow-ups record fewer SQLs than deals opened"));
            } else {
                salToSql = StageRate.fixed(1, Provenance.fromStore(Math.round(deals), "100%, raised from "
                        + Numbers.percent(p2) + " so that " + why + " are reached"));
                mqlToSal = StageRate.withMean(target, mqlToSal.isFixed() ? Double.POSITIVE_INFINITY
                        : mqlToSal.alpha() + mqlToSal.beta(), Provenance.fromStore(Math.round(deals),
                        Numbers.percent(target) + ", raised from " + Numbers.percent(p1) + " so that " + why
                                + " are reached: the follow-ups record fewer acceptances than deals opened"));
            }
        }
        double sqlToOpportunityMean = Math.min(1, target / (mqlToSal.mean() * salToSql.mean()));
        StageRate sqlToOpportunity = StageRate.withMean(sqlToOpportunityMean, deals + 2, Provenance.fromStore(
                Math.round(deals), String.format(java.util.Locale.ROOT, "%s: %s x %s MQL->SAL x %s SAL->SQL%s",
                        Numbers.percent(sqlToOpportunityMean), why, Numbers.percent(mqlToSal.mean()),
                        Numbers.percent(salToSql.mean()), obs.sqlToOpportunity() == null ? ""
                                : "; the stage counts alone: " + obs.sqlToOpportunity().advanced() + " of "
                                + obs.sqlToOpportunity().entered())));
        DealCourse handoff = paths.handoffCourse();
        double closed = handoff.wonEvents() + handoff.lostEvents();
        StageRate opportunityToWon = closed >= MIN_STAGE_COUNT
                ? StageRate.withMean(handoff.winShare(), closed + 2, Provenance.fromStore(Math.round(closed),
                        Numbers.percent(handoff.winShare()) + " of the hand-off path's deals end won (life tables of "
                                + Math.round(handoff.wonEvents()) + " won and " + Math.round(handoff.lostEvents())
                                + " lost over the deals' open weeks)"))
                : rates.opportunityToWon();
        FunnelRates byPath = new FunnelRates(mqlToSal, salToSql, sqlToOpportunity, opportunityToWon);
        double[] cycles = paths.handoffWonCycleDays();
        LogNormalDays handoffCycle = cycles.length >= LogNormalDays.MIN_OBSERVATIONS
                ? LogNormalDays.fit(cycles, "hand-off sales cycles (opportunity to won)", cycle) : cycle;
        double[] lags = paths.handoffLagDays();
        LogNormalDays handoffLag = lags.length >= LogNormalDays.MIN_OBSERVATIONS
                ? LogNormalDays.fit(lags, "hand-off qualification lags (first follow-up to opportunity)", lag) : lag;
        double[] handoffAmounts = paths.handoffWonAmounts();
        DealSizeModel handoffSize = handoffAmounts.length >= MIN_STAGE_COUNT ? BootstrapDealSize.of(handoffAmounts)
                : handoffAmounts.length > 0 ? DealSizeModel.fromWonAmounts(handoffAmounts, dealSize) : dealSize;
        return new Calibration(obs.referenceThreshold(), byPath, scores, conversion, decay, arrivals, handoffSize,
                handoffLag, handoffCycle, pipeline, pipelineProvenance, paths, obs.scoreAtArrival());
    }

    private static StageRate stage(StageCounts counts, StageRate fallback, String what) {
        if (counts != null && counts.entered() >= MIN_STAGE_COUNT) {
            return StageRate.fromCounts(counts.advanced(), counts.entered(),
                    counts.advanced() + " of " + counts.entered() + " " + what);
        }
        return fallback(fallback, counts, 0);
    }

    private static StageRate fallback(StageRate fallback, StageCounts counts, int followUps) {
        if (counts == null && followUps == 0) {
            return fallback;
        }
        long seen = Math.max(counts == null ? 0 : counts.entered(), followUps);
        return new StageRate(fallback.alpha(), fallback.beta(), fallback.fixedMean(), Provenance.byDefault(
                fallback.provenance().note() + "; only " + seen + " observed in the store, at least "
                        + MIN_STAGE_COUNT + " needed"));
    }

    /** The calibration's parameters and their provenance, as members of a simulation's {@code assumptions}. */
    public CalibrationJson json() {
        List<StageRate> inOrder = rates.inOrder();
        CalibrationJson.StageRates stageRates = new CalibrationJson.StageRates(CalibrationJson.Rate.of(inOrder.get(0)),
                CalibrationJson.Rate.of(inOrder.get(1)), CalibrationJson.Rate.of(inOrder.get(2)),
                CalibrationJson.Rate.of(inOrder.get(3)), rates.meanProduct());
        CalibrationJson.DealSize deals;
        if (dealSize instanceof LogNormalDealSize l) {
            deals = new CalibrationJson.DealSize(dealSize.kind(), dealSize.mean(), l.mu(), l.sigma(), null, l.median(),
                    CalibrationJson.Sourced.of(dealSize.provenance()));
        } else if (dealSize instanceof BootstrapDealSize b) {
            deals = new CalibrationJson.DealSize(dealSize.kind(), dealSize.mean(), null, null, b.size(),
                    b.quantile(0.5), CalibrationJson.Sourced.of(dealSize.provenance()));
        } else {
            deals = new CalibrationJson.DealSize(dealSize.kind(), dealSize.mean(), null, null, null, null,
                    CalibrationJson.Sourced.of(dealSize.provenance()));
        }
        double known = 0;
        int withAmount = 0;
        for (OpenOpportunity o : openPipeline) {
            if (o.hasAmount()) {
                known += o.amount();
                withAmount++;
            }
        }
        boolean store = paths.fromStore();
        CalibrationJson.Paths pathsJson = new CalibrationJson.Paths(store ? "handoff_and_around" : "handoff_only",
                store ? paths.leads() : null, store ? paths.handoffShare() : null,
                store ? paths.handoffDealsPerLead() : null, store ? paths.aroundDealsPerLead() : null,
                store ? paths.handoffCourse().winShare() : null, store ? paths.aroundCourse().winShare() : null,
                store ? paths.aroundCourse().meanWonAmount() : null,
                store ? java.util.Arrays.stream(paths.backlogByAgeDay()).sum() : null,
                store ? DealPaths.WINDOW_DAYS : null, store ? paths.winLevel().sd() : null, paths.worked().mean(),
                CalibrationJson.Sourced.of(store ? Provenance.fromStore(paths.leads(), paths.summary())
                        : Provenance.byDefault(paths.summary())));
        return new CalibrationJson(referenceThreshold, stageRates,
                new CalibrationJson.Scores(scores.shareAtOrAbove(referenceThreshold), scores.meanScore(),
                        CalibrationJson.Sourced.of(scores.provenance())),
                new CalibrationJson.Conversion(Json.orNull(conversion.observedToExpected()),
                        CalibrationJson.Sourced.of(conversion.provenance())),
                new CalibrationJson.Decay(responseDecay.tauHours(), responseDecay.k(), responseDecay.referenceHours(),
                        CalibrationJson.Sourced.of(responseDecay.provenance())),
                new CalibrationJson.Arrivals(arrivals.isPoisson() ? "poisson" : "negative_binomial",
                        arrivals.levelSd(), arrivals.isPoisson() ? null : Json.orNull(arrivals.dispersion()),
                        Json.orNull(arrivals.observedLeadsPerWeek()),
                        CalibrationJson.figures(arrivals.weekdayWeights()),
                        CalibrationJson.figures(arrivals.hourWeights()),
                        arrivals.hasSeasonality() ? CalibrationJson.figures(arrivals.monthlySeasonality()) : null,
                        CalibrationJson.Sourced.of(arrivals.provenance())),
                deals, CalibrationJson.Duration.of(qualificationLag), CalibrationJson.Duration.of(salesCycle),
                pathsJson,
                new CalibrationJson.Pipeline(openPipeline.size(), withAmount, known,
                        CalibrationJson.Sourced.of(pipelineProvenance)));
    }

    /** Replaces parts of a calibration; starts from the calibration it was made from. */
    public static final class Builder {
        private double referenceThreshold;
        private FunnelRates rates;
        private ScoreDistribution scores;
        private ConversionByScore conversion;
        private ResponseDecay responseDecay;
        private ArrivalPattern arrivals;
        private DealSizeModel dealSize;
        private LogNormalDays qualificationLag;
        private LogNormalDays salesCycle;
        private List<OpenOpportunity> openPipeline;
        private Provenance pipelineProvenance;
        private DealPaths paths;
        private ScoreAtArrival atArrival;

        private Builder(Calibration c) {
            referenceThreshold = c.referenceThreshold;
            rates = c.rates;
            scores = c.scores;
            conversion = c.conversion;
            responseDecay = c.responseDecay;
            arrivals = c.arrivals;
            dealSize = c.dealSize;
            qualificationLag = c.qualificationLag;
            salesCycle = c.salesCycle;
            openPipeline = c.openPipeline;
            pipelineProvenance = c.pipelineProvenance;
            paths = c.paths;
            atArrival = c.atArrival;
        }

        public Builder referenceThreshold(double v) {
            referenceThreshold = v;
            return this;
        }

        public Builder rates(FunnelRates v) {
            rates = v;
            return this;
        }

        /** The score distribution; conversion by score is left as it is (set it too when it should follow). */
        public Builder scores(ScoreDistribution v) {
            scores = v;
            return this;
        }

        public Builder conversion(ConversionByScore v) {
            conversion = v;
            return this;
        }

        public Builder responseDecay(ResponseDecay v) {
            responseDecay = v;
            return this;
        }

        public Builder arrivals(ArrivalPattern v) {
            arrivals = v;
            return this;
        }

        public Builder dealSize(DealSizeModel v) {
            dealSize = v;
            return this;
        }

        public Builder qualificationLag(LogNormalDays v) {
            qualificationLag = v;
            return this;
        }

        public Builder salesCycle(LogNormalDays v) {
            salesCycle = v;
            return this;
        }

        public Builder openPipeline(List<OpenOpportunity> v, Provenance provenance) {
            openPipeline = v;
            pipelineProvenance = provenance;
            return this;
        }

        public Builder paths(DealPaths v) {
            paths = v;
            return this;
        }

        public Builder atArrival(ScoreAtArrival v) {
            atArrival = v;
            return this;
        }

        public Calibration build() {
            return new Calibration(referenceThreshold, rates, scores, conversion, responseDecay, arrivals, dealSize,
                    qualificationLag, salesCycle, openPipeline, pipelineProvenance, paths, atArrival);
        }
    }
}

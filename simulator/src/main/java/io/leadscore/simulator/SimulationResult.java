package io.leadscore.simulator;

import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.DealPaths;
import io.leadscore.simulator.calibration.FunnelRates;
import io.leadscore.simulator.calibration.Provenance;
import io.leadscore.simulator.calibration.Source;
import io.leadscore.simulator.calibration.StageRate;
import io.leadscore.simulator.calibration.WinLevel;
import io.leadscore.simulator.text.Json;
import io.leadscore.simulator.text.Numbers;
import io.leadscore.simulator.text.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The outcome of a simulation: the chance of reaching quota, the revenue
 * distribution, the expected funnel, SLA and capacity figures, the
 * assumptions behind them, and the per-trial revenue, MQL and win counts
 * (for back-testing and paired comparisons).
 *
 * <p>Expected counts are means over trials. Counting rules: a lead counts on
 * the day it arrives; an MQL when it crosses the threshold on arrival; SALs
 * and SQLs at the first touch; an opportunity when it opens inside the
 * period; a win (and its revenue) when it closes inside the period. Wins
 * include deals from the open pipeline.
 */
public final class SimulationResult {

    /** The widest an assumption's label runs before it wraps. */
    static final int ASSUMPTION_LABEL_WIDTH = 32;
    /** The widest an assumption's detail runs before it wraps: with its label and source, at most 100 characters a line. */
    static final int ASSUMPTION_DETAIL_WIDTH = 58;

    private final Scenario scenario;
    private final Calibration calibration;
    private final SimulationOptions options;
    private final double pAttain;
    private final double pAttainStandardError;
    private final RevenueSummary revenue;
    private final double leads;
    private final double mqls;
    private final double sals;
    private final double sqls;
    private final double opportunities;
    private final double wins;
    private final double pipelineWins;
    private final double aroundWins;
    private final double aroundOpportunities;
    private final double backlogOpportunities;
    private final double backlogWins;
    private final double aroundRevenue;
    private final double backlogRevenue;
    private final double eventualOpportunities;
    private final double eventualWins;
    private final double slaBreachRate;
    private final double recycled;
    private final double meanResponseHours;
    private final double repUtilisation;
    private final double expectedLeads;
    private final double mqlShare;
    private final double meanLift;
    private final double cappedShare;
    private final RevenueHistogram histogram;
    private final double[] revenuePerTrial;
    private final int[] mqlsPerTrial;
    private final int[] winsPerTrial;

    private SimulationResult(Scenario scenario, Calibration calibration, SimulationOptions options, TrialModel model,
                             TrialResults r) {
        this.scenario = scenario;
        this.calibration = calibration;
        this.options = options;
        int n = r.trials;
        long reached = 0;
        double sumLeads = 0;
        double sumMqls = 0;
        double sumSals = 0;
        double sumSqls = 0;
        double sumOpps = 0;
        double sumWins = 0;
        double sumPipelineWins = 0;
        double sumAroundWins = 0;
        double sumAroundOpps = 0;
        double sumBacklogOpps = 0;
        double sumBacklogWins = 0;
        double sumAroundRevenue = 0;
        double sumBacklogRevenue = 0;
        double sumEventualOpps = 0;
        double sumEventualWins = 0;
        double sumRecycled = 0;
        long decided = 0;
        long breaches = 0;
        long touches = 0;
        double responseHours = 0;
        for (int i = 0; i < n; i++) {
            if (r.revenue[i] >= scenario.quota()) {
                reached++;
            }
            sumLeads += r.leads[i];
            sumMqls += r.mqls[i];
            sumSals += r.sals[i];
            sumSqls += r.sqls[i];
            sumOpps += r.opportunities[i];
            sumWins += r.wins[i];
            sumPipelineWins += r.pipelineWins[i];
            sumAroundWins += r.aroundWins[i];
            sumAroundOpps += r.aroundOpportunities[i];
            sumBacklogOpps += r.backlogOpportunities[i];
            sumBacklogWins += r.backlogWins[i];
            sumAroundRevenue += r.aroundRevenue[i];
            sumBacklogRevenue += r.backlogRevenue[i];
            sumEventualOpps += r.eventualOpportunities[i];
            sumEventualWins += r.eventualWins[i];
            sumRecycled += r.recycled[i];
            decided += r.slaDecided[i];
            breaches += r.slaBreaches[i];
            touches += r.touches[i];
            responseHours += r.responseHours[i];
        }
        this.pAttain = (double) reached / n;
        this.pAttainStandardError = n > 1 ? Math.sqrt(pAttain * (1 - pAttain) / n) : Double.NaN;
        this.revenue = RevenueSummary.of(r.revenue, r.pipelineRevenue);
        this.leads = sumLeads / n;
        this.mqls = sumMqls / n;
        this.sals = sumSals / n;
        this.sqls = sumSqls / n;
        this.opportunities = sumOpps / n;
        this.wins = sumWins / n;
        this.pipelineWins = sumPipelineWins / n;
        this.aroundWins = sumAroundWins / n;
        this.aroundOpportunities = sumAroundOpps / n;
        this.backlogOpportunities = sumBacklogOpps / n;
        this.backlogWins = sumBacklogWins / n;
        this.aroundRevenue = sumAroundRevenue / n;
        this.backlogRevenue = sumBacklogRevenue / n;
        this.eventualOpportunities = sumEventualOpps / n;
        this.eventualWins = sumEventualWins / n;
        this.recycled = sumRecycled / n;
        this.slaBreachRate = decided > 0 ? (double) breaches / decided : 0;
        this.meanResponseHours = touches > 0 ? responseHours / touches : Double.NaN;
        this.repUtilisation = model.unlimited ? Double.NaN
                : model.capacityInPeriod > 0 ? touches / (model.capacityInPeriod * n) : 0;
        double expected = 0;
        for (double m : model.dayMean) {
            expected += m;
        }
        this.expectedLeads = expected;
        this.mqlShare = model.mqlShare;
        this.meanLift = model.meanLift();
        this.cappedShare = model.cappedShare;
        this.histogram = RevenueHistogram.of(r.revenue, scenario.quota(), options.histogramBins());
        this.revenuePerTrial = r.revenue;
        this.mqlsPerTrial = r.mqls;
        this.winsPerTrial = r.wins;
    }

    static SimulationResult of(Scenario scenario, Calibration calibration, SimulationOptions options, TrialModel model,
                               TrialResults results) {
        return new SimulationResult(scenario, calibration, options, model, results);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Calibration calibration() {
        return calibration;
    }

    public int trials() {
        return options.trials();
    }

    public long seed() {
        return options.seed();
    }

    /** Share of trials whose revenue reaches the quota. */
    public double pAttain() {
        return pAttain;
    }

    /** √(p(1 − p)/n); NaN for one trial. */
    public double pAttainStandardError() {
        return pAttainStandardError;
    }

    public RevenueSummary revenue() {
        return revenue;
    }

    public double leads() {
        return leads;
    }

    public double mqls() {
        return mqls;
    }

    public double sals() {
        return sals;
    }

    public double sqls() {
        return sqls;
    }

    public double opportunities() {
        return opportunities;
    }

    /** Expected wins closing in the period, open pipeline included. */
    public double wins() {
        return wins;
    }

    public double winsFromOpenPipeline() {
        return pipelineWins;
    }

    /** Expected wins of deals the period's new leads open around the hand-off (store-calibrated runs). */
    public double winsAroundHandoff() {
        return aroundWins;
    }

    /** Expected wins of deals opened during the period by leads created before it (store-calibrated runs). */
    public double winsFromBacklog() {
        return backlogWins;
    }

    /** Expected wins of the period's MQLs (the hand-off path of its new leads). */
    public double winsThroughHandoff() {
        return remainder(wins, pipelineWins, aroundWins, backlogWins);
    }

    /** The width the table view's sentences wrap at. */
    static final int PROSE_WIDTH = 100;

    /**
     * Each line of {@code text} wrapped at spaces to at most {@code width} characters (a word longer than that
     * stands alone), the lines after a line's first indented by two spaces.
     */
    static String wrap(String text, int width) {
        StringBuilder wrapped = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int column = 0;
            boolean first = true;
            for (String word : line.split(" ")) {
                if (column > 0 && column + 1 + word.length() > width) {
                    wrapped.append('\n').append("  ");
                    column = 2;
                    first = true;
                }
                if (!first) {
                    wrapped.append(' ');
                    column++;
                }
                wrapped.append(word);
                column += word.length();
                first = false;
            }
            wrapped.append('\n');
        }
        wrapped.setLength(wrapped.length() - 1);
        return wrapped.toString();
    }

    /**
     * What is left of a total once its other paths are taken away: never below zero, and zero where only the
     * rounding of the sums is left (a store with no hand-off would otherwise report −1e-13 of them).
     */
    static double remainder(double total, double... parts) {
        double left = total;
        double scale = Math.abs(total);
        for (double part : parts) {
            left -= part;
            scale = Math.max(scale, Math.abs(part));
        }
        return left <= 1e-9 * Math.max(1, scale) ? 0 : left;
    }

    /**
     * Expected opportunities from the MQLs touched in the period, whenever
     * they open (inside the period or after it): SQLs × SQL→opportunity, with
     * no cut-off. {@link #opportunities()} counts only those opened inside.
     */
    public double eventualOpportunities() {
        return eventualOpportunities;
    }

    /**
     * Expected wins from the MQLs touched in the period, whenever the deal
     * opens and closes; the open pipeline is not included. Like the
     * reverse-funnel calculator it ignores timing, so the gap between this
     * and {@link #reverseFunnelWins()} is the effect of this run's response
     * times (and capacity), and the gap between this and {@link #wins()} is
     * the deals that close after the period.
     */
    public double eventualWins() {
        return eventualWins;
    }

    /** Breaches over MQLs whose SLA ran out or who were touched inside the period; 0 when there are none. */
    public double slaBreachRate() {
        return slaBreachRate;
    }

    /** Expected MQLs recycled to nurture (never touched within recycle-after days) per period. */
    public double recycledMqls() {
        return recycled;
    }

    /** Mean hours from MQL to first touch over touched MQLs; NaN when none was touched. */
    public double meanResponseHours() {
        return meanResponseHours;
    }

    /** First touches made over first touches available; NaN with unlimited capacity. */
    public double repUtilisation() {
        return repUtilisation;
    }

    /** The histogram of revenue with the quota on a bin edge. */
    public RevenueHistogram histogram() {
        return histogram;
    }

    /** Each trial's revenue (a copy), in trial order. */
    public double[] revenuePerTrial() {
        return revenuePerTrial.clone();
    }

    /** Each trial's MQL count (a copy). */
    public int[] mqlsPerTrial() {
        return mqlsPerTrial.clone();
    }

    /** Each trial's wins, open pipeline included (a copy). */
    public int[] winsPerTrial() {
        return winsPerTrial.clone();
    }

    /** Whether trial i reached quota. */
    public boolean reachedQuota(int trial) {
        return revenuePerTrial[trial] >= scenario.quota();
    }

    /**
     * The reverse-funnel calculator's expected wins for this scenario:
     * expected leads × share at or above the threshold × Π stage rates ×
     * mean score lift of these MQLs. The stage rates hold at the response
     * decay's reference response time ({@link #referenceResponseHours()}), so
     * this is the calculator's figure for a team that touches every MQL then.
     * It ignores timing, capacity and variance; the simulation agrees with it
     * in that limit. Compare it with {@link #eventualWins()}, which also
     * ignores timing.
     */
    public double reverseFunnelWins() {
        return expectedLeads * mqlShare * calibration.rates().meanProduct() * meanLift;
    }

    /**
     * The cross-check of the path decomposition: the champion's calibrated scores read directly as the chance of
     * a won deal (within the label horizon of the policy), averaged over the score distribution of new leads.
     * Compare with {@link #pathsWinsPerLead()}.
     */
    public double scoreWinsPerLead() {
        return calibration.scores().meanScore();
    }

    /**
     * The cross-check as the table prints it: like for like (wins within the label horizon of a new lead's arrival,
     * by the paths and by the champion's score at arrival) where the store gives both, then the paths' eventual
     * figure and the mean score the simulator's score distribution holds.
     */
    private String crossCheckLine() {
        int horizon = scenario.policy().labelHorizonDays();
        String decomposition = calibration.paths().fromStore() ? "paths (through the hand-off and around it)"
                : "stage rates";
        String scores = calibration.scores().provenance().source() == io.leadscore.simulator.calibration.Source.STORE
                ? "champion's calibrated" : "default";
        double within = pathsWinsWithinHorizonPerLead();
        io.leadscore.simulator.calibration.ScoreAtArrival arrival = calibration.atArrival();
        if (Double.isNaN(within) || !arrival.known()) {
            return String.format(Locale.ROOT, "Cross-check, wins per 1,000 new leads: %s by the %s the simulator runs"
                            + " (eventually); %s by the %s scores read as the chance of a win within %d days%n",
                    Numbers.count(1000 * pathsWinsPerLead()), decomposition, Numbers.count(1000 * scoreWinsPerLead()),
                    scores, horizon);
        }
        return String.format(Locale.ROOT, "Cross-check, wins within %d days of a lead's arrival per 1,000 new leads:"
                        + " %s by the %s the simulator runs; %s by the champion's calibrated score at arrival (%s,"
                        + " %s out-of-time snapshots, %s won there). Eventually, by the paths: %s; the mean score of"
                        + " the score distribution the simulator draws: %s%n",
                horizon, Numbers.count(1000 * within), decomposition, Numbers.count(1000 * arrival.meanScore()),
                arrival.band(), Numbers.amount(arrival.snapshots()), Numbers.count(1000 * arrival.observedRate()),
                Numbers.count(1000 * pathsWinsPerLead()), Numbers.count(1000 * scoreWinsPerLead()));
    }

    /**
     * Like for like with the champion's score at arrival ({@code Calibration.atArrival}): the chance that a new
     * lead's first deal is won within the label horizon of its arrival, by the paths' life tables the simulator
     * runs on; NaN without a store history.
     */
    public double pathsWinsWithinHorizonPerLead() {
        if (!calibration.paths().fromStore()) {
            return Double.NaN;
        }
        double[] byPath = calibration.paths().firstDealsWonWithin(scenario.policy().labelHorizonDays());
        return byPath[0] + byPath[1];
    }

    /**
     * Wins per new lead by the decomposition the simulator runs: each path's deals per lead times the share of its
     * deals that end won (eventually, not only inside a period); without a store history, the MQL share at the
     * reference threshold times the product of the stage rates.
     */
    public double pathsWinsPerLead() {
        var paths = calibration.paths();
        if (!paths.fromStore()) {
            return calibration.mqlShare(calibration.referenceThreshold()) * calibration.rates().meanProduct();
        }
        return paths.handoffDealsPerLead() * calibration.rates().opportunityToWon().mean()
                + paths.aroundDealsPerLead() * paths.aroundCourse().winShare();
    }

    /** The response time, in hours from MQL to first touch, at which the calibration's MQL→SAL rate holds. */
    public double referenceResponseHours() {
        return calibration.responseDecay().referenceHours();
    }

    /** {@link #reverseFunnelWins()} × mean deal size, plus nothing from the open pipeline. */
    public double reverseFunnelRevenue() {
        return reverseFunnelWins() * calibration.dealSize().mean();
    }

    /**
     * The JSON object of {@code simulate --format json}: {@code trials},
     * {@code quota}, {@code p_attain}, {@code revenue {mean, p10, p50, p90}},
     * the expected counts {@code leads, mqls, sals, sqls, opportunities, wins},
     * {@code sla_breach_rate}, plus standard errors, utilisation, the
     * histogram, the reverse-funnel comparison and every assumption with its
     * source. Numbers are finite; undefined figures are {@code null}.
     */
    public String toJson() {
        return Json.write(json());
    }

    /** The document of {@link #toJson()} as a record. */
    public SimulationJson json() {
        List<Long> trialsPerBin = new ArrayList<>(histogram.bins());
        for (int i = 0; i < histogram.bins(); i++) {
            trialsPerBin.add(histogram.count(i));
        }
        double perWon = mqlShare * calibration.rates().meanProduct() * meanLift * calibration.dealSize().mean();
        double pipelineMean = revenue.fromOpenPipeline();
        return new SimulationJson(options.trials(), options.seed(), scenario.quota(), pAttain,
                Json.orNull(pAttainStandardError),
                new SimulationJson.Revenue(revenue.mean(), revenue.p10(), revenue.p50(), revenue.p90(),
                        revenue.standardDeviation(), Json.orNull(revenue.meanStandardError()),
                        revenue.fromOpenPipeline()),
                leads, mqls, sals, sqls, opportunities, wins, pipelineWins,
                new SimulationJson.OpportunitiesByPath(remainder(opportunities, aroundOpportunities, backlogOpportunities),
                        aroundOpportunities, backlogOpportunities),
                new SimulationJson.AmountsByPath(winsThroughHandoff(), aroundWins, backlogWins, pipelineWins),
                new SimulationJson.AmountsByPath(
                        remainder(revenue.mean(), revenue.fromOpenPipeline(), aroundRevenue, backlogRevenue),
                        aroundRevenue, backlogRevenue, revenue.fromOpenPipeline()),
                eventualOpportunities, eventualWins, slaBreachRate, recycled, Json.orNull(meanResponseHours),
                Json.orNull(repUtilisation),
                new SimulationJson.Histogram(histogram.binWidth(), histogram.binsBelowQuota(),
                        histogram.lastBinOpen(), trialsPerBin),
                new SimulationJson.ReverseFunnel(expectedLeads, referenceResponseHours(), reverseFunnelWins(),
                        reverseFunnelRevenue(),
                        Json.orNull(perWon > 0 ? Math.max(0, scenario.quota() - pipelineMean) / perWon : Double.NaN)),
                new SimulationJson.CrossCheck(calibration.paths().fromStore() ? "paths" : "stages",
                        pathsWinsPerLead(), scoreWinsPerLead(), scenario.policy().labelHorizonDays(),
                        calibration.scores().provenance().source().wireName(),
                        Json.orNull(pathsWinsWithinHorizonPerLead()),
                        calibration.atArrival().known() ? SimulationJson.ScoreAtArrival.of(calibration.atArrival())
                                : null),
                new SimulationJson.Assumptions(scenarioJson(), calibration.json(),
                        new SimulationJson.ModelAssumptions(mqlShare, meanLift, cappedShare)));
    }

    private SimulationJson.ScenarioAssumptions scenarioJson() {
        RepCapacity c = scenario.capacity();
        List<String> days = new TreeSet<>(scenario.workWeek().days()).stream()
                .map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
        return new SimulationJson.ScenarioAssumptions(scenario.periodDays(),
                scenario.start() == null ? null : scenario.start().toString(), scenario.threshold(),
                scenario.slaHours(), scenario.policy().recycleAfterDays(), scenario.leadsPerWeek(),
                c.unlimited() ? null : c.reps(), c.unlimited() ? null : c.firstTouchesPerRepPerDay(),
                c.unlimited(), days, scenario.workWeek().openHour(), scenario.workWeek().closeHour(),
                scenario.responseSpread(), "scenario");
    }

    /** The result for a terminal: headline, revenue percentiles, the expected funnel, SLA and capacity, sources. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Quota simulation: %d days%s, %,d trials, seed %d%n",
                scenario.periodDays(), scenario.start() == null ? "" : " from " + scenario.start(),
                options.trials(), options.seed()));
        out.append(String.format(Locale.ROOT, "Threshold %s, SLA %s h, %s leads/week, %s%n%n",
                Numbers.threshold(scenario.threshold()), Numbers.fixed(scenario.slaHours(), scenario.slaHours() % 1 == 0 ? 0 : 1),
                Numbers.count(scenario.leadsPerWeek()), capacityText()));
        out.append(String.format(Locale.ROOT, "Chance of reaching quota %s: %s%s%n", Numbers.amount(scenario.quota()),
                Numbers.percent(pAttain),
                Double.isNaN(pAttainStandardError) ? "" : " (+/- " + Numbers.percent(pAttainStandardError) + ")"));
        out.append(String.format(Locale.ROOT, "Revenue: mean %s%s, P10 %s, P50 %s, P90 %s%n",
                Numbers.amount(revenue.mean()),
                Double.isNaN(revenue.meanStandardError()) ? "" : " (+/- " + Numbers.amount(revenue.meanStandardError()) + ")",
                Numbers.amount(revenue.p10()), Numbers.amount(revenue.p50()), Numbers.amount(revenue.p90())));
        if (revenue.fromOpenPipeline() > 0) {
            out.append("  of which from the open pipeline: ").append(Numbers.amount(revenue.fromOpenPipeline())).append('\n');
        }
        out.append('\n');
        TextTable funnel = new TextTable("expected per period", "count", "conversion");
        funnel.row("leads", Numbers.count(leads), "");
        funnel.row("MQLs", Numbers.count(mqls), ratio(mqls, leads) + " of leads");
        funnel.row("SALs", Numbers.count(sals), ratio(sals, mqls) + " of MQLs");
        funnel.row("SQLs", Numbers.count(sqls), ratio(sqls, sals) + " of SALs");
        double handoffOpportunities = remainder(opportunities, aroundOpportunities, backlogOpportunities);
        // opportunities of other paths (around the hand-off, earlier leads) are no share of this period's SQLs
        funnel.row("opportunities", Numbers.count(opportunities), aroundOpportunities + backlogOpportunities > 0
                ? Numbers.count(handoffOpportunities) + " through the hand-off (" + ratio(handoffOpportunities, sqls)
                        + " of SQLs), " + Numbers.count(aroundOpportunities + backlogOpportunities) + " by other paths"
                : ratio(opportunities, sqls) + " of SQLs");
        funnel.row("wins", Numbers.count(wins), pipelineWins > 0
                ? "closed in the period, incl. " + Numbers.count(pipelineWins) + " from open pipeline"
                : "closed in the period");
        out.append(funnel.render()).append('\n');
        // the sentences after the funnel wrap at the width of a terminal, as the assumptions table does
        StringBuilder prose = new StringBuilder();
        if (calibration.paths().fromStore()) {
            prose.append(String.format(Locale.ROOT, "Wins by path: %s through the hand-off (this period's MQLs), %s around it"
                            + " (this period's leads sales took without one), %s from leads created before the period,"
                            + " %s from deals already open%n",
                    Numbers.count(winsThroughHandoff()), Numbers.count(aroundWins), Numbers.count(backlogWins),
                    Numbers.count(pipelineWins)));
        }
        prose.append(String.format(Locale.ROOT, "SLA breach rate %s, recycled MQLs %s, mean response %s, rep utilisation %s%n",
                Numbers.percent(slaBreachRate), Numbers.count(recycled),
                Double.isNaN(meanResponseHours) ? "n/a" : Numbers.fixed(meanResponseHours, 1) + " h",
                Double.isNaN(repUtilisation) ? "n/a (unlimited)" : Numbers.percent(repUtilisation)));
        prose.append(String.format(Locale.ROOT,
                "This period's touched MQLs, whenever their deals open and close: %s opportunities (%s of SQLs), "
                        + "%s wins (%s of opportunities); %s of the wins close after the period%n",
                Numbers.count(eventualOpportunities), ratio(eventualOpportunities, sqls), Numbers.count(eventualWins),
                ratio(eventualWins, eventualOpportunities),
                // the same MQLs' wins inside the period are the hand-off's (not the wins around it or from before)
                Numbers.count(Math.max(0, eventualWins - winsThroughHandoff()))));
        prose.append(String.format(Locale.ROOT,
                "Reverse-funnel calculator (stage rates at a %s h first response; no timing, capacity or variance): "
                        + "%s wins, %s revenue; simulated at this run's response times%s: %s wins whenever they close%n",
                Numbers.hours(referenceResponseHours()),
                Numbers.count(reverseFunnelWins()), Numbers.amount(reverseFunnelRevenue()),
                Double.isNaN(meanResponseHours) ? "" : " (mean " + Numbers.fixed(meanResponseHours, 1) + " h)",
                Numbers.count(eventualWins)));
        prose.append(crossCheckLine());
        if (cappedShare > 0) {
            prose.append(String.format(Locale.ROOT,
                    "Note: for %s of MQLs the score lift would push a stage rate above 1 and is capped; "
                            + "the stage rates and scores disagree%n", Numbers.percent(cappedShare)));
        }
        out.append(wrap(prose.toString(), PROSE_WIDTH));
        out.append('\n');
        // the notes are long: the detail column wraps, so the table stays as wide as a terminal
        TextTable sources = new TextTable("assumption", "source", "detail").align("lll")
                .wrap(0, ASSUMPTION_LABEL_WIDTH).wrap(2, ASSUMPTION_DETAIL_WIDTH);
        java.util.List<StageRate> rates = calibration.rates().inOrder();
        String reference = Numbers.hours(referenceResponseHours());
        for (int i = 0; i < rates.size(); i++) {
            Provenance p = rates.get(i).provenance();
            sources.row(FunnelRates.STAGE_NAMES.get(i) + " " + Numbers.percent(rates.get(i).mean())
                    + (i == 0 ? " at " + reference + " h" : ""), p.source().wireName(), p.note());
        }
        sources.row("score distribution", calibration.scores().provenance().source().wireName(),
                calibration.scores().provenance().note());
        sources.row("conversion by score", calibration.conversion().provenance().source().wireName(),
                calibration.conversion().provenance().note());
        sources.row(String.format(Locale.ROOT, "response decay tau %.2g h, k %.2g, reference %s h",
                calibration.responseDecay().tauHours(), calibration.responseDecay().k(), reference), calibration.responseDecay().provenance().source().wireName(),
                calibration.responseDecay().provenance().note());
        sources.row("arrivals", calibration.arrivals().provenance().source().wireName(),
                calibration.arrivals().provenance().note() + (calibration.arrivals().levelSd() > 0
                        ? "; volume level error " + calibration.arrivals().levelNote() : ""));
        sources.row("deal size mean " + Numbers.amount(calibration.dealSize().mean()),
                calibration.dealSize().provenance().source().wireName(), calibration.dealSize().provenance().note());
        sources.row(String.format(Locale.ROOT, "qualification lag median %.1f d", calibration.qualificationLag().median()),
                calibration.qualificationLag().provenance().source().wireName(),
                calibration.qualificationLag().provenance().note());
        sources.row(String.format(Locale.ROOT, "sales cycle median %.1f d", calibration.salesCycle().median()),
                calibration.salesCycle().provenance().source().wireName(), calibration.salesCycle().provenance().note());
        DealPaths paths = calibration.paths();
        sources.row(paths.fromStore() ? "deal paths" : "deal paths: hand-off only",
                paths.fromStore() ? Source.STORE.wireName() : Source.DEFAULT.wireName(), paths.summary());
        if (paths.fromStore()) {
            WinLevel winLevel = paths.winLevel();
            sources.row("deal level error " + Numbers.percent(winLevel.sd()),
                    (winLevel.measured() ? Source.STORE : Source.DEFAULT).wireName(), winLevel.note());
            sources.row("MQLs worked " + Numbers.percent(paths.worked().mean()), paths.worked().provenance().source().wireName(),
                    paths.worked().provenance().note());
            sources.row(String.format(Locale.ROOT, "around the hand-off: %s won, mean deal %s",
                            Numbers.percent(paths.aroundCourse().winShare()),
                            Numbers.amount(paths.aroundCourse().meanWonAmount())), Source.STORE.wireName(),
                    paths.aroundCourse().provenance().note());
        }
        sources.row("open pipeline " + calibration.openPipeline().size(),
                calibration.pipelineProvenance().source().wireName(), calibration.pipelineProvenance().note());
        out.append(sources.render());
        return out.toString();
    }

    /** {@link RevenueHistogram#render(int)} with a title line. */
    public String histogramText(int width) {
        return "Revenue per period over " + String.format(Locale.ROOT, "%,d", options.trials()) + " trials (trials per band)\n"
                + histogram.render(width);
    }

    private String capacityText() {
        RepCapacity c = scenario.capacity();
        if (c.unlimited()) {
            return "unlimited rep capacity";
        }
        return c.reps() + " reps x " + Numbers.fixed(c.firstTouchesPerRepPerDay(), c.firstTouchesPerRepPerDay() % 1 == 0 ? 0 : 1)
                + " first touches/day";
    }

    private static String ratio(double part, double whole) {
        return whole > 0 ? Numbers.percent(part / whole) : "n/a";
    }
}

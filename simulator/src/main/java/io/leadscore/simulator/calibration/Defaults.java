package io.leadscore.simulator.calibration;

import io.leadscore.scoring.policy.Policy;

/**
 * The built-in inputs used when the store has nothing better, each with the
 * figure it rests on. The sources (see DOMAIN.md and docs/simulator.md):
 * <ul>
 *   <li>Stage conversion ranges quoted for B2B in third-party summaries of the
 *       SiriusDecisions demand waterfall and agency benchmarks: Inquiry→MQL
 *       10–25%, MQL→SAL 40–60%, SAL→SQL 50–70%, SQL→Opportunity 45–75%,
 *       Opportunity→Won 15–30%. Forrester itself warns no benchmark fits every
 *       company. Each range is read as the 10th–90th percentile of a Beta.
 *       The ranges were observed at real-world response times, so MQL→SAL is
 *       read as the rate for a first touch 42 hours after the MQL: the
 *       average first response of the firms that responded in Oldroyd,
 *       McElheran and Elkington ("The Short Life of Online Sales Leads", HBR,
 *       March 2011; 2,241 companies).</li>
 *   <li>Sales ignores a large share of marketing leads: "the 70% of leads …
 *       that sales representatives do not pursue" (Sabnis, Chatterjee, Grewal
 *       and Lilien, "The Sales Lead Black Hole", Journal of Marketing, 2013).
 *       Here that shows up as MQL→SAL well below 1 and as MQLs recycled when
 *       nobody touches them.</li>
 *   <li>Response decay m(t) = (1 + t/τ)^(−k) with τ = 30 min and k = 0.72,
 *       the fit to a vendor lead-response table of 10,000 leads; compare
 *       Oldroyd, McElheran and Elkington (HBR, 2011) and the MIT/InsideSales
 *       Lead Response Management study (2007). It scales the odds of
 *       acceptance relative to the reference response time (see
 *       {@link ResponseDecay}).</li>
 *   <li>Sales cycles of won deals: SMB 14–30 days, mid-market 30–90,
 *       enterprise 90–180+; the default is mid-market, 30–90 days as P10–P90
 *       of a lognormal.</li>
 *   <li>Deal sizes right-skewed, lognormal per segment: the shape is the usual
 *       model; the scale (median 20,000) is illustrative only.</li>
 * </ul>
 * Numbers without a published source are marked as assumptions in their
 * provenance notes.
 */
public final class Defaults {

    /**
     * The log standard deviation of a quarter's lead volume around a forecast from the 26 weeks before it, when
     * the history is too short to measure it: an assumption (B2B volume swings with season and campaigns by
     * about this much; a store with a year of leads measures its own).
     */
    public static final double LEVEL_ERROR = 0.15;

    /** The threshold the default stage rates describe: the default MQL policy. */
    public static final double REFERENCE_THRESHOLD = Policy.DEFAULT_MQL_THRESHOLD;
    /** Share of leads reaching the default threshold: midpoint of Inquiry→MQL 10–25%. */
    public static final double DEFAULT_MQL_SHARE = 0.175;
    /** Beta(1, b) score density, decreasing: most leads are poor fits (assumption); b sets the MQL share. */
    public static final double SCORE_ALPHA = 1.0;
    /** b with P(score &ge; 0.10) = 0.9^b = 0.175. */
    public static final double SCORE_BETA = Math.log(DEFAULT_MQL_SHARE) / Math.log(1 - REFERENCE_THRESHOLD);
    public static final double RESPONSE_TAU_HOURS = 0.5;
    public static final double RESPONSE_K = 0.72;
    /**
     * The response time at which the quoted stage rates hold: 42 hours, the average first response of the
     * firms that responded at all in HBR 2011 (Oldroyd, McElheran, Elkington). The quoted waterfall ranges
     * describe firms of that era and practice, not firms touching every lead at once.
     */
    public static final double RESPONSE_REFERENCE_HOURS = 42;
    public static final double SALES_CYCLE_P10_DAYS = 30;
    public static final double SALES_CYCLE_P90_DAYS = 90;
    public static final double QUALIFICATION_LAG_P10_DAYS = 1;
    public static final double QUALIFICATION_LAG_P90_DAYS = 21;
    public static final double DEAL_SIZE_MEDIAN = 20_000;
    public static final double DEAL_SIZE_SIGMA = 0.9;

    private static final String WATERFALL = "SiriusDecisions demand waterfall ranges via third-party summaries, "
            + "read as P10-P90";

    private Defaults() {
    }

    public static FunnelRates funnelRates() {
        return new FunnelRates(
                StageRate.fromRange(0.40, 0.60, "MQL->SAL 40-60% (" + WATERFALL
                        + "; cf. Sabnis et al. 2013, 70% of leads not pursued), taken to hold at a first touch 42 h "
                        + "after the MQL, the average first response in HBR 2011 (Oldroyd et al.)"),
                StageRate.fromRange(0.50, 0.70, "SAL->SQL 50-70% (" + WATERFALL + ")"),
                StageRate.fromRange(0.45, 0.75, "SQL->Opportunity 45-75% (" + WATERFALL + ")"),
                StageRate.fromRange(0.15, 0.30, "Opportunity->Won 15-30% (" + WATERFALL + ")"));
    }

    public static ScoreDistribution scoreDistribution() {
        return ScoreDistribution.beta(SCORE_ALPHA, SCORE_BETA, Provenance.byDefault(String.format(java.util.Locale.ROOT,
                "Beta(1, %.2f): 17.5%% of leads at or above 0.10, the midpoint of Inquiry->MQL 10-25%%; "
                        + "decreasing density is an assumption", SCORE_BETA)));
    }

    public static ConversionByScore conversionByScore() {
        return ConversionByScore.fromScores(scoreDistribution(), Provenance.byDefault(
                "a lead's calibrated score is its chance of winning, so conversion rises in proportion to the score"));
    }

    public static ResponseDecay responseDecay() {
        return new ResponseDecay(RESPONSE_TAU_HOURS, RESPONSE_K, RESPONSE_REFERENCE_HOURS, Provenance.byDefault(
                "tau 30 min, k 0.72: fit to a vendor lead-response table of 10,000 leads; "
                        + "HBR 2011 (Oldroyd et al.) and MIT/InsideSales 2007 report steeper decay; "
                        + "scales the odds of acceptance relative to a reference first touch (by default 42 h, HBR 2011's average first response), "
                        + "so touches faster than that gain and slower ones lose"));
    }

    public static LogNormalDays salesCycle() {
        return LogNormalDays.fromP10P90(SALES_CYCLE_P10_DAYS, SALES_CYCLE_P90_DAYS, Provenance.byDefault(
                "mid-market sales cycle 30-90 days as P10-P90 of a lognormal (won deals; SMB 14-30, enterprise 90-180+)"));
    }

    public static LogNormalDays qualificationLag() {
        return LogNormalDays.fromP10P90(QUALIFICATION_LAG_P10_DAYS, QUALIFICATION_LAG_P90_DAYS, Provenance.byDefault(
                "first touch to opportunity 1-21 days as P10-P90 of a lognormal: an assumption, no published benchmark"));
    }

    public static DealSizeModel dealSize() {
        return LogNormalDealSize.ofMedian(DEAL_SIZE_MEDIAN, DEAL_SIZE_SIGMA, Provenance.byDefault(
                "lognormal (right-skewed deal sizes); median 20,000 and sigma 0.9 are illustrative, calibrate from won amounts"));
    }

    public static ArrivalPattern arrivals() {
        return ArrivalPattern.poisson(Provenance.byDefault(
                "Poisson daily arrivals, the same on every day of the week, no seasonality: an assumption"));
    }
}

package io.leadscore.simulator.calibration;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Arrays;
import java.util.List;

/**
 * A calibration's parameters and where each came from, as the members of the
 * {@code assumptions} object of a simulation's JSON (docs/cli.md). Every
 * parameter object carries its {@link Sourced provenance} members
 * ({@code source}, {@code count} for figures from the store, {@code note}).
 */
public record CalibrationJson(@JsonProperty("reference_threshold") double referenceThreshold,
                              @JsonProperty("stage_rates") StageRates stageRates,
                              @JsonProperty("score_distribution") Scores scoreDistribution,
                              @JsonProperty("conversion_by_score") Conversion conversionByScore,
                              @JsonProperty("response_decay") Decay responseDecay,
                              Arrivals arrivals,
                              @JsonProperty("deal_size") DealSize dealSize,
                              @JsonProperty("qualification_lag_days") Duration qualificationLagDays,
                              @JsonProperty("sales_cycle_days") Duration salesCycleDays,
                              Paths paths,
                              @JsonProperty("open_pipeline") Pipeline openPipeline) {

    /** Where a figure came from: {@code count} only for figures counted in the store. */
    public record Sourced(String source,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long count,
                          String note) {
        static Sourced of(Provenance p) {
            return new Sourced(p.source().wireName(), p.source() == Source.STORE ? p.count() : null, p.note());
        }
    }

    /** The four stage rates, in funnel order, and their product. */
    public record StageRates(@JsonProperty("mql_to_sal") Rate mqlToSal,
                             @JsonProperty("sal_to_sql") Rate salToSql,
                             @JsonProperty("sql_to_opportunity") Rate sqlToOpportunity,
                             @JsonProperty("opportunity_to_won") Rate opportunityToWon,
                             @JsonProperty("mql_to_won") double mqlToWon) {
    }

    /** One stage rate: a fixed value has no beta parameters. */
    public record Rate(double mean,
                       @JsonProperty("standard_deviation") double standardDeviation,
                       @JsonProperty("beta_alpha") Double betaAlpha,
                       @JsonProperty("beta_beta") Double betaBeta,
                       @JsonUnwrapped Sourced provenance) {
        static Rate of(StageRate r) {
            return new Rate(r.mean(), r.standardDeviation(), r.isFixed() ? null : r.alpha(),
                    r.isFixed() ? null : r.beta(), Sourced.of(r.provenance()));
        }
    }

    /** The score distribution of new leads. */
    public record Scores(@JsonProperty("share_at_or_above_reference") double shareAtOrAboveReference,
                         @JsonProperty("mean_score") double meanScore,
                         @JsonUnwrapped Sourced provenance) {
    }

    /** How the scores' conversion compares with what the store observed; {@code null} when unknown. */
    public record Conversion(@JsonProperty("observed_to_expected") Double observedToExpected,
                             @JsonUnwrapped Sourced provenance) {
    }

    /** The decay of MQL→SAL with the response time. */
    public record Decay(@JsonProperty("tau_hours") double tauHours,
                        double k,
                        @JsonProperty("reference_hours") double referenceHours,
                        @JsonUnwrapped Sourced provenance) {
    }

    /** The arrival model; {@code monthly_seasonality} is {@code null} without seasonality. */
    public record Arrivals(String model,
                           @JsonProperty("level_error") double levelError,
                           Double dispersion,
                           @JsonProperty("observed_leads_per_week") Double observedLeadsPerWeek,
                           @JsonProperty("weekday_weights") List<Double> weekdayWeights,
                           @JsonProperty("hour_weights") List<Double> hourWeights,
                           @JsonProperty("monthly_seasonality") List<Double> monthlySeasonality,
                           @JsonUnwrapped Sourced provenance) {
    }

    /** The deal-size model: {@code mu} and {@code sigma} for a lognormal, {@code amounts} for a bootstrap. */
    public record DealSize(String model,
                           double mean,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double mu,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double sigma,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer amounts,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double median,
                           @JsonUnwrapped Sourced provenance) {
    }

    /** A lognormal duration in days. */
    public record Duration(String model,
                           double mu,
                           double sigma,
                           double median,
                           double mean,
                           @JsonUnwrapped Sourced provenance) {
        static Duration of(LogNormalDays d) {
            return new Duration("lognormal", d.mu(), d.sigma(), d.median(), d.mean(), Sourced.of(d.provenance()));
        }
    }

    /** The deal paths; the path figures only when calibrated from a store history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Paths(String model,
                        Long leads,
                        @JsonProperty("handoff_share") Double handoffShare,
                        @JsonProperty("handoff_deals_per_lead") Double handoffDealsPerLead,
                        @JsonProperty("around_deals_per_lead") Double aroundDealsPerLead,
                        @JsonProperty("handoff_win_share") Double handoffWinShare,
                        @JsonProperty("around_win_share") Double aroundWinShare,
                        @JsonProperty("around_mean_deal_size") Double aroundMeanDealSize,
                        @JsonProperty("backlog_leads") Long backlogLeads,
                        @JsonProperty("window_days") Integer windowDays,
                        @JsonProperty("deal_level_error") Double dealLevelError,
                        @JsonProperty("worked_share") double workedShare,
                        @JsonUnwrapped Sourced provenance) {
    }

    /** The deals already open at the start of the period. */
    public record Pipeline(int opportunities,
                           @JsonProperty("with_amount") int withAmount,
                           @JsonProperty("known_amount") double knownAmount,
                           @JsonUnwrapped Sourced provenance) {
    }

    static List<Double> figures(double[] values) {
        return values == null ? null : Arrays.stream(values).boxed().toList();
    }
}

package io.leadscore.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.simulator.calibration.CalibrationJson;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The document of {@code simulate --format json} and of the what-if API's
 * simulation (docs/cli.md): member names in snake case, in this order; an
 * undefined figure is {@code null}.
 */
public record SimulationJson(int trials,
                             long seed,
                             double quota,
                             @JsonProperty("p_attain") double pAttain,
                             @JsonProperty("p_attain_standard_error") Double pAttainStandardError,
                             Revenue revenue,
                             double leads,
                             double mqls,
                             double sals,
                             double sqls,
                             double opportunities,
                             double wins,
                             @JsonProperty("wins_from_open_pipeline") double winsFromOpenPipeline,
                             @JsonProperty("opportunities_by_path") OpportunitiesByPath opportunitiesByPath,
                             @JsonProperty("wins_by_path") AmountsByPath winsByPath,
                             @JsonProperty("revenue_by_path") AmountsByPath revenueByPath,
                             @JsonProperty("eventual_opportunities") double eventualOpportunities,
                             @JsonProperty("eventual_wins") double eventualWins,
                             @JsonProperty("sla_breach_rate") double slaBreachRate,
                             @JsonProperty("recycled_mqls") double recycledMqls,
                             @JsonProperty("mean_response_hours") Double meanResponseHours,
                             @JsonProperty("rep_utilisation") Double repUtilisation,
                             Histogram histogram,
                             @JsonProperty("reverse_funnel") ReverseFunnel reverseFunnel,
                             @JsonProperty("cross_check") CrossCheck crossCheck,
                             Assumptions assumptions) {

    /** Revenue per period over the trials. */
    public record Revenue(double mean,
                          double p10,
                          double p50,
                          double p90,
                          @JsonProperty("standard_deviation") double standardDeviation,
                          @JsonProperty("mean_standard_error") Double meanStandardError,
                          @JsonProperty("from_open_pipeline") double fromOpenPipeline) {
    }

    /** Expected opportunities opened in the period, by the path that opened them. */
    public record OpportunitiesByPath(double handoff,
                                      @JsonProperty("around_handoff") double aroundHandoff,
                                      double backlog) {
    }

    /** Expected wins (or their revenue) closed in the period, by path. */
    public record AmountsByPath(double handoff,
                                @JsonProperty("around_handoff") double aroundHandoff,
                                double backlog,
                                @JsonProperty("open_pipeline") double openPipeline) {
    }

    /** The revenue histogram with the quota on a bin edge. */
    public record Histogram(@JsonProperty("bin_width") double binWidth,
                            @JsonProperty("bins_below_quota") int binsBelowQuota,
                            @JsonProperty("last_bin_open") boolean lastBinOpen,
                            @JsonProperty("trials_per_bin") List<Long> trialsPerBin) {
        public Histogram {
            trialsPerBin = List.copyOf(trialsPerBin);
        }
    }

    /** The reverse-funnel calculator's figures for the same scenario. */
    public record ReverseFunnel(@JsonProperty("expected_leads") double expectedLeads,
                                @JsonProperty("reference_response_hours") double referenceResponseHours,
                                double wins,
                                double revenue,
                                @JsonProperty("required_leads") Double requiredLeads) {
    }

    /** Wins per new lead by the simulator's decomposition and by the scores. */
    public record CrossCheck(String decomposition,
                             @JsonProperty("paths_wins_per_lead") double pathsWinsPerLead,
                             @JsonProperty("score_wins_per_lead") double scoreWinsPerLead,
                             @JsonProperty("score_horizon_days") int scoreHorizonDays,
                             @JsonProperty("score_source") String scoreSource,
                             @JsonProperty("paths_wins_within_horizon_per_lead") Double pathsWinsWithinHorizonPerLead,
                             @JsonProperty("score_at_arrival") ScoreAtArrival scoreAtArrival) {
    }

    /** The champion's score of new leads read directly: the youngest age band of its out-of-time validation. */
    public record ScoreAtArrival(String band,
                                 int snapshots,
                                 @JsonProperty("mean_score") double meanScore,
                                 @JsonProperty("observed_rate") double observedRate) {

        static ScoreAtArrival of(io.leadscore.simulator.calibration.ScoreAtArrival a) {
            return new ScoreAtArrival(a.band(), a.snapshots(), a.meanScore(), a.observedRate());
        }
    }

    /** Every assumption of the run: the scenario, the calibration's parameters with their sources, the model's shares. */
    public record Assumptions(ScenarioAssumptions scenario,
                              @JsonUnwrapped CalibrationJson calibration,
                              ModelAssumptions model) {
    }

    /** The scenario as it was run; {@code reps} and the touches per rep are {@code null} with unlimited capacity. */
    public record ScenarioAssumptions(@JsonProperty("period_days") int periodDays,
                                      String start,
                                      double threshold,
                                      @JsonProperty("sla_hours") double slaHours,
                                      @JsonProperty("recycle_after_days") int recycleAfterDays,
                                      @JsonProperty("leads_per_week") double leadsPerWeek,
                                      Integer reps,
                                      @JsonProperty("first_touches_per_rep_per_day") Double firstTouchesPerRepPerDay,
                                      @JsonProperty("capacity_unlimited") boolean capacityUnlimited,
                                      @JsonProperty("working_days") List<String> workingDays,
                                      @JsonProperty("working_hours_open") double workingHoursOpen,
                                      @JsonProperty("working_hours_close") double workingHoursClose,
                                      @JsonProperty("response_spread") double responseSpread,
                                      String source) {
        public ScenarioAssumptions {
            workingDays = List.copyOf(workingDays);
        }
    }

    /** What the model derived from the scenario and calibration. */
    public record ModelAssumptions(@JsonProperty("mql_share") double mqlShare,
                                   @JsonProperty("mean_score_lift") double meanScoreLift,
                                   @JsonProperty("capped_mql_share") double cappedMqlShare) {
    }
}

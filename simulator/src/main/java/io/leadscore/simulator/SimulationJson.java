package io.leadscore.simulator;

import io.leadscore.simulator.calibration.CalibrationJson;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The document of {@code simulate --format json} and of the what-if API's
 * simulation (docs/cli.md): member names in snake case, in this order; an
 * undefined figure is {@code null}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulationJson(int trials, long seed, double quota, double pAttain, Double pAttainStandardError,
                             Revenue revenue, double leads, double mqls, double sals, double sqls,
                             double opportunities, double wins, double winsFromOpenPipeline,
                             OpportunitiesByPath opportunitiesByPath, AmountsByPath winsByPath,
                             AmountsByPath revenueByPath, double eventualOpportunities, double eventualWins,
                             double slaBreachRate, double recycledMqls, Double meanResponseHours,
                             Double repUtilisation, Histogram histogram, ReverseFunnel reverseFunnel,
                             CrossCheck crossCheck, Assumptions assumptions) {

    /** Revenue per period over the trials. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Revenue(double mean, double p10, double p50, double p90, double standardDeviation,
                          Double meanStandardError, double fromOpenPipeline) {
    }

    /** Expected opportunities opened in the period, by the path that opened them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OpportunitiesByPath(double handoff, double aroundHandoff, double backlog) {
    }

    /** Expected wins (or their revenue) closed in the period, by path. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AmountsByPath(double handoff, double aroundHandoff, double backlog, double openPipeline) {
    }

    /** The revenue histogram with the quota on a bin edge. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Histogram(double binWidth, int binsBelowQuota, boolean lastBinOpen, List<Long> trialsPerBin) {
        public Histogram {
            trialsPerBin = List.copyOf(trialsPerBin);
        }
    }

    /** The reverse-funnel calculator's figures for the same scenario. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReverseFunnel(double expectedLeads, double referenceResponseHours, double wins, double revenue,
                                Double requiredLeads) {
    }

    /** Wins per new lead by the simulator's decomposition and by the scores. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CrossCheck(String decomposition, double pathsWinsPerLead, double scoreWinsPerLead,
                             int scoreHorizonDays, String scoreSource) {
    }

    /** Every assumption of the run: the scenario, the calibration's parameters with their sources, the model's shares. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Assumptions(ScenarioAssumptions scenario, @JsonUnwrapped CalibrationJson calibration,
                              ModelAssumptions model) {
    }

    /** The scenario as it was run; {@code reps} and the touches per rep are {@code null} with unlimited capacity. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ScenarioAssumptions(int periodDays, String start, double threshold, double slaHours,
                                      int recycleAfterDays, double leadsPerWeek, Integer reps,
                                      Double firstTouchesPerRepPerDay, boolean capacityUnlimited,
                                      List<String> workingDays, double workingHoursOpen, double workingHoursClose,
                                      double responseSpread, String source) {
        public ScenarioAssumptions {
            workingDays = List.copyOf(workingDays);
        }
    }

    /** What the model derived from the scenario and calibration. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ModelAssumptions(double mqlShare, double meanScoreLift, double cappedMqlShare) {
    }
}

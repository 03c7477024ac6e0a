package io.leadscore.simulator.calibration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A calibration's parameters and where each came from, as the members of the
 * {@code assumptions} object of a simulation's JSON (docs/cli.md). Every
 * parameter object carries its {@link Sourced provenance} members
 * ({@code source}, {@code count} for figures from the store, {@code note}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CalibrationJson(double referenceThreshold, StageRates stageRates, Scores scoreDistribution,
                              Conversion conversionByScore, Decay responseDecay, Arrivals arrivals,
                              DealSize dealSize, Duration qualificationLagDays, Duration salesCycleDays,
                              Paths paths, Pipeline openPipeline) {

    /** Where a figure came from: {@code count} only for figures counted in the store. */
    public record Sourced(String source, @JsonInclude(JsonInclude.Include.NON_NULL) Long count, String note) {
        static Sourced of(Provenance p) {
            return new Sourced(p.source().wireName(), p.source() == Source.STORE ? p.count() : null, p.note());
        }
    }

    /** The four stage rates, in funnel order, and their product. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StageRates(Rate mqlToSal, Rate salToSql, Rate sqlToOpportunity, Rate opportunityToWon,
                             double mqlToWon) {
    }

    /** One stage rate: a fixed value has no beta parameters. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rate(double mean, double standardDeviation, Double betaAlpha, Double betaBeta,
                       @JsonUnwrapped Sourced provenance) {
        static Rate of(StageRate r) {
            return new Rate(r.mean(), r.standardDeviation(), r.isFixed() ? null : r.alpha(),
                    r.isFixed() ? null : r.beta(), Sourced.of(r.provenance()));
        }
    }

    /** The score distribution of new leads. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Scores(double shareAtOrAboveReference, double meanScore, @JsonUnwrapped Sourced provenance) {
    }

    /** How the scores' conversion compares with what the store observed; {@code null} when unknown. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Conversion(Double observedToExpected, @JsonUnwrapped Sourced provenance) {
    }

    /** The decay of MQL→SAL with the response time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Decay(double tauHours, double k, double referenceHours, @JsonUnwrapped Sourced provenance) {
    }

    /** The arrival model; {@code monthly_seasonality} is {@code null} without seasonality. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Arrivals(String model, double levelError, Double dispersion, Double observedLeadsPerWeek,
                           List<Double> weekdayWeights, List<Double> hourWeights, List<Double> monthlySeasonality,
                           @JsonUnwrapped Sourced provenance) {
    }

    /** The deal-size model: {@code mu} and {@code sigma} for a lognormal, {@code amounts} for a bootstrap. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DealSize(String model, double mean,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double mu,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double sigma,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer amounts,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double median,
                           @JsonUnwrapped Sourced provenance) {
    }

    /** A lognormal duration in days. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Duration(String model, double mu, double sigma, double median, double mean,
                           @JsonUnwrapped Sourced provenance) {
        static Duration of(LogNormalDays d) {
            return new Duration("lognormal", d.mu(), d.sigma(), d.median(), d.mean(), Sourced.of(d.provenance()));
        }
    }

    /** The deal paths; the path figures only when calibrated from a store history. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Paths(String model, Long leads, Double handoffShare, Double handoffDealsPerLead,
                        Double aroundDealsPerLead, Double handoffWinShare, Double aroundWinShare,
                        Double aroundMeanDealSize, Long backlogLeads, Integer windowDays, double workedShare,
                        @JsonUnwrapped Sourced provenance) {
    }

    /** The deals already open at the start of the period. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pipeline(int opportunities, int withAmount, double knownAmount,
                           @JsonUnwrapped Sourced provenance) {
    }

    static List<Double> figures(double[] values) {
        return values == null ? null : Arrays.stream(values).boxed().toList();
    }
}

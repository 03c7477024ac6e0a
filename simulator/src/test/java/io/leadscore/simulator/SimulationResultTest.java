package io.leadscore.simulator;

import static io.leadscore.simulator.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.calibration.Calibration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulationResultTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SimulationResult RESULT = Simulator.run(Scenario.defaults(), Calibration.defaults(), options(800));

    @Test
    void jsonCarriesTheContractKeysWithFiniteNumbers() {
        JsonNode json = JSON.readTree(RESULT.toJson());
        // The CLI contract (docs/cli.md): these keys, with these meanings.
        assertThat(json.propertyNames()).contains("trials", "quota", "p_attain", "revenue", "leads", "mqls", "sals",
                "sqls", "opportunities", "wins", "sla_breach_rate");
        assertThat(json.get("trials").asInt()).isEqualTo(800);
        assertThat(json.get("quota").asDouble()).isEqualTo(Scenario.DEFAULT_QUOTA);
        assertThat(json.get("p_attain").asDouble()).isEqualTo(RESULT.pAttain());
        JsonNode revenue = json.get("revenue");
        assertThat(revenue.propertyNames()).contains("mean", "p10", "p50", "p90", "mean_standard_error");
        assertThat(revenue.get("p10").asDouble()).isLessThanOrEqualTo(revenue.get("p50").asDouble());
        assertThat(revenue.get("p50").asDouble()).isLessThanOrEqualTo(revenue.get("p90").asDouble());
        assertThat(json.propertyNames()).contains("p_attain_standard_error", "rep_utilisation", "histogram",
                "assumptions", "reverse_funnel");
        JsonNode assumptions = json.get("assumptions");
        assertThat(assumptions.propertyNames()).contains("scenario", "stage_rates", "score_distribution",
                "conversion_by_score", "response_decay", "arrivals", "deal_size", "qualification_lag_days",
                "sales_cycle_days", "open_pipeline", "model");
        JsonNode mqlToSal = assumptions.get("stage_rates").get("mql_to_sal");
        assertThat(mqlToSal.get("source").asString()).isEqualTo("default");
        assertThat(mqlToSal.has("note")).isTrue();
        assertThat(mqlToSal.has("count")).as("a default has no count").isFalse();
        JsonNode decay = assumptions.get("response_decay");
        assertThat(decay.get("tau_hours").asDouble()).isEqualTo(0.5);
        assertThat(decay.get("k").asDouble()).isEqualTo(0.72);
        assertThat(decay.get("reference_hours").asDouble()).isEqualTo(42.0);
        assertThat(json.get("reverse_funnel").get("reference_response_hours").asDouble()).isEqualTo(42.0);
        assertThat(json.get("reverse_funnel").propertyNames()).contains("expected_leads", "wins", "revenue",
                "required_leads");
        assertThat(json.get("eventual_wins").asDouble()).isEqualTo(RESULT.eventualWins())
                .isGreaterThan(json.get("wins").asDouble());
        assertThat(json.get("eventual_opportunities").asDouble())
                .isGreaterThanOrEqualTo(json.get("opportunities").asDouble());
    }

    @Test
    void storeSourcesCarryTheirCounts() {
        var obs = io.leadscore.simulator.calibration.StoreObservations.builder()
                .stageCounts(new io.leadscore.simulator.calibration.StageCounts(400, 200), null, null, null).build();
        SimulationResult r = Simulator.run(Scenario.defaults(), Calibration.fromObservations(obs), options(20));
        assertThat(r.toJson()).contains("\"source\": \"store\",\n        \"count\": 400");
    }

    @Test
    void histogramPutsTheQuotaOnABinEdge() {
        JsonNode histogram = JSON.readTree(RESULT.toJson()).get("histogram");
        List<Long> counts = histogram.get("trials_per_bin").valueStream().map(JsonNode::asLong).toList();
        int below = histogram.get("bins_below_quota").asInt();
        double total = counts.stream().mapToLong(Long::longValue).sum();
        double reached = counts.subList(below, counts.size()).stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(800);
        assertThat(reached / total).isEqualTo(RESULT.pAttain());
        assertThat(below * histogram.get("bin_width").asDouble()).isCloseTo(Scenario.DEFAULT_QUOTA, within(1e-6));
    }

    @Test
    void terminalHistogramStaysWithinItsWidthAndShowsTheQuota() {
        String text = RESULT.histogram().render(60);
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
        assertThat(text).contains("quota 500,000");
        assertThat(text.lines().filter(l -> l.contains("|")).count()).isEqualTo(RESULT.histogram().bins());
        assertThatThrownBy(() -> RESULT.histogram().render(20)).hasMessageContaining("Invalid histogram width: 20");
    }

    @Test
    void tableShowsTheHeadlineFunnelAndSources() {
        String table = RESULT.toTable();
        assertThat(table).contains("Chance of reaching quota 500,000: ")
                .contains("MQLs").contains("SLA breach rate").contains("rep utilisation")
                .contains("Reverse-funnel calculator (stage rates at a 42 h first response")
                .contains("mql_to_sal 50.0% at 42 h").contains("default")
                .contains("wins close after the period");
    }

    @Test
    void assumptionsTableWrapsItsNotesToATerminalsWidth() {
        String table = RESULT.toTable();
        List<String> lines = table.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("assumption ")).findFirst().orElseThrow());
        List<String> assumptions = lines.subList(header, lines.size());

        // label 32 + source 8 + detail 80 + two gaps of 2: the notes once stretched the rule to 500 characters
        assertThat(assumptions).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(124));
        assertThat(assumptions.get(1)).matches("-{60,124}");
        // the long MQL->SAL note is still there, whole, over several lines
        assertThat(String.join(" ", assumptions).replaceAll(" +", " "))
                .contains("taken to hold at a first touch 42 h after the MQL, the average first response in HBR 2011");
        // counts of 100 or more are whole numbers, smaller ones keep a decimal
        assertThat(table).containsPattern("MQLs +[0-9],[0-9]{3} ").containsPattern("wins +[0-9]+\\.[0-9] ");
    }

    @Test
    void revenuePercentilesInterpolateBetweenTrials() {
        // Type 7 on 0, 10, 20, 30, 40: P10 = 4, P50 = 20, P90 = 36.
        RevenueSummary s = RevenueSummary.of(new double[] {40, 0, 20, 10, 30}, new double[5]);
        assertThat(s.p10()).isCloseTo(4, within(1e-12));
        assertThat(s.p50()).isCloseTo(20, within(1e-12));
        assertThat(s.p90()).isCloseTo(36, within(1e-12));
        assertThat(s.mean()).isEqualTo(20);
    }

    @Test
    void aPathsRemainderIsNeverNegativeAndNotTheRoundingOfTheSums() {
        // the hand-off's share when every deal went around it: sums of trials leave a trace of rounding
        double around = 0.1 + 0.2;
        assertThat(0.3 - around - 0.0).isNegative();
        assertThat(SimulationResult.remainder(0.3, around, 0.0)).isZero();
        assertThat(SimulationResult.remainder(635.3295, 635.3295 + 1e-10, 0)).isZero();
        assertThat(SimulationResult.remainder(10, 4, 5)).isCloseTo(1, within(1e-12));
        assertThat(SimulationResult.remainder(1e-6, 0)).isEqualTo(1e-6);
        assertThat(SimulationResult.remainder(5, 6)).isZero();
    }

    @Test
    void theTablesSentencesWrapAtTheWidthOfATerminal() {
        assertThat(SimulationResult.wrap("one two three four", 9)).isEqualTo("one two\n  three\n  four");
        assertThat(SimulationResult.wrap("short\n\nalso short\n", 100)).isEqualTo("short\n\nalso short\n");
        assertThat(SimulationResult.wrap("a " + "x".repeat(120) + " b", 100)).isEqualTo("a\n  " + "x".repeat(120) + "\n  b");
        // every line of the table view fits 100 columns, the assumptions table's too (its columns wrap)
        assertThat(RESULT.toTable().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
    }
}

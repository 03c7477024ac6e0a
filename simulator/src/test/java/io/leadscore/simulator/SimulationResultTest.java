package io.leadscore.simulator;

import static io.leadscore.simulator.Fixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.text.MiniJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationResultTest {

    private static final SimulationResult RESULT = Simulator.run(Scenario.defaults(), Calibration.defaults(), options(800));

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesTheContractKeysWithFiniteNumbers() {
        Map<String, Object> json = MiniJson.object(RESULT.toJson());
        // The CLI contract (docs/cli.md): these keys, with these meanings.
        assertThat(json).containsKeys("trials", "quota", "p_attain", "revenue", "leads", "mqls", "sals", "sqls",
                "opportunities", "wins", "sla_breach_rate");
        assertThat(json.get("trials")).isEqualTo(800.0);
        assertThat(json.get("quota")).isEqualTo(Scenario.DEFAULT_QUOTA);
        assertThat((double) json.get("p_attain")).isEqualTo(RESULT.pAttain());
        Map<String, Object> revenue = (Map<String, Object>) json.get("revenue");
        assertThat(revenue).containsKeys("mean", "p10", "p50", "p90", "mean_standard_error");
        assertThat((double) revenue.get("p10")).isLessThanOrEqualTo((double) revenue.get("p50"));
        assertThat((double) revenue.get("p50")).isLessThanOrEqualTo((double) revenue.get("p90"));
        assertThat(json).containsKeys("p_attain_standard_error", "rep_utilisation", "histogram", "assumptions", "reverse_funnel");
        Map<String, Object> assumptions = (Map<String, Object>) json.get("assumptions");
        assertThat(assumptions).containsKeys("scenario", "stage_rates", "score_distribution", "conversion_by_score",
                "response_decay", "arrivals", "deal_size", "qualification_lag_days", "sales_cycle_days", "open_pipeline", "model");
        Map<String, Object> mqlToSal = (Map<String, Object>) ((Map<String, Object>) assumptions.get("stage_rates")).get("mql_to_sal");
        assertThat(mqlToSal).containsEntry("source", "default").containsKey("note");
        assertThat(((Map<String, Object>) assumptions.get("response_decay"))).containsEntry("tau_hours", 0.5).containsEntry("k", 0.72)
                .containsEntry("reference_hours", 42.0);
        assertThat((Map<String, Object>) json.get("reverse_funnel")).containsEntry("reference_response_hours", 42.0)
                .containsKeys("expected_leads", "wins", "revenue", "required_leads");
        assertThat((double) json.get("eventual_wins")).isEqualTo(RESULT.eventualWins()).isGreaterThan((double) json.get("wins"));
        assertThat((double) json.get("eventual_opportunities")).isGreaterThanOrEqualTo((double) json.get("opportunities"));
    }

    @Test
    void storeSourcesCarryTheirCounts() {
        var obs = io.leadscore.simulator.calibration.StoreObservations.builder()
                .stageCounts(new io.leadscore.simulator.calibration.StageCounts(400, 200), null, null, null).build();
        SimulationResult r = Simulator.run(Scenario.defaults(), Calibration.fromObservations(obs), options(20));
        assertThat(r.toJson()).contains("\"source\": \"store\",\n        \"count\": 400");
    }

    @Test
    @SuppressWarnings("unchecked")
    void histogramPutsTheQuotaOnABinEdge() {
        Map<String, Object> json = MiniJson.object(RESULT.toJson());
        Map<String, Object> histogram = (Map<String, Object>) json.get("histogram");
        List<Double> counts = (List<Double>) histogram.get("trials_per_bin");
        int below = ((Double) histogram.get("bins_below_quota")).intValue();
        double total = counts.stream().mapToDouble(Double::doubleValue).sum();
        double reached = counts.subList(below, counts.size()).stream().mapToDouble(Double::doubleValue).sum();
        assertThat(total).isEqualTo(800);
        assertThat(reached / total).isEqualTo(RESULT.pAttain());
        assertThat(below * (double) histogram.get("bin_width")).isCloseTo(Scenario.DEFAULT_QUOTA, within(1e-6));
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
}

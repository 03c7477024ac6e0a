package io.leadscore.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.calibration.DealPaths;
import io.leadscore.simulator.calibration.Provenance;
import io.leadscore.simulator.calibration.ResponseDecay;
import io.leadscore.simulator.calibration.ScoreAtArrival;
import io.leadscore.simulator.calibration.StoreObservations;
import io.leadscore.simulator.calibration.SyntheticHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calibrated by path on a stationary history whose flows are known
 * ({@link SyntheticHistory}), the simulator reproduces that history when the
 * scenario is the history's own: the same lead volume, response time not
 * mattering, no capacity limit.
 */
class PathFlowsTest {
    private static Calibration calibration;
    private static Scenario history;

    @BeforeAll
    static void calibrate() {
        calibration = calibrated(SyntheticHistory.observations(730, 5));
        history = Scenario.builder().leadsPerWeek(7 * SyntheticHistory.LEADS_PER_DAY).periodDays(90)
                .unlimitedCapacity().workWeek(WorkWeek.always()).build();
    }

    /** Calibrated on the observations; response time does not matter in the synthetic history (no decay). */
    private static Calibration calibrated(StoreObservations obs) {
        return Calibration.fromObservations(obs).toBuilder()
                .responseDecay(new ResponseDecay(0.5, 0, 42, Provenance.byDefault("test: no decay"))).build();
    }

    @Test
    void winsAndRevenueAddUpToWhatTheHistoryShows() {
        SimulationResult r = Simulator.run(history, calibration, Fixtures.options(2_000));

        // Stationary history: every 90 days close, on average, the wins of 90 days of leads:
        // 100 leads a day x (0.3 x 0.15 through the hand-off + 0.7 x 0.05 around it) x 30% won x 90 days = 216,
        // of 1,000 each. The paths add up to it: deals already open, deals the older leads open during the
        // period, and the period's own leads through the hand-off and around it. The window's life tables rest
        // on ~2,900 deals and ~2,800 closes (win share known to about 3%), the lognormal fits of the hand-off
        // lag and cycle stand in for uniform ones: 10% tolerance.
        double expected = SyntheticHistory.LEADS_PER_DAY
                * (SyntheticHistory.HANDOFF_SHARE * SyntheticHistory.HANDOFF_DEAL
                + (1 - SyntheticHistory.HANDOFF_SHARE) * SyntheticHistory.AROUND_DEAL) * SyntheticHistory.WIN * 90;
        assertThat(r.wins()).isCloseTo(expected, within(0.1 * expected));
        assertThat(r.revenue().mean()).isCloseTo(expected * SyntheticHistory.AMOUNT, within(0.1 * expected * SyntheticHistory.AMOUNT));
        assertThat(r.winsFromOpenPipeline()).isPositive();
        assertThat(r.winsFromBacklog()).isPositive();
        assertThat(r.winsAroundHandoff()).isPositive();
        assertThat(r.winsThroughHandoff()).isPositive();
        assertThat(r.toJson()).contains("\"wins_by_path\"", "\"opportunities_by_path\"", "\"model\": \"handoff_and_around\"",
                "\"cross_check\"");
        // the decomposition's eventual wins per lead: (0.045 + 0.035) deals x 30% won
        assertThat(r.pathsWinsPerLead()).isCloseTo(0.024, within(0.0024));
        assertThat(r.toTable()).contains("Cross-check, wins per 1,000 new leads: 2");
        // every deal of this history is won within 120 days of its lead: within the 180-day horizon is eventually
        assertThat(r.pathsWinsWithinHorizonPerLead()).isCloseTo(r.pathsWinsPerLead(), within(0.001));
        // with the champion's score at arrival beside it, the line compares like with like
        SimulationResult checked = Simulator.run(history, calibration.toBuilder()
                .atArrival(new ScoreAtArrival("0–1 d", 2_000, 0.021, 0.0235)).build(), Fixtures.options(500));
        // (the table wraps its sentences at 100 columns: read them joined)
        assertThat(checked.toTable().replace("\n  ", " ")).contains("Cross-check, wins within 180 days of a lead's arrival per 1,000 new"
                + " leads: 2", "; 21.0 by the champion's calibrated score at arrival (0–1 d, 2,000 out-of-time"
                + " snapshots, 23.5 won there). Eventually, by the paths: 2");
        assertThat(checked.toJson()).contains("\"score_at_arrival\": {", "\"mean_score\": 0.021",
                "\"paths_wins_within_horizon_per_lead\": 0.02");
        // the table's opportunities row sets only the hand-off's opportunities against the period's SQLs
        String row = r.toTable().lines().filter(l -> l.startsWith("opportunities")).findFirst().orElseThrow();
        assertThat(row).contains(" through the hand-off (", " of SQLs), ", " by other paths");
        double handoffShareOfSqls = Double.parseDouble(row.replaceAll(".*through the hand-off \\(([0-9.]+)%.*", "$1"));
        assertThat(handoffShareOfSqls).isBetween(0.0, 100.0);
        // this period's MQLs' wins after the period: their eventual wins less their wins inside it (the hand-off's),
        // not less every win of the period (around the hand-off and from before it too), which left 0
        String after = r.toTable().replace("\n  ", " ").replaceAll("(?s).*wins \\([0-9.]+% of opportunities\\); ([0-9.,]+)"
                + " of the wins close after the period.*", "$1");
        assertThat(Double.parseDouble(after.replace(",", ""))).isCloseTo(r.eventualWins() - r.winsThroughHandoff(),
                within(0.06)).isPositive();
    }

    @Test
    void theHandOffPathsDealsPerLeadAreTheLifeTables() {
        SimulationResult r = Simulator.run(history, calibration, Fixtures.options(2_000));

        // Whenever they open, the period's MQLs open as many deals per lead as the history's hand-offs did:
        // the stage rates are normalised to the life table's 0.045 (hand-off share x worked x MQL->SAL x
        // SAL->SQL x SQL->opportunity = deals per lead at the reference response; no decay here).
        DealPaths paths = calibration.paths();
        double perLead = paths.handoffDealsPerLead();
        assertThat(r.eventualOpportunities() / r.leads()).isCloseTo(perLead, within(0.1 * perLead));
        // a fifth of the hand-offs are never worked: they breach their SLA and take no capacity
        assertThat(r.slaBreachRate()).isCloseTo(1 - SyntheticHistory.WORKED, within(0.03));
        assertThat(r.mqls() / r.leads()).isCloseTo(paths.handoffShare(), within(0.01));
    }

    @Test
    void aCustomersFurtherDealsOnTheSameLeadAreSimulatedWithTheBacklog() {
        // half the won first deals bring a further deal on the same lead 30-90 days after the win (an expansion),
        // won 60% of the time for 2,000: a CRM's won deals count them, a simulator of first deals misses them
        Calibration expanding = calibrated(SyntheticHistory.observations(SyntheticHistory.withFurtherDeals(730, 5, 0.5)));
        DealPaths paths = expanding.paths();
        assertThat(paths.furtherDeals(true).events()).isPositive();
        assertThat(paths.furtherDeals(false).events()).isZero();
        assertThat(paths.furtherCourse().winShare()).isCloseTo(SyntheticHistory.FURTHER_WIN, within(0.05));

        SimulationResult r = Simulator.run(history, expanding, Fixtures.options(2_000));
        SimulationResult first = Simulator.run(history, calibration, Fixtures.options(2_000));
        // stationary: every 90 days the first deals win 216 (as above) and their further deals 216 x 0.5 x 0.6
        double firstWins = SyntheticHistory.LEADS_PER_DAY
                * (SyntheticHistory.HANDOFF_SHARE * SyntheticHistory.HANDOFF_DEAL
                + (1 - SyntheticHistory.HANDOFF_SHARE) * SyntheticHistory.AROUND_DEAL) * SyntheticHistory.WIN * 90;
        double furtherWins = firstWins * 0.5 * SyntheticHistory.FURTHER_WIN;
        assertThat(r.wins()).isCloseTo(firstWins + furtherWins, within(0.1 * (firstWins + furtherWins)));
        assertThat(r.winsFromBacklog() + r.winsFromOpenPipeline() - first.winsFromBacklog() - first.winsFromOpenPipeline())
                .isCloseTo(furtherWins, within(0.25 * furtherWins));
        double revenue = firstWins * SyntheticHistory.AMOUNT + furtherWins * SyntheticHistory.FURTHER_AMOUNT;
        assertThat(r.revenue().mean()).isCloseTo(revenue, within(0.1 * revenue));
    }

    @Test
    void thinHistoryWidensTheSpread() {
        Calibration thin = Calibration.fromObservations(SyntheticHistory.observations(120, 9));
        Scenario small = history.toBuilder().leadsPerWeek(0).build();

        // Only the deals already open and the backlog: from 120 days of history the rates rest on ~800 deals
        // instead of ~2,900, so their Gamma and Beta draws spread the trials more, relative to the mean.
        SimulationResult rich = Simulator.run(small, calibration, Fixtures.options(2_000));
        SimulationResult poor = Simulator.run(small, thin, Fixtures.options(2_000));
        double richSpread = rich.revenue().standardDeviation() / rich.revenue().mean();
        double poorSpread = poor.revenue().standardDeviation() / poor.revenue().mean();
        assertThat(poorSpread).isGreaterThan(richSpread);
    }

    @Test
    void quartersThatRunHotOrColdWidenTheWinsSpreadButNotItsCentre() {
        // the same history, but each quarter's leads win 30% x exp(0.3 Z) of their deals
        Calibration swinging = calibrated(SyntheticHistory.observations(730, 5, 0.3));
        assertThat(calibration.paths().winLevel().sd()).isLessThan(0.08);
        assertThat(swinging.paths().winLevel().sd()).isBetween(0.12, 0.5);
        assertThat(swinging.paths().winLevel().measured()).isTrue();

        SimulationResult steady = Simulator.run(history, calibration, Fixtures.options(2_000));
        SimulationResult hotOrCold = Simulator.run(history, swinging, Fixtures.options(2_000));
        // a stationary history's quarters differ by chance alone: the trials' P10-P90 spans little more than
        // Poisson's; a history whose quarters ran hot or cold makes the forecast of the next one less sure
        assertThat(width(hotOrCold)).isGreaterThan(1.5 * width(steady));
        assertThat(median(hotOrCold)).isCloseTo(median(steady), within(0.15 * median(steady)));
        assertThat(hotOrCold.toTable()).contains("deal level error");
    }

    private static double median(SimulationResult r) {
        return quantile(r.winsPerTrial(), 0.5);
    }

    /** P90 - P10 of the wins over their P50. */
    private static double width(SimulationResult r) {
        int[] wins = r.winsPerTrial();
        return (quantile(wins, 0.9) - quantile(wins, 0.1)) / quantile(wins, 0.5);
    }

    private static double quantile(int[] values, double p) {
        int[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }
}

package io.leadscore.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DealPathsTest {

    @Test
    void aLeadCameThroughTheHandOffOnlyWhenItWasReadyBeforeSalesTouchedIt() {
        LeadHistory h = LeadHistory.builder()
                // ready 9 days before, followed up 8 days before: the hand-off
                .add(10, 9, 8, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 2)
                // followed up 9 days before, ready only 8 days before: sales took it first
                .add(10, 8, 9, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 2)
                // a deal opened without a follow-up, never ready: around the hand-off
                .add(10, Double.NaN, Double.NaN, 5, LeadHistory.DealState.OPEN, Double.NaN, 100, 4)
                // ready and never touched: a hand-off still waiting
                .add(10, 3, Double.NaN, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 1)
                .build();

        assertThat(h.handedOff(0)).isTrue();
        assertThat(h.handedOff(1)).isFalse();
        assertThat(h.handedOff(2)).isFalse();
        assertThat(h.handedOff(3)).isTrue();
        assertThat(h.salesTouch(2)).isEqualTo(5);
    }

    @Test
    void theLifeTablesRecoverTheHistorysFlowsDespiteTheLeadsStillTooYoungForTheirDeals() {
        LeadHistory history = SyntheticHistory.asOfZero(730, 11);

        DealPaths paths = DealPaths.fit(history, Defaults.dealSize());
        assertThat(paths.noHandoff()).isFalse();

        // Every lead: hand-off at creation with 30%; a hand-off deal for 15% of all hand-offs, a deal around the
        // hand-off for 5% of the others. Per lead: 0.3 x 0.15 = 0.045 and 0.7 x 0.05 = 0.035. A share of the
        // deals of young leads would say less: leads of the last 70 days have not had all their deals yet.
        // Standard errors from the counts behind the window (~36,500 leads): ~0.0011 and ~0.001; three of them.
        assertThat(paths.handoffShare()).isCloseTo(0.3, within(0.01));
        assertThat(paths.handoffDealsPerLead()).isCloseTo(0.045, within(0.0035));
        assertThat(paths.aroundDealsPerLead()).isCloseTo(0.035, within(0.003));
        assertThat(paths.worked().mean()).isCloseTo(SyntheticHistory.WORKED, within(0.01));
        // 30% of deals won, whatever the path (~1,600 and ~1,300 closes: standard errors ~0.012, ~0.013)
        assertThat(paths.handoffCourse().winShare()).isCloseTo(0.3, within(0.04));
        assertThat(paths.aroundCourse().winShare()).isCloseTo(0.3, within(0.04));
        assertThat(paths.aroundCourse().meanWonAmount()).isCloseTo(SyntheticHistory.AMOUNT, within(1e-9));
    }

    @Test
    void firstDealsWonWithinAHorizonAreTheDealHazardsConvolvedWithTheDealsCourse() {
        DealPaths paths = DealPaths.fit(SyntheticHistory.asOfZero(730, 11), Defaults.dealSize());

        // every deal opens within 70 days of its lead and a win closes 10-50 days after: within 180 days is
        // eventually, 0.045 and 0.035 deals per lead x 30% won
        double[] half = paths.firstDealsWonWithin(180);
        assertThat(half[0]).isCloseTo(0.045 * 0.3, within(0.0025));
        assertThat(half[1]).isCloseTo(0.035 * 0.3, within(0.002));
        assertThat(half[0] + half[1]).isCloseTo(paths.handoffDealsPerLead() * paths.handoffCourse().winShare()
                + paths.aroundDealsPerLead() * paths.aroundCourse().winShare(), within(0.001));
        // within 40 days only the deals that open early and close fast: P(lag + cycle < 40), lag uniform on
        // 0.2-70.2 days (hand-off) or 0-42 (around), a won deal's cycle uniform on 10-50 days
        double[] month = paths.firstDealsWonWithin(40);
        double handoff = 0.045 * 0.3 * withinDays(40, 0.2, 70, 10, 40);
        double around = 0.035 * 0.3 * withinDays(40, 0, 42, 10, 40);
        assertThat(month[0]).isCloseTo(handoff, within(0.15 * handoff));
        assertThat(month[1]).isCloseTo(around, within(0.15 * around));
        assertThat(paths.firstDealsWonWithin(0)).containsExactly(0, 0);
        assertThat(DealPaths.none().firstDealsWonWithin(180)).containsExactly(0, 0);
    }

    /** P(L + C < h) for L uniform on [l0, l0 + lw) and C uniform on [c0, c0 + cw), by the midpoint rule. */
    private static double withinDays(double h, double l0, double lw, double c0, double cw) {
        int n = 2_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double lag = l0 + (i + 0.5) * lw / n;
            sum += Math.min(1, Math.max(0, (h - lag - c0) / cw));
        }
        return sum / n;
    }

    @Test
    void theBacklogHoldsTheLeadsWithoutADealByAgeInDays() {
        LeadHistory h = LeadHistory.builder()
                .add(0.5, Double.NaN, Double.NaN, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 0)
                .add(3.2, Double.NaN, Double.NaN, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 0)
                .add(3.9, Double.NaN, Double.NaN, 1, LeadHistory.DealState.OPEN, Double.NaN, 10, 4)
                .add(DealPaths.MAX_AGE_DAYS + 3, Double.NaN, Double.NaN, Double.NaN, LeadHistory.DealState.NONE,
                        Double.NaN, Double.NaN, 0)
                .build();

        long[] backlog = DealPaths.fit(h, Defaults.dealSize()).backlogByAgeDay();

        // the lead with a deal is not waiting for one; the lead older than the tables waits in their tail
        assertThat(backlog[0]).isEqualTo(1);
        assertThat(backlog[3]).isEqualTo(1);
        assertThat(backlog[DealPaths.MAX_AGE_DAYS - 1]).isEqualTo(1);
        assertThat(Arrays.stream(backlog).sum()).isEqualTo(3);
    }

    @Test
    void leadsOlderThanTheTablesKeepTheRateTheirAgesShow() {
        // 2,200 leads created 1,000 days before (143 weeks old); 200 of them opened a deal around the hand-off at
        // ages 750 to 949 days, within the last 365 days; the other 2,000 are still waiting
        LeadHistory.Builder b = LeadHistory.builder();
        for (int i = 0; i < 2200; i++) {
            double opened = i < 200 ? 1000 - 750 - i : Double.NaN;
            b.add(1000, Double.NaN, Double.NaN, opened,
                    i < 200 ? LeadHistory.DealState.OPEN : LeadHistory.DealState.NONE, Double.NaN, i < 200 ? 100 : Double.NaN,
                    i < 200 ? 4 : 0);
        }

        DealPaths paths = DealPaths.fit(b.build(), Defaults.dealSize());
        // deals, and none of them through a hand-off: the threshold, the SLA and the team reach none
        assertThat(paths.noHandoff()).isTrue();

        // every lead-week at risk from week 103 on is in the tail: 2,000 waiting leads at risk from week 103 to
        // 142 (censored in it), the others until their deal; the 200 deals over them, a rate per week
        LifeTable around = paths.aroundDeals();
        int tail = LifeTable.WEEKS - 1;
        assertThat(around.events(tail)).isEqualTo(200);
        double exposure = 2000 * 39.5;
        for (int i = 0; i < 200; i++) {
            exposure += Math.floor((750 + i) / 7.0) - tail + 1;
        }
        assertThat(around.exposure(tail)).isCloseTo(exposure, within(1e-9));
        assertThat(around.hazard(tail + 50)).isCloseTo(200 / exposure, within(1e-12));
        // the waiting leads are the backlog, and open deals in a quarter at that rate: about 2,000 x 13 x 0.0025
        assertThat(Arrays.stream(paths.backlogByAgeDay()).sum()).isEqualTo(2000);
        double[] daily = paths.dailyDealHazards(DealPaths.MAX_AGE_DAYS + 400)[1];
        // per day, the chance that compounds over seven days to the week's (no deal on the other path there)
        assertThat(daily[DealPaths.MAX_AGE_DAYS + 300]).isCloseTo(1 - Math.pow(1 - 200 / exposure, 1 / 7.0),
                within(1e-12));
    }

    @Test
    void theLeadsAtRiskAreCountedAtTheStartOfEachWeekInsideTheWindow() {
        double[] risk = new double[LifeTable.WEEKS];
        // created 400 days before, still without a deal: the window holds ages 35 to 400 days, weeks 5 to 57;
        // at risk at the start of weeks 5..56, censored during week 57 (half)
        DealPaths.addRisk(risk, 400, 0, 365, false);
        assertThat(risk[4]).isZero();
        assertThat(risk[5]).isEqualTo(1);
        assertThat(risk[57]).isEqualTo(0.5);
        assertThat(Arrays.stream(risk).sum()).isEqualTo(52.5);

        // created 10 days before, a deal 3 days before (age 7): at risk at the start of weeks 0 and 1
        double[] deal = new double[LifeTable.WEEKS];
        DealPaths.addRisk(deal, 10, 3, 365, true);
        assertThat(Arrays.stream(deal).sum()).isEqualTo(2);

        // handed off the instant it was created: at risk at the start of week 0, which holds the event
        double[] instant = new double[LifeTable.WEEKS];
        DealPaths.addRisk(instant, 10, 10, 365, true);
        assertThat(instant[0]).isEqualTo(1);
        assertThat(Arrays.stream(instant).sum()).isEqualTo(1);
    }

    @Test
    void withoutAHistoryEveryDealComesThroughTheHandOff() {
        DealPaths none = DealPaths.none();
        assertThat(none.fromStore()).isFalse();
        assertThat(none.noHandoff()).isFalse();
        assertThat(none.worked().mean()).isEqualTo(1);
        assertThat(none.backlogByAgeDay()).isEmpty();
        assertThat(Calibration.defaults().mqlShare(0.1)).isEqualTo(Defaults.scoreDistribution().shareAtOrAbove(0.1));
    }

    @Nested
    class Rejects {
        @Test
        void eventsBeforeTheLeadWasCreated() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> LeadHistory.builder()
                    .add(5, 6, Double.NaN, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 1)))
                    .hasMessageContaining("sales-ready: 6.0 days before").hasMessageContaining("5.0 days before");
        }

        @Test
        void aDealStateThatDoesNotFitTheDeal() {
            assertThrows(IllegalArgumentException.class, () -> LeadHistory.builder()
                    .add(5, Double.NaN, Double.NaN, 2, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 4));
            assertThat(assertThrows(IllegalArgumentException.class, () -> LeadHistory.builder()
                    .add(5, Double.NaN, Double.NaN, 2, LeadHistory.DealState.WON, 3, 10, 5)))
                    .hasMessageContaining("Invalid deal close");
        }

        @Test
        void aReachOffTheMainPath() {
            assertThat(assertThrows(IllegalArgumentException.class, () -> LeadHistory.builder()
                    .add(5, Double.NaN, Double.NaN, Double.NaN, LeadHistory.DealState.NONE, Double.NaN, Double.NaN, 6)))
                    .hasMessageContaining("reach: 6");
        }
    }
}

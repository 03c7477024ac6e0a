package io.leadscore.scoring.labels;

import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.policy.Policy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.leadscore.scoring.features.LeadFixture.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelRuleTest {
    private static final Instant CREATED = Instant.parse("2025-06-01T10:00:00Z");
    private static final LabelRule RULE = new LabelRule(180, 30);
    private static final Instant HORIZON_END = CREATED.plus(Duration.ofDays(180));
    private static final Lead LEAD = lead("L1", CREATED).build();

    static Deal won(String id, Instant created, Instant closed) {
        return new Deal(id, "L1", created, DealStatus.WON, closed, BigDecimal.TEN, null);
    }

    static Deal lost(String id, Instant created, Instant closed) {
        return new Deal(id, "L1", created, DealStatus.LOST, closed, BigDecimal.TEN, "no_budget");
    }

    static Deal open(String id, Instant created) {
        return new Deal(id, "L1", created, DealStatus.OPEN, null, BigDecimal.TEN, null);
    }

    private static Instant day(int days) {
        return CREATED.plus(Duration.ofDays(days));
    }

    @Nested
    class Outcomes {
        private final Instant asOf = day(400);

        @Test
        void aWinInsideTheHorizonIsAConversion() {
            assertThat(RULE.outcome(LEAD, List.of(won("d", day(20), day(90))), asOf)).isEqualTo(Outcome.CONVERTED);
        }

        @Test
        void theHorizonIsHalfOpenSoAWinAtItsEndDoesNotCount() {
            assertThat(RULE.outcome(LEAD, List.of(won("d", day(20), HORIZON_END.minusMillis(1))), asOf))
                    .isEqualTo(Outcome.CONVERTED);
            assertThat(RULE.outcome(LEAD, List.of(won("d", day(20), HORIZON_END)), asOf))
                    .isEqualTo(Outcome.NOT_CONVERTED);
        }

        @Test
        void noWinOnlyLossesOrOpenDealsIsANonConversion() {
            assertThat(RULE.outcome(LEAD, List.of(), asOf)).isEqualTo(Outcome.NOT_CONVERTED);
            assertThat(RULE.outcome(LEAD, List.of(lost("d1", day(10), day(50)), open("d2", day(60))), asOf))
                    .isEqualTo(Outcome.NOT_CONVERTED);
            assertThat(RULE.outcome(LEAD, List.of(won("d", day(100), day(200))), asOf)).isEqualTo(Outcome.NOT_CONVERTED);
        }

        @Test
        void aLeadInsideItsHorizonIsCensoredEvenWhenItHasAlreadyWon() {
            List<Deal> won = List.of(won("d", day(5), day(30)));

            assertThat(RULE.outcome(LEAD, won, day(100))).isEqualTo(Outcome.CENSORED);
            assertThat(RULE.outcome(LEAD, List.of(), day(100))).isEqualTo(Outcome.CENSORED);
            assertThat(RULE.outcome(LEAD, won, HORIZON_END.minusMillis(1))).isEqualTo(Outcome.CENSORED);
            // created_at + horizon <= asOf: the horizon has passed
            assertThat(RULE.outcome(LEAD, won, HORIZON_END)).isEqualTo(Outcome.CONVERTED);
            assertThat(Outcome.CENSORED.isKnown()).isFalse();
        }

        @Test
        void aWinRecordedBeforeTheLeadWasCreatedCounts() {
            assertThat(RULE.outcome(LEAD, List.of(won("d", day(-20), day(-5))), asOf)).isEqualTo(Outcome.CONVERTED);
        }
    }

    @Nested
    class AsOfBlindness {
        @Test
        void aWinClosedAfterTheAsOfTimeIsNotKnown() {
            // horizon passed at day 180; the deal closed (inside the horizon) but the export says so only later
            Instant asOf = HORIZON_END;
            Deal closesLater = won("d", day(100), asOf);

            assertThat(RULE.outcome(LEAD, List.of(closesLater), asOf)).isEqualTo(Outcome.NOT_CONVERTED);
        }

        @Test
        void aDealOpenedAfterTheAsOfTimeIsNoOpportunityYet() {
            Instant asOf = day(10);

            assertThat(RULE.firstOpportunity(List.of(open("d", asOf)), asOf)).isEmpty();
            assertThat(RULE.firstOpportunity(List.of(open("d", asOf.minusMillis(1))), asOf)).contains(asOf.minusMillis(1));
            assertThat(RULE.exists(LEAD, CREATED)).isFalse();
            assertThat(RULE.exists(LEAD, CREATED.plusMillis(1))).isTrue();
        }
    }

    @Nested
    class Snapshots {
        @Test
        void isTheEndOfTheObservationWindowWithoutAnEarlierOpportunity() {
            assertThat(RULE.snapshotAt(LEAD, List.of(open("d", day(45))), day(400))).isEqualTo(day(30));
        }

        @Test
        void isAFixedAgeWhateverTheOutcome() {
            List<Deal> deals = List.of(lost("d2", day(12), day(20)), won("d1", day(8), day(60)));

            assertThat(RULE.snapshotAt(LEAD, deals, day(400))).isEqualTo(day(30));
        }

        @Test
        void countsOnlyEventsBeforeTheFirstOpportunity() {
            List<Deal> deals = List.of(lost("d2", day(12), day(20)), won("d1", day(8), day(60)));

            assertThat(RULE.eventsBefore(LEAD, deals, day(400))).isEqualTo(day(8));
            assertThat(RULE.eventsBefore(LEAD, List.of(open("d", day(45))), day(400))).isEqualTo(day(30));
        }

        @Test
        void isTheAsOfTimeWhenThatComesFirst() {
            assertThat(RULE.snapshotAt(LEAD, List.of(open("d", day(12))), day(10))).isEqualTo(day(10));
            assertThat(RULE.eventsBefore(LEAD, List.of(open("d", day(12))), day(10))).isEqualTo(day(10));
        }
    }

    @Nested
    class Refuses {
        @Test
        void badHorizonsAndWindows() {
            assertThatThrownBy(() -> new LabelRule(0, 1)).hasMessageContaining("Invalid label horizon: 0 days");
            assertThatThrownBy(() -> new LabelRule(180, 0)).hasMessageContaining("Invalid observation window: 0 days");
            assertThatThrownBy(() -> new LabelRule(20, 30)).hasMessageContaining("expected 1 to the label horizon of 20 days");
        }
    }

    @Test
    void takesTheHorizonFromThePolicy() {
        assertThat(LabelRule.of(Policy.defaults())).isEqualTo(new LabelRule(180, 30));
        assertThat(LabelRule.of(Policy.defaults().withLabelHorizonDays(14))).isEqualTo(new LabelRule(14, 14));
    }
}

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
    private static final LabelRule RULE = new LabelRule(180);
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
    class OutcomesAtASnapshot {
        private final Instant asOf = day(800);

        @Test
        void aWinWithinTheHorizonOfTheSnapshotIsAConversionWhateverTheLeadsAge() {
            List<Deal> late = List.of(won("d", day(250), day(300)));

            assertThat(RULE.outcomeAt(late, day(0), asOf)).isEqualTo(Outcome.NOT_CONVERTED);
            assertThat(RULE.outcomeAt(late, day(180), asOf)).isEqualTo(Outcome.CONVERTED);
            assertThat(RULE.outcomeAt(late, day(250), asOf)).isEqualTo(Outcome.CONVERTED);
        }

        @Test
        void theHorizonIsHalfOpenFromTheSnapshot() {
            Instant t = day(60);
            Instant end = t.plus(Duration.ofDays(180));

            assertThat(RULE.outcomeAt(List.of(won("d", day(100), end.minusMillis(1))), t, asOf)).isEqualTo(Outcome.CONVERTED);
            assertThat(RULE.outcomeAt(List.of(won("d", day(100), end)), t, asOf)).isEqualTo(Outcome.NOT_CONVERTED);
            assertThat(RULE.outcomeAt(List.of(won("d", day(10), t)), t, asOf)).isEqualTo(Outcome.CONVERTED);
            assertThat(RULE.outcomeAt(List.of(won("d", day(10), t.minusMillis(1))), t, asOf)).isEqualTo(Outcome.NOT_CONVERTED);
        }

        @Test
        void noWinOnlyLossesOrOpenDealsIsANonConversion() {
            assertThat(RULE.outcomeAt(List.of(), day(30), asOf)).isEqualTo(Outcome.NOT_CONVERTED);
            assertThat(RULE.outcomeAt(List.of(lost("d1", day(40), day(50)), open("d2", day(60))), day(30), asOf))
                    .isEqualTo(Outcome.NOT_CONVERTED);
        }

        @Test
        void aSnapshotWhoseHorizonHasNotPassedIsCensoredEvenWhenTheLeadHasAlreadyWon() {
            List<Deal> won = List.of(won("d", day(35), day(40)));
            Instant t = day(30);
            Instant end = t.plus(Duration.ofDays(180));

            assertThat(RULE.outcomeAt(won, t, day(100))).isEqualTo(Outcome.CENSORED);
            assertThat(RULE.outcomeAt(List.of(), t, day(100))).isEqualTo(Outcome.CENSORED);
            assertThat(RULE.outcomeAt(won, t, end.minusMillis(1))).isEqualTo(Outcome.CENSORED);
            // t + horizon <= asOf: the horizon has passed
            assertThat(RULE.outcomeAt(won, t, end)).isEqualTo(Outcome.CONVERTED);
            assertThat(Outcome.CENSORED.isKnown()).isFalse();
        }
    }

    @Nested
    class AsOfBlindness {
        @Test
        void aWinClosedAfterTheAsOfTimeIsNotKnown() {
            Instant t = day(10);
            Instant asOf = t.plus(Duration.ofDays(180));
            Deal closesLater = won("d", day(100), asOf);

            assertThat(RULE.outcomeAt(List.of(closesLater), t, asOf)).isEqualTo(Outcome.NOT_CONVERTED);
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

    @Test
    void aLeadIsOpenUntilItsFirstOpportunityOpens() {
        List<Deal> deals = List.of(lost("d2", day(12), day(20)), won("d1", day(8), day(60)));

        assertThat(RULE.openAt(deals, day(8))).isTrue();
        assertThat(RULE.openAt(deals, day(8).plusMillis(1))).isFalse();
        assertThat(RULE.openAt(List.of(), day(900))).isTrue();
    }

    @Test
    void statesItsClaimInOneSentence() {
        assertThat(RULE.claim()).isEqualTo("the probability that this open lead produces a won deal within 180 days of now");
        assertThat(new LabelRule(90).scoreClaim().sentence()).contains("within 90 days of now");
    }

    @Test
    void refusesBadHorizons() {
        assertThatThrownBy(() -> new LabelRule(0)).hasMessageContaining("Invalid label horizon: 0 days");
        assertThatThrownBy(() -> new LabelRule(4000)).hasMessageContaining("expected 1 to 3660");
    }

    @Test
    void takesTheHorizonFromThePolicy() {
        assertThat(LabelRule.of(Policy.defaults())).isEqualTo(new LabelRule(180));
        assertThat(LabelRule.of(Policy.defaults().withLabelHorizonDays(14))).isEqualTo(new LabelRule(14));
    }
}

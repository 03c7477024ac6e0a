package io.leadscore.batch.slacheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.scoring.domain.Stage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The SLA rules for one MQL at a time, with a 24-hour SLA and recycling after 14 days. */
class SlaRulesTest {
    static final SlaTerms TERMS = new SlaTerms(1, 24, 14);
    static final Instant MQL = Instant.parse("2025-03-03T09:00:00Z");
    static final Instant DUE = Instant.parse("2025-03-04T09:00:00Z");

    static SlaCandidate open(Instant touch) {
        return new SlaCandidate(1, "L-1", Stage.MQL, MQL, SlaState.OPEN, null, touch);
    }

    static SlaCandidate overdue(Stage stage, Instant touch) {
        return new SlaCandidate(1, "L-1", stage, MQL, SlaState.OVERDUE, MQL, touch);
    }

    static SlaDecision decide(SlaCandidate lead, Instant asOf) {
        return new SlaRules(TERMS, asOf).process(lead);
    }

    @Test
    void aFirstFollowUpExactlyAtTheDueTimeMeetsTheSla() {
        assertThat(decide(open(DUE), DUE)).extracting(SlaDecision::state, SlaDecision::newBreach)
                .containsExactly(SlaState.MET, false);
    }

    @Test
    void aFirstFollowUpOneMillisecondLateIsABreachWithItsTouch() {
        Instant late = DUE.plusMillis(1);

        SlaDecision decision = decide(open(late), late);

        assertThat(decision.state()).isEqualTo(SlaState.LATE);
        assertThat(decision.newBreach()).isTrue();
        assertThat(decision.dueAt()).isEqualTo(DUE);
        assertThat(decision.firstTouch()).isEqualTo(late);
    }

    @Test
    void noFollowUpIsABreachOnlyOnceTheDueTimeHasPassed() {
        assertThat(decide(open(null), DUE)).isNull();
        assertThat(decide(open(null), DUE.plusNanos(1))).extracting(SlaDecision::state, SlaDecision::newBreach)
                .containsExactly(SlaState.OVERDUE, true);
    }

    @Test
    void anOverdueMqlFollowedUpLaterIsLateWithoutANewBreach() {
        Instant touch = MQL.plus(Duration.ofDays(3));

        SlaDecision decision = decide(overdue(Stage.SAL, touch), touch);

        assertThat(decision.state()).isEqualTo(SlaState.LATE);
        assertThat(decision.newBreach()).isFalse();
        assertThat(decision.touchedAfterBreach()).isTrue();
    }

    @Test
    void anOverdueMqlStillAtMqlWaitsForTheRecyclingStep() {
        assertThat(decide(overdue(Stage.MQL, null), MQL.plus(Duration.ofDays(30)))).isNull();
    }

    @Test
    void anOverdueLeadThatLeftMqlUntouchedIsWatchedUntilTheRecyclingTimeThenExpires() {
        Instant recycleAt = MQL.plus(Duration.ofDays(14));

        assertThat(decide(overdue(Stage.OPPORTUNITY, null), recycleAt.minusSeconds(1))).isNull();
        assertThat(decide(overdue(Stage.OPPORTUNITY, null), recycleAt))
                .extracting(SlaDecision::state, SlaDecision::newBreach).containsExactly(SlaState.EXPIRED, false);
    }

    @Test
    void aBreachFirstSeenAfterTheLeadLeftMqlLongAgoIsRecordedAndExpiresAtOnce() {
        SlaCandidate moved = new SlaCandidate(1, "L-1", Stage.OPPORTUNITY, MQL, SlaState.OPEN, null, null);

        assertThat(decide(moved, MQL.plus(Duration.ofDays(20))))
                .extracting(SlaDecision::state, SlaDecision::newBreach).containsExactly(SlaState.EXPIRED, true);
    }

    @Test
    void aStateDecidedForAnEarlierMqlTimeCountsAsOpen() {
        Instant earlier = MQL.minus(Duration.ofDays(40));
        SlaCandidate stale = new SlaCandidate(1, "L-1", Stage.MQL, MQL, SlaState.OVERDUE, earlier, null);

        assertThat(stale.effectiveState()).isEqualTo(SlaState.OPEN);
        assertThat(decide(stale, DUE.plusSeconds(1))).extracting(SlaDecision::newBreach).isEqualTo(true);
    }

    @Test
    void aFractionalSlaIsHonoured() {
        SlaTerms halfHour = new SlaTerms(2, 0.5, 1);

        assertThat(halfHour.dueAt(MQL)).isEqualTo(MQL.plus(Duration.ofMinutes(30)));
        assertThat(halfHour.recycleAt(MQL)).isEqualTo(MQL.plus(Duration.ofDays(1)));
    }

    @Test
    void countsWhatItExaminedAndWhatIsWaitingInTheStepContext() {
        SlaRules rules = new SlaRules(TERMS, DUE.plusSeconds(1));
        ExecutionContext context = new ExecutionContext();
        context.putLong(SlaRules.EXAMINED, 10);
        context.putLong(SlaRules.WAITING, 4);
        rules.open(context);

        rules.process(open(null));
        rules.process(overdue(Stage.MQL, null));
        rules.update(context);

        assertThat(context.getLong(SlaRules.EXAMINED)).isEqualTo(12);
        assertThat(context.getLong(SlaRules.WAITING)).isEqualTo(5);
    }

    @Nested
    class Refuses {
        @Test
        void aFollowUpAfterTheAsOfTime() {
            Instant asOf = DUE;

            assertThatThrownBy(() -> decide(open(DUE.plusSeconds(1)), asOf))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("after the as-of time 2025-03-04T09:00:00Z");
        }

        @Test
        void aFollowUpBeforeTheMqlTime() {
            assertThatThrownBy(() -> open(MQL.minusSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is before its MQL time");
        }

        @Test
        void termsThatCannotHold() {
            assertThatThrownBy(() -> new SlaTerms(1, 0, 14)).hasMessageStartingWith("Invalid SLA hours: 0.0");
            assertThatThrownBy(() -> new SlaTerms(1, Double.NaN, 14)).hasMessageStartingWith("Invalid SLA hours: NaN");
            assertThatThrownBy(() -> new SlaTerms(1, 24, 0)).hasMessageStartingWith("Invalid recycle-after days: 0");
            assertThatThrownBy(() -> new SlaTerms(0, 24, 14)).hasMessageStartingWith("Invalid policy version: 0");
        }

        @Test
        void anOpenStateAsADecision() {
            assertThatThrownBy(() -> new SlaDecision(open(null), SlaState.OPEN, false, DUE, null))
                    .hasMessageContaining("OPEN is no decision");
        }
    }
}

package io.leadscore.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.scoring.domain.StageEvent.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StageMachineTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource({
            "MQL, FOLLOW_UP_ACCEPTED, SAL",
            "LEAD, FOLLOW_UP_ACCEPTED, SAL",
            "NURTURE, FOLLOW_UP_ACCEPTED, SAL",
            "SAL, FOLLOW_UP_MEETING_BOOKED, SQL",
            "MQL, FOLLOW_UP_MEETING_BOOKED, SQL",
            "MQL, FOLLOW_UP_REJECTED, NURTURE",
            "SQL, FOLLOW_UP_REJECTED, NURTURE",
            "SQL, DEAL_OPENED, OPPORTUNITY",
            "MQL, DEAL_OPENED, OPPORTUNITY",
            "OPPORTUNITY, DEAL_WON, WON",
            "OPPORTUNITY, DEAL_LOST, LOST",
            "LOST, DEAL_WON, WON",
            "LOST, DEAL_OPENED, OPPORTUNITY"})
    void movesAsTheSharedDefinitionSays(Stage from, Kind event, Stage to) {
        assertThat(StageMachine.next(from, new StageEvent(event, T, "D-1"))).map(StageMachine.Move::to).contains(to);
    }

    @ParameterizedTest(name = "{0} + {1} stays")
    @CsvSource({
            "SQL, FOLLOW_UP_ACCEPTED",
            "OPPORTUNITY, FOLLOW_UP_MEETING_BOOKED",
            "OPPORTUNITY, FOLLOW_UP_REJECTED",
            "WON, FOLLOW_UP_REJECTED",
            "NURTURE, FOLLOW_UP_REJECTED",
            "MQL, FOLLOW_UP_NO_ANSWER",
            "WON, DEAL_OPENED",
            "WON, DEAL_LOST",
            "WON, DEAL_WON"})
    void neverMovesBackwardsOrSideways(Stage from, Kind event) {
        assertThat(StageMachine.next(from, new StageEvent(event, T, "x"))).isEmpty();
    }

    @Test
    void aRejectionCarriesTheReasonSalesGave() {
        assertThat(StageMachine.next(Stage.MQL, StageEvent.of(FollowUpOutcome.REJECTED, T, " Bad_Fit ")))
                .map(StageMachine.Move::reason).contains("rejected by sales: bad_fit");
        assertThat(StageMachine.next(Stage.MQL, StageEvent.of(FollowUpOutcome.REJECTED, T, null)))
                .map(StageMachine.Move::reason).contains("rejected by sales: no reason given");
    }
}

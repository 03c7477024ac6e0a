package io.leadscore.scoring.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageEvent.Arrived;
import io.leadscore.scoring.stages.StageEvent.DealClosed;
import io.leadscore.scoring.stages.StageEvent.DealOpened;
import io.leadscore.scoring.stages.StageEvent.FollowedUp;
import io.leadscore.scoring.stages.StageEvent.Scored;
import io.leadscore.scoring.stages.StageEvent.Signal;
import io.leadscore.scoring.stages.StageEvent.Unanswered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StageEngineTest {
    /** Threshold 0.10, SLA 24 h, recycling after 14 days. */
    private static final Policy POLICY = Policy.defaults();
    /** When every lead of the table entered its stage. */
    private static final Instant ENTERED = Instant.parse("2026-03-01T10:00:00Z");
    /** When the rules are applied. */
    private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
    private static final Instant EVENT_AT = Instant.parse("2026-03-05T09:30:00Z");
    private static final Instant BEFORE_ENTRY = ENTERED.minus(Duration.ofDays(3));

    /** Every kind of event the rules know, in each of its cases. */
    private static final Map<String, StageEvent> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("arrived", new Arrived(ENTERED));
        EVENTS.put("scored below the threshold", Scored.of(0.05));
        EVENTS.put("scored at the threshold", Scored.of(0.10));
        EVENTS.put("scored below, new signal", new Scored(0.05, new Signal(ActivityType.DEMO_REQUEST, EVENT_AT), null));
        EVENTS.put("scored below, signal before entry", new Scored(0.05,
                new Signal(ActivityType.CONTACT_REQUEST, BEFORE_ENTRY), null));
        EVENTS.put("scored below, past signal", new Scored(0.05, null, ActivityType.PRICING_QUESTION));
        EVENTS.put("follow-up accepted", new FollowedUp(FollowUpOutcome.ACCEPTED, null, EVENT_AT));
        EVENTS.put("follow-up rejected", new FollowedUp(FollowUpOutcome.REJECTED, "bad_fit", EVENT_AT));
        EVENTS.put("follow-up no answer", new FollowedUp(FollowUpOutcome.NO_ANSWER, null, EVENT_AT));
        EVENTS.put("follow-up meeting booked", new FollowedUp(FollowUpOutcome.MEETING_BOOKED, null, EVENT_AT));
        EVENTS.put("deal opened", new DealOpened("D-1", EVENT_AT));
        EVENTS.put("deal won", new DealClosed("D-1", DealStatus.WON, EVENT_AT));
        EVENTS.put("deal lost", new DealClosed("D-1", DealStatus.LOST, EVENT_AT));
        EVENTS.put("unanswered, SLA running", new Unanswered(NOW.minus(Duration.ofHours(23))));
        EVENTS.put("unanswered, SLA breached", new Unanswered(NOW.minus(Duration.ofDays(13))));
        EVENTS.put("unanswered, recycle-after days passed", new Unanswered(NOW.minus(Duration.ofDays(14))));
    }

    /**
     * What each event does at each stage: the stage the lead moves to, {@code -} for staying, {@code x} for a
     * stage that does not take the event. The stage columns are in {@link Stage} order.
     */
    private static final String TABLE = """
            event                                  LEAD  MQL      SAL      SQL      OPPORTUNITY  WON  LOST         NURTURE
            arrived                                x     x        x        x        x            x    x            x
            scored below the threshold             -     -        -        -        -            x    x            -
            scored at the threshold                MQL   -        -        -        -            x    x            -
            scored below, new signal               MQL   -        -        -        -            x    x            MQL
            scored below, signal before entry      MQL   -        -        -        -            x    x            -
            scored below, past signal              MQL   -        -        -        -            x    x            -
            follow-up accepted                     SAL   SAL      -        -        x            x    x            SAL
            follow-up rejected                     NURTURE NURTURE NURTURE NURTURE  x            x    x            -
            follow-up no answer                    -     -        -        -        x            x    x            -
            follow-up meeting booked               SQL   SQL      SQL      -        x            x    x            SQL
            deal opened                            OPPORTUNITY OPPORTUNITY OPPORTUNITY OPPORTUNITY - - OPPORTUNITY OPPORTUNITY
            deal won                               WON   WON      WON      WON      WON          -    WON          WON
            deal lost                              LOST  LOST     LOST     LOST     LOST         -    -            LOST
            unanswered, SLA running                x     -        x        x        x            x    x            x
            unanswered, SLA breached               x     -        x        x        x            x    x            x
            unanswered, recycle-after days passed  x     NURTURE  x        x        x            x    x            x
            """;

    static Stream<Arguments> everyStageAndEvent() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : TABLE.strip().lines().skip(1).toList()) {
            String name = EVENTS.keySet().stream().filter(line::startsWith).reduce((a, b) -> a.length() > b.length() ? a : b)
                    .orElseThrow(() -> new IllegalStateException("No event for the row: " + line));
            String[] cells = line.substring(name.length()).strip().split("\\s+");
            assertThat(cells).as("cells of the row '%s'", name).hasSize(Stage.values().length);
            for (Stage stage : Stage.values()) {
                cases.add(Arguments.of(stage, name, cells[stage.ordinal()]));
            }
        }
        return cases.stream();
    }

    @Test
    void theTableCoversEveryEventAtEveryStage() {
        List<String> rows = TABLE.strip().lines().skip(1).map(l -> l.split("\\s{2,}")[0].strip()).toList();
        assertThat(rows).containsExactlyElementsOf(EVENTS.keySet());
        assertThat(everyStageAndEvent()).hasSize(EVENTS.size() * Stage.values().length);
        // every kind of event of the sealed interface has a row
        assertThat(EVENTS.values().stream().map(Object::getClass).distinct())
                .containsExactlyInAnyOrder(StageEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("everyStageAndEvent")
    void decidesAsTheSharedDefinitionSays(Stage stage, String event, String expected) {
        StageDecision decision = StageEngine.decide(LeadStage.at(stage, ENTERED), EVENTS.get(event), POLICY, NOW);

        switch (expected) {
            case "-" -> assertThat(decision).as(decision.why()).isInstanceOf(StageDecision.Stay.class);
            case "x" -> assertThat(decision).as(decision.why()).isInstanceOf(StageDecision.Refuse.class);
            default -> {
                assertThat(decision).as(decision.why()).isInstanceOf(StageDecision.Move.class);
                Transition move = decision.move().orElseThrow();
                assertThat(move.from()).isEqualTo(stage);
                assertThat(move.to()).isEqualTo(Stage.valueOf(expected));
                assertThat(move.reason()).isNotBlank().isEqualTo(decision.why());
            }
        }
        assertThat(decision.why()).isNotBlank();
    }

    private static Transition moves(Stage stage, StageEvent event) {
        StageDecision decision = StageEngine.decide(LeadStage.at(stage, ENTERED), event, POLICY, NOW);
        return decision.move().orElseThrow(() -> new AssertionError("no move: " + decision.why()));
    }

    @Nested
    class Arrival {
        @Test
        void aNewLeadEntersAtLeadAsOfItsCreation() {
            StageDecision decision = StageEngine.decide(LeadStage.none(), new Arrived(ENTERED), POLICY, NOW);

            assertThat(decision.move()).contains(new Transition(null, Stage.LEAD, ENTERED, "imported"));
        }

        @Test
        void rejectsAnyOtherEventBeforeTheLeadArrived() {
            assertThrows(IllegalArgumentException.class,
                    () -> StageEngine.decide(LeadStage.none(), Scored.of(0.5), POLICY, NOW));
        }
    }

    @Nested
    class ScoreAndSignals {
        @Test
        void anMqlByScoreQualifiesAtTheTimeOfTheDecision() {
            Transition move = moves(Stage.LEAD, Scored.of(0.25));

            assertThat(move.at()).isEqualTo(NOW);
            assertThat(move.reason()).isEqualTo("score 0.250 reached the MQL threshold 0.100");
        }

        @Test
        void aFastTrackSignalStartsTheSlaClockWhenItHappened() {
            Transition move = moves(Stage.LEAD, new Scored(0.02, new Signal(ActivityType.DEMO_REQUEST, EVENT_AT), null));

            assertThat(move.at()).isEqualTo(EVENT_AT);
            assertThat(move.reason()).isEqualTo("fast-track: demo request (score 0.020)");
        }

        @Test
        void theScoreWinsOverASignalWhenBothHold() {
            Transition move = moves(Stage.LEAD, new Scored(0.4, new Signal(ActivityType.DEMO_REQUEST, EVENT_AT), null));

            assertThat(move.at()).isEqualTo(NOW);
            assertThat(move.reason()).startsWith("score 0.400");
        }

        @Test
        void aSignalWhoseTimeIsNotKeptQualifiesAtTheTimeOfTheDecision() {
            Transition move = moves(Stage.LEAD, new Scored(0.02, null, ActivityType.CONTACT_REQUEST));

            assertThat(move.at()).isEqualTo(NOW);
            assertThat(move.reason()).isEqualTo("fast-track: contact request (score 0.020)");
        }

        @Test
        void aNurturedLeadComesBackOnlyOnASignalShownAfterItReturned() {
            Transition back = moves(Stage.NURTURE, new Scored(0.02, new Signal(ActivityType.PRICING_QUESTION, EVENT_AT), null));
            assertThat(back.at()).isEqualTo(EVENT_AT);
            assertThat(back.reason()).isEqualTo("fast-track: pricing question (score 0.020)");

            StageDecision atEntry = StageEngine.decide(LeadStage.at(Stage.NURTURE, ENTERED),
                    new Scored(0.9, new Signal(ActivityType.DEMO_REQUEST, ENTERED), ActivityType.DEMO_REQUEST), POLICY, NOW);
            assertThat(atEntry).isInstanceOf(StageDecision.Stay.class);
        }

        @Test
        void theThresholdIsThePolicys() {
            StageDecision lower = StageEngine.decide(LeadStage.at(Stage.LEAD, ENTERED), Scored.of(0.05),
                    POLICY.withMqlThreshold(0.05), NOW);

            assertThat(lower.move()).map(Transition::to).contains(Stage.MQL);
        }

        @Test
        void onlyFastTrackTypesAreSignals() {
            assertThat(StageEngine.FAST_TRACK_SIGNALS).containsExactlyInAnyOrder(ActivityType.DEMO_REQUEST,
                    ActivityType.CONTACT_REQUEST, ActivityType.PRICING_QUESTION);
            assertThrows(IllegalArgumentException.class, () -> new Signal(ActivityType.PAGE_VIEW, EVENT_AT));
            assertThrows(IllegalArgumentException.class, () -> new Scored(0.1, null, ActivityType.TRIAL_SIGNUP));
        }

        @Test
        void rejectsAScoreThatIsNotAProbability() {
            assertThrows(IllegalArgumentException.class, () -> Scored.of(1.5));
            assertThrows(IllegalArgumentException.class, () -> Scored.of(Double.NaN));
        }
    }

    @Nested
    class FollowUps {
        @Test
        void aRejectionCarriesTheReasonSalesGave() {
            assertThat(moves(Stage.MQL, new FollowedUp(FollowUpOutcome.REJECTED, " Bad_Fit ", EVENT_AT)).reason())
                    .isEqualTo("rejected by sales: bad_fit");
            assertThat(moves(Stage.MQL, new FollowedUp(FollowUpOutcome.REJECTED, null, EVENT_AT)).reason())
                    .isEqualTo("rejected by sales: no reason given");
        }

        @Test
        void movesAtTheFollowUpsTime() {
            Transition move = moves(Stage.MQL, new FollowedUp(FollowUpOutcome.ACCEPTED, null, EVENT_AT));

            assertThat(move).isEqualTo(new Transition(Stage.MQL, Stage.SAL, EVENT_AT, "follow-up accepted"));
        }

        @Test
        void aFollowUpDatedBeforeTheStageWasEnteredMovesTheLeadWhenItEnteredNeverEarlier() {
            // a rejection sent back-dated to before the lead became an MQL: the history still reads forwards
            for (StageEvent early : List.of(new FollowedUp(FollowUpOutcome.REJECTED, "not_ready", BEFORE_ENTRY),
                    new FollowedUp(FollowUpOutcome.ACCEPTED, null, BEFORE_ENTRY), new DealOpened("D-1", BEFORE_ENTRY),
                    new DealClosed("D-1", DealStatus.LOST, BEFORE_ENTRY))) {
                assertThat(moves(Stage.MQL, early).at()).as(early.toString()).isEqualTo(ENTERED);
            }
        }

        @Test
        void stagesWithADealTakeNoFollowUp() {
            for (Stage stage : EnumSet.of(Stage.OPPORTUNITY, Stage.WON, Stage.LOST)) {
                for (FollowUpOutcome outcome : FollowUpOutcome.values()) {
                    assertThat(StageEngine.decide(LeadStage.at(stage, ENTERED), new FollowedUp(outcome, null, EVENT_AT),
                            POLICY, NOW)).isInstanceOf(StageDecision.Refuse.class);
                }
            }
        }
    }

    @Nested
    class Deals {
        @Test
        void saysWhichDealMovedTheLead() {
            assertThat(moves(Stage.SQL, new DealOpened("D-7", EVENT_AT)).reason()).isEqualTo("deal D-7 opened");
            assertThat(moves(Stage.OPPORTUNITY, new DealClosed("D-7", DealStatus.WON, EVENT_AT)).reason())
                    .isEqualTo("deal D-7 won");
            assertThat(moves(Stage.OPPORTUNITY, new DealClosed("D-7", DealStatus.LOST, EVENT_AT)).reason())
                    .isEqualTo("deal D-7 lost");
        }

        @Test
        void anOpenDealIsNoClosing() {
            assertThrows(IllegalArgumentException.class, () -> new DealClosed("D-1", DealStatus.OPEN, EVENT_AT));
        }
    }

    @Nested
    class UnansweredMqls {
        private final Instant mqlAt = Instant.parse("2026-02-01T08:00:00Z");

        @Test
        void isRecycledExactlyWhenItHasWaitedTheRecycleAfterDays() {
            Instant recycleAt = mqlAt.plus(Duration.ofDays(14));
            LeadStage mql = LeadStage.at(Stage.MQL, mqlAt);

            StageDecision early = StageEngine.decide(mql, new Unanswered(mqlAt), POLICY, recycleAt.minusMillis(1));
            StageDecision due = StageEngine.decide(mql, new Unanswered(mqlAt), POLICY, recycleAt);

            assertThat(early).isInstanceOf(StageDecision.Stay.class);
            assertThat(early.why()).startsWith("SLA breached at 2026-02-02T08:00:00Z");
            assertThat(due.move()).contains(new Transition(Stage.MQL, Stage.NURTURE, recycleAt, "sla_recycled"));
        }

        @Test
        void aBreachIsNoMoveWhileTheSlaRuns() {
            StageDecision running = StageEngine.decide(LeadStage.at(Stage.MQL, mqlAt), new Unanswered(mqlAt), POLICY,
                    mqlAt.plus(Duration.ofHours(24)));

            assertThat(running.why()).isEqualTo("SLA runs until 2026-02-02T08:00:00Z");
        }

        @Test
        void theRecyclingTimeIsThePolicys() {
            StageDecision decision = StageEngine.decide(LeadStage.at(Stage.MQL, mqlAt), new Unanswered(mqlAt),
                    POLICY.withRecycleAfterDays(3), mqlAt.plus(Duration.ofDays(3)));

            assertThat(decision.move()).map(Transition::to).contains(Stage.NURTURE);
        }
    }

    @Test
    void reachCountsALostDealAsAnOpportunityAndNurtureAsALead() {
        assertThat(Stream.of(Stage.values()).map(StageEngine::reach).toList()).containsExactly(0, 1, 2, 3, 4, 5, 4, 0);
    }

    @Test
    void aRecordedReasonReadsAsTheRuleThenItsPhrasesWhateverTheRule() {
        Policy policy = Policy.defaults();
        Instant at = Instant.parse("2026-05-04T09:00:00Z");
        LeadStage lead = new LeadStage(Stage.LEAD, at.minusSeconds(3600));
        StageDecision.Move fast = (StageDecision.Move) StageEngine.decide(lead,
                new Scored(0.02, new Signal(ActivityType.DEMO_REQUEST, at), null), policy, at);
        // a fast-track rule has ": " inside it; the phrases the scoring adds come after the rule's own
        assertThat(StageEngine.reasonsOf(fast.transition().reason() + ": requested a demo; a VP"))
                .containsExactly("fast-track: demo request (score 0.020)", "requested a demo", "a VP");
        assertThat(StageEngine.reasonsOf(fast.transition().reason())).containsExactly("fast-track: demo request (score 0.020)");
        assertThat(StageEngine.reasonsOf("score 0.412 reached the MQL threshold 0.100: requested a demo; a VP"))
                .containsExactly("score 0.412 reached the MQL threshold 0.100", "requested a demo", "a VP");
        assertThat(StageEngine.reasonsOf("rejected by sales: bad_fit")).containsExactly("rejected by sales", "bad_fit");
        assertThat(StageEngine.reasonsOf("deal D-1 won")).containsExactly("deal D-1 won");
        assertThat(StageEngine.reasonsOf(null)).isEmpty();
        assertThat(StageEngine.reasonsOf("  ")).isEmpty();
    }
}

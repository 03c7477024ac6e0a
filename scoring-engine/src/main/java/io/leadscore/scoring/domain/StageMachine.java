package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The stage rules both teams signed up to (DOMAIN.md): a follow-up
 * {@code accepted} makes a lead sales-accepted, {@code meeting_booked}
 * sales-qualified, {@code rejected} returns it to nurture with the reason; a
 * deal opened makes it an opportunity, a deal closed won or lost.
 *
 * <p>Stages only move forward along LEAD → MQL → SAL → SQL → OPPORTUNITY →
 * WON/LOST, except that a rejection (before a deal exists) returns the lead to
 * NURTURE, from where sales may pick it up again, and a new deal reopens a
 * lost lead as an opportunity. A follow-up that would not
 * move the lead forward (an {@code accepted} for an SQL) changes nothing, and
 * neither does {@code no_answer}: it counts for the SLA, not for the stage.
 * Sales may accept a lead marketing has not qualified; that is recorded as it
 * happened, LEAD → SAL.
 */
public final class StageMachine {
    private StageMachine() {
    }

    /** The stage a lead moves to on an event, with why; empty when it stays. */
    public static Optional<Move> next(Stage current, StageEvent event) {
        return switch (event.kind()) {
            case FOLLOW_UP_ACCEPTED -> forwardTo(current, Stage.SAL, "follow-up accepted");
            case FOLLOW_UP_MEETING_BOOKED -> forwardTo(current, Stage.SQL, "meeting booked");
            case FOLLOW_UP_REJECTED -> rank(current) < rank(Stage.OPPORTUNITY) && current != Stage.NURTURE
                    ? Optional.of(new Move(Stage.NURTURE, "rejected by sales: " + reason(event.detail())))
                    : Optional.empty();
            case FOLLOW_UP_NO_ANSWER -> Optional.empty();
            case DEAL_OPENED -> current == Stage.LOST
                    ? Optional.of(new Move(Stage.OPPORTUNITY, "deal " + event.detail() + " opened"))
                    : forwardTo(current, Stage.OPPORTUNITY, "deal " + event.detail() + " opened");
            case DEAL_WON -> current == Stage.WON ? Optional.empty()
                    : Optional.of(new Move(Stage.WON, "deal " + event.detail() + " won"));
            case DEAL_LOST -> current == Stage.WON || current == Stage.LOST ? Optional.empty()
                    : Optional.of(new Move(Stage.LOST, "deal " + event.detail() + " lost"));
        };
    }

    /** A stage change and its reason for the audit trail. */
    public record Move(Stage to, String reason) {
    }

    /**
     * Position along the main path; NURTURE sits beside LEAD (marketing owns it again).
     * WON and LOST are both ends.
     */
    public static int rank(Stage stage) {
        return switch (stage) {
            case LEAD, NURTURE -> 0;
            case MQL -> 1;
            case SAL -> 2;
            case SQL -> 3;
            case OPPORTUNITY -> 4;
            case WON, LOST -> 5;
        };
    }

    private static Optional<Move> forwardTo(Stage current, Stage target, String reason) {
        if (current.isClosed() || rank(current) >= rank(target)) {
            return Optional.empty();
        }
        return Optional.of(new Move(target, reason));
    }

    private static String reason(String detail) {
        return detail == null || detail.isBlank() ? "no reason given" : detail.strip().toLowerCase(Locale.ROOT);
    }
}

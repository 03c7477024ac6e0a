package io.leadscore.scoring.stages;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageDecision.Move;
import io.leadscore.scoring.stages.StageDecision.Refuse;
import io.leadscore.scoring.stages.StageDecision.Stay;
import io.leadscore.scoring.stages.StageEvent.Arrived;
import io.leadscore.scoring.stages.StageEvent.DealClosed;
import io.leadscore.scoring.stages.StageEvent.DealOpened;
import io.leadscore.scoring.stages.StageEvent.FollowedUp;
import io.leadscore.scoring.stages.StageEvent.Scored;
import io.leadscore.scoring.stages.StageEvent.Unanswered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The stage rules both teams signed up to (DOMAIN.md), as one pure function:
 * {@link #decide} takes a lead's stage, an event, the policy and the time of
 * the decision, and says whether the lead moves, where to and why.
 *
 * <ul>
 *   <li><b>Arrival</b>: a new lead enters at LEAD as of its creation.</li>
 *   <li><b>Score and fast-track signals</b> ({@link Scored}): a LEAD becomes an MQL when its score reaches the
 *       policy's threshold (at the time of the decision), or when it has shown a fast-track signal
 *       ({@link #FAST_TRACK_SIGNALS}; at the signal's time, when known, so its SLA clock starts then). The score
 *       wins when both hold. A lead in NURTURE was returned by sales or recycled: only a fast-track signal shown
 *       after it entered nurture brings it back (re-engagement), so it does not bounce back nightly on its score.
 *       An MQL or a later stage is never demoted; a closed lead is not scored.</li>
 *   <li><b>Follow-ups</b>: {@code accepted} makes a lead SAL, {@code meeting_booked} SQL, {@code rejected}
 *       returns it to NURTURE with the reason sales gave; {@code no_answer} counts for the SLA, not the stage.
 *       Sales may take a lead marketing has not qualified (LEAD → SAL). Stages only move forward: an
 *       {@code accepted} for an SQL changes nothing. A lead with a deal (OPPORTUNITY, WON, LOST) takes no
 *       follow-up: its deal moves it.</li>
 *   <li><b>Deals</b>: a deal opened makes the lead an OPPORTUNITY (and reopens a LOST lead); a deal won makes it
 *       WON, a deal lost LOST; a won lead stays won.</li>
 *   <li><b>An unanswered MQL</b> ({@link Unanswered}): while the SLA runs, and after it ran out (a breach, which
 *       the SLA check records), it stays an MQL; once it has waited the policy's recycle-after days it returns
 *       to NURTURE with the reason {@value #RECYCLED_REASON}.</li>
 * </ul>
 */
public final class StageEngine {
    /**
     * Fast-track signals: a lead that shows one is a hand-raiser and becomes an MQL whatever its score
     * (DOMAIN.md, stage MQL). The one list of them; features and the generator read it from here.
     */
    public static final Set<ActivityType> FAST_TRACK_SIGNALS = Collections.unmodifiableSet(EnumSet.of(
            ActivityType.DEMO_REQUEST, ActivityType.CONTACT_REQUEST, ActivityType.PRICING_QUESTION));
    /** The audit trail's reason for an MQL returned to nurture after it waited too long for a follow-up. */
    public static final String RECYCLED_REASON = "sla_recycled";
    /** How a fast-track rule begins, before the signal and the score. */
    private static final String FAST_TRACK = "fast-track: ";
    /** The audit trail's reason for a lead's first stage. */
    public static final String ARRIVED_REASON = "imported";

    /*
     * The decisions the nightly rescoring makes for almost every lead, made once: a score that moves nothing is
     * the common case, and its reason need not be formatted a million times a night.
     */
    private static final Stay BELOW_THRESHOLD = new Stay("the score is below the MQL threshold and there is no"
            + " fast-track signal");
    private static final Stay NURTURED = new Stay("in nurture: only a fast-track signal shown after it returned"
            + " brings it back, not its score");
    private static final Stay QUALIFIED = new Stay("already an MQL or further on: a score never demotes a lead");
    private static final Refuse CLOSED = new Refuse("the lead is closed (won or lost): it is no longer scored");

    private StageEngine() {
    }

    public static boolean isFastTrack(ActivityType type) {
        return FAST_TRACK_SIGNALS.contains(type);
    }

    /**
     * What {@code event} does to a lead at {@code lead}'s stage under {@code policy}, decided at {@code now} (the
     * as-of time of a nightly run, or the moment a live event is applied).
     *
     * @throws IllegalArgumentException when the lead has not arrived and the event is not its arrival
     */
    public static StageDecision decide(LeadStage lead, StageEvent event, Policy policy, Instant now) {
        Objects.requireNonNull(lead, "lead");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        if (event instanceof Arrived arrived) {
            return lead.stage() == null
                    ? new Move(new Transition(null, Stage.LEAD, arrived.createdAt(), ARRIVED_REASON))
                    : new Refuse("the lead is in the funnel already, at " + lead.stage());
        }
        if (lead.stage() == null) {
            throw new IllegalArgumentException("Invalid event for a lead not in the funnel: " + event
                    + ", expected its arrival first");
        }
        return notBeforeEntry(lead, decideInStage(lead, event, policy, now));
    }

    private static StageDecision decideInStage(LeadStage lead, StageEvent event, Policy policy, Instant now) {
        if (event instanceof Scored scored) {
            return scored(lead, scored, policy, now);
        }
        if (event instanceof FollowedUp followUp) {
            return followUp(lead.stage(), followUp);
        }
        if (event instanceof DealOpened opened) {
            return dealOpened(lead.stage(), opened);
        }
        if (event instanceof DealClosed closed) {
            return dealClosed(lead.stage(), closed);
        }
        return unanswered(lead.stage(), (Unanswered) event, policy, now);
    }

    /**
     * A move is never dated before the lead entered the stage it leaves: an event dated earlier (a follow-up sent
     * back-dated, a deal closing exported late) moves the lead at the moment it entered, so the stage history
     * reads forwards and an MQL's rejection never precedes its creation.
     */
    private static StageDecision notBeforeEntry(LeadStage lead, StageDecision decision) {
        if (decision instanceof Move move && move.transition().at().isBefore(lead.enteredAt())) {
            Transition t = move.transition();
            return new Move(new Transition(t.from(), t.to(), lead.enteredAt(), t.reason()));
        }
        return decision;
    }

    private static StageDecision scored(LeadStage lead, Scored event, Policy policy, Instant now) {
        Stage stage = lead.stage();
        double threshold = policy.mqlThreshold();
        StageEvent.Signal signal = event.newSignal();
        switch (stage) {
            case LEAD -> {
                if (event.score() >= threshold) {
                    return move(stage, Stage.MQL, now, String.format(Locale.ROOT,
                            "score %.3f reached the MQL threshold %.3f", event.score(), threshold));
                }
                if (signal != null) {
                    // a signal from before the lead's creation qualifies it now, not before it existed
                    Instant at = signal.at().isAfter(lead.enteredAt()) ? signal.at() : now;
                    return move(stage, Stage.MQL, at, fastTrack(signal.type(), event.score()));
                }
                if (event.pastSignal() != null) {
                    return move(stage, Stage.MQL, now, fastTrack(event.pastSignal(), event.score()));
                }
                return BELOW_THRESHOLD;
            }
            case NURTURE -> {
                if (signal != null && signal.at().isAfter(lead.enteredAt())) {
                    return move(stage, Stage.MQL, signal.at(), fastTrack(signal.type(), event.score()));
                }
                return NURTURED;
            }
            case MQL, SAL, SQL, OPPORTUNITY -> {
                return QUALIFIED;
            }
            default -> {
                return CLOSED;
            }
        }
    }

    private static String fastTrack(ActivityType signal, double score) {
        return String.format(Locale.ROOT, FAST_TRACK + "%s (score %.3f)", signal.wireName().replace('_', ' '), score);
    }

    /**
     * A move's recorded reason as a list, the one reading of it every answer gives (the sales queue, webhooks): the
     * rule, then the phrases after it. The rule ends at the first {@code ": "} (after the {@code "fast-track: "} that
     * begins a fast-track rule); the phrases after it are split at {@code "; "}. {@code "fast-track: demo request
     * (score 0.120): requested a demo; a VP"} gives three, {@code "rejected by sales: bad_fit"} two.
     */
    public static List<String> reasonsOf(String recorded) {
        List<String> out = new ArrayList<>();
        if (recorded == null || recorded.isBlank()) {
            return out;
        }
        int colon = recorded.indexOf(": ", recorded.startsWith(FAST_TRACK) ? FAST_TRACK.length() : 0);
        out.add((colon < 0 ? recorded : recorded.substring(0, colon)).strip());
        if (colon >= 0) {
            for (String phrase : recorded.substring(colon + 2).split("; ")) {
                if (!phrase.isBlank()) {
                    out.add(phrase.strip());
                }
            }
        }
        return out;
    }

    private static StageDecision followUp(Stage stage, FollowedUp event) {
        if (stage == Stage.OPPORTUNITY || stage.isClosed()) {
            return new Refuse("the lead has a deal (" + stage + "): its deal moves it, not a follow-up");
        }
        return switch (event.outcome()) {
            case ACCEPTED -> forwardTo(stage, Stage.SAL, event.at(), "follow-up accepted");
            case MEETING_BOOKED -> forwardTo(stage, Stage.SQL, event.at(), "meeting booked");
            case REJECTED -> stage == Stage.NURTURE ? new Stay("in nurture already")
                    : move(stage, Stage.NURTURE, event.at(), "rejected by sales: " + reason(event.reason()));
            case NO_ANSWER -> new Stay("no answer counts for the SLA, not for the stage");
        };
    }

    private static StageDecision dealOpened(Stage stage, DealOpened event) {
        String why = "deal " + event.dealId() + " opened";
        return switch (stage) {
            case LOST -> move(stage, Stage.OPPORTUNITY, event.at(), why);
            case WON -> new Stay("won already: a new deal does not reopen a won lead");
            default -> forwardTo(stage, Stage.OPPORTUNITY, event.at(), why);
        };
    }

    private static StageDecision dealClosed(Stage stage, DealClosed event) {
        if (stage == Stage.WON) {
            return new Stay("won already");
        }
        if (event.status() == DealStatus.WON) {
            return move(stage, Stage.WON, event.at(), "deal " + event.dealId() + " won");
        }
        return stage == Stage.LOST ? new Stay("lost already")
                : move(stage, Stage.LOST, event.at(), "deal " + event.dealId() + " lost");
    }

    private static StageDecision unanswered(Stage stage, Unanswered event, Policy policy, Instant now) {
        if (stage != Stage.MQL) {
            return new Refuse("the lead is no longer an MQL (" + stage + "): its SLA watch has ended");
        }
        Instant recycleAt = policy.recycleAt(event.mqlAt());
        if (!now.isBefore(recycleAt)) {
            return move(stage, Stage.NURTURE, now, RECYCLED_REASON);
        }
        Instant due = policy.slaDueAt(event.mqlAt());
        return new Stay(now.isAfter(due)
                ? "SLA breached at " + due + ": an MQL until it is recycled at " + recycleAt
                : "SLA runs until " + due);
    }

    private static StageDecision forwardTo(Stage stage, Stage target, Instant at, String reason) {
        if (rank(stage) >= rank(target)) {
            return new Stay("at " + stage + " already, at or past " + target);
        }
        return move(stage, target, at, reason);
    }

    private static Move move(Stage from, Stage to, Instant at, String reason) {
        return new Move(new Transition(from, to, at, reason));
    }

    private static String reason(String detail) {
        return detail == null || detail.isBlank() ? "no reason given" : detail.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Position along the main path; NURTURE sits beside LEAD (marketing owns it again), WON and LOST are both
     * ends.
     */
    static int rank(Stage stage) {
        return switch (stage) {
            case LEAD, NURTURE -> 0;
            case MQL -> 1;
            case SAL -> 2;
            case SQL -> 3;
            case OPPORTUNITY -> 4;
            case WON, LOST -> 5;
        };
    }

    /**
     * How far along the main path LEAD → MQL → SAL → SQL → OPPORTUNITY → WON a lead at this stage got, 0 to 5:
     * a lost deal counts as an opportunity reached, nurture as a lead. A lead reached every stage up to the
     * furthest its audit trail shows (what the funnel report and the simulator's calibration count).
     */
    public static int reach(Stage stage) {
        return stage == Stage.LOST ? rank(Stage.OPPORTUNITY) : rank(stage);
    }
}

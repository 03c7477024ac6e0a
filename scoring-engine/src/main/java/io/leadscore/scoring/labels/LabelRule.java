package io.leadscore.scoring.labels;

import io.leadscore.scoring.artifact.ScoreClaim;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.Deal;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.policy.Policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * What the score claims, and the label of a snapshot that says whether the claim came true: <em>the
 * probability that this open lead produces a won deal within {@code horizonDays} days of now</em>.
 *
 * <p>A snapshot looks at a lead at a time t. The lead is open at t when none of its deals was opened strictly
 * before t (an opportunity ends the lead's time as a lead: from then on the sales process speaks, and its
 * activity would give the outcome away). The label of an open lead at t is 1 when one of its deals was won with
 * {@code closed_at} in [t, t + horizon), 0 otherwise. It is known at a training date {@code asOf} once
 * {@code t + horizon <= asOf}; before that the snapshot is {@link Outcome#CENSORED} and left out, whatever
 * happened already (counting early wins but not pending losses would inflate the most recent rows).
 *
 * <p>Known at {@code asOf}: a deal opened before it, a win closed before it. Only events strictly before t are in
 * a snapshot's features, so a snapshot at t never sees its own future, nor the opportunity.
 *
 * @param horizonDays the claim's horizon, 1 to 3660 days (the policy's label horizon, 180 by default)
 */
public record LabelRule(int horizonDays) {

    /**
     * The age, in days, at which the training rows of releases before point-in-time training looked at a lead;
     * still the window within which the nightly job compares young leads' scores for drift.
     */
    public static final int DEFAULT_OBSERVATION_WINDOW_DAYS = 30;

    public LabelRule {
        if (horizonDays < 1 || horizonDays > 3660) {
            throw new IllegalArgumentException("Invalid label horizon: " + horizonDays + " days, expected 1 to 3660");
        }
    }

    /** The policy's label horizon. */
    public static LabelRule of(Policy policy) {
        return new LabelRule(policy.labelHorizonDays());
    }

    /** The claim in one sentence, as the docs and the model report state it. */
    public String claim() {
        return claim(horizonDays);
    }

    /** The claim of a score trained on point-in-time snapshots with this horizon. */
    public static String claim(int horizonDays) {
        return ScoreClaim.pointInTime(horizonDays).sentence();
    }

    /** The claim as a model's provenance records it. */
    public ScoreClaim scoreClaim() {
        return ScoreClaim.pointInTime(horizonDays);
    }

    public Duration horizon() {
        return Duration.ofDays(horizonDays);
    }

    /** Whether the lead existed at {@code t}. */
    public boolean exists(Lead lead, Instant t) {
        return lead.createdAt().isBefore(t);
    }

    /** Whether the lead is open at {@code t}: no deal of it was opened strictly before t. */
    public boolean openAt(Collection<Deal> deals, Instant t) {
        for (Deal deal : deals) {
            if (deal.createdAt().isBefore(t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The label of the lead looked at at {@code t}, as known at {@code asOf}: {@link Outcome#CENSORED} while
     * {@code t + horizon > asOf}.
     */
    public Outcome outcomeAt(Collection<Deal> deals, Instant t, Instant asOf) {
        Instant end = t.plus(horizon());
        if (end.isAfter(asOf)) {
            return Outcome.CENSORED;
        }
        for (Deal deal : deals) {
            if (deal.isWon() && !deal.closedAt().isBefore(t) && deal.closedAt().isBefore(end)
                    && deal.closedAt().isBefore(asOf)) {
                return Outcome.CONVERTED;
            }
        }
        return Outcome.NOT_CONVERTED;
    }

    /** When the lead's first opportunity known at {@code asOf} was opened, if any. */
    public Optional<Instant> firstOpportunity(Collection<Deal> deals, Instant asOf) {
        Instant first = null;
        for (Deal deal : deals) {
            if (deal.createdAt().isBefore(asOf) && (first == null || deal.createdAt().isBefore(first))) {
                first = deal.createdAt();
            }
        }
        return Optional.ofNullable(first);
    }

    /**
     * Fills {@code state} (reset to its own half-life and window) with the lead's engagement at {@code t}: every
     * activity strictly before t, decayed to t, the state the nightly job would hold for the lead that night.
     */
    public static void fillState(EngagementState state, Iterable<Activity> activities, Instant t) {
        state.reset(t);
        for (Activity activity : activities) {
            state.add(activity);
        }
    }

    @Override
    public String toString() {
        return "LabelRule[" + claim() + "]";
    }
}

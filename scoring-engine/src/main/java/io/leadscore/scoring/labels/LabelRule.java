package io.leadscore.scoring.labels;

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
 * When a lead counts as converted, and at which moment its training row looks at it, using only what
 * was known at an as-of time.
 *
 * <p>Known at {@code asOf}: a lead created before it; a deal opened before it; a win whose
 * {@code closed_at} is before it (a deal that closed later was still open then). The horizon is the
 * half-open interval [created_at, created_at + horizon): a lead whose horizon has passed
 * ({@code created_at + horizon <= asOf}) therefore has every win inside it known. A win recorded before
 * the lead's created_at (a re-created lead) counts as inside the horizon.
 *
 * @param horizonDays           a lead converted when it won a deal within this many days of its creation
 * @param observationWindowDays a training row looks at the lead this many days after its creation at
 *                              the latest, 1 to {@code horizonDays}
 */
public record LabelRule(int horizonDays, int observationWindowDays) {

    public static final int DEFAULT_OBSERVATION_WINDOW_DAYS = 30;

    public LabelRule {
        if (horizonDays < 1 || horizonDays > 3660) {
            throw new IllegalArgumentException("Invalid label horizon: " + horizonDays + " days, expected 1 to 3660");
        }
        if (observationWindowDays < 1 || observationWindowDays > horizonDays) {
            throw new IllegalArgumentException("Invalid observation window: " + observationWindowDays
                    + " days, expected 1 to the label horizon of " + horizonDays + " days (a row taken after the"
                    + " horizon would describe a lead whose outcome is already settled)");
        }
    }

    /** The policy's label horizon with the default observation window (capped at the horizon). */
    public static LabelRule of(Policy policy) {
        int horizon = policy.labelHorizonDays();
        return new LabelRule(horizon, Math.min(DEFAULT_OBSERVATION_WINDOW_DAYS, horizon));
    }

    /** Whether the lead existed at {@code asOf}. */
    public boolean exists(Lead lead, Instant asOf) {
        return lead.createdAt().isBefore(asOf);
    }

    /** The end of the lead's horizon: a win at or after it does not count. */
    public Instant horizonEnd(Lead lead) {
        return lead.createdAt().plus(Duration.ofDays(horizonDays));
    }

    /** The lead's outcome as known at {@code asOf}; {@link Outcome#CENSORED} while its horizon runs. */
    public Outcome outcome(Lead lead, Collection<Deal> deals, Instant asOf) {
        Instant horizonEnd = horizonEnd(lead);
        if (horizonEnd.isAfter(asOf)) {
            return Outcome.CENSORED;
        }
        for (Deal deal : deals) {
            if (deal.isWon() && deal.closedAt().isBefore(horizonEnd) && deal.closedAt().isBefore(asOf)) {
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
     * The time a training row looks at the lead: the end of its observation window (a fixed age for every
     * lead), or {@code asOf} when that comes first. The time must not depend on the outcome: a row taken
     * at the first opportunity would tell the model, through its age and the recency and decay of its
     * engagement, that an opportunity had opened. Which events count is {@link #eventsBefore}.
     */
    public Instant snapshotAt(Lead lead, Collection<Deal> deals, Instant asOf) {
        Instant snapshot = lead.createdAt().plus(Duration.ofDays(observationWindowDays));
        return asOf.isBefore(snapshot) ? asOf : snapshot;
    }

    /**
     * Events of a training row occurred strictly before this time: its snapshot, or its first opportunity
     * when that comes earlier — a row never sees what happened from the first opportunity on (the sales
     * process's own activity would leak the outcome). The row is still evaluated at {@link #snapshotAt}.
     */
    public Instant eventsBefore(Lead lead, Collection<Deal> deals, Instant asOf) {
        return eventsBefore(lead, deals, asOf, snapshotAt(lead, deals, asOf));
    }

    /**
     * Fills {@code state} (reset to its own half-life and window) with a training row's engagement: the
     * activities before {@link #eventsBefore}, decayed to {@link #snapshotAt}. The training set and the
     * champion's evaluation on the same rows both go through here.
     *
     * @return the snapshot time the state is now as of
     */
    public Instant fillRowState(EngagementState state, Lead lead, Iterable<Activity> activities,
                                Collection<Deal> deals, Instant asOf) {
        Instant snapshot = snapshotAt(lead, deals, asOf);
        state.reset(eventsBefore(lead, deals, asOf, snapshot));
        for (Activity activity : activities) {
            state.add(activity);
        }
        state.advanceTo(snapshot);
        return snapshot;
    }

    private Instant eventsBefore(Lead lead, Collection<Deal> deals, Instant asOf, Instant snapshot) {
        Optional<Instant> opportunity = firstOpportunity(deals, asOf);
        return opportunity.isPresent() && opportunity.get().isBefore(snapshot) ? opportunity.get() : snapshot;
    }
}

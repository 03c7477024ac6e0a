package io.leadscore.batch.rescoring;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.explain.Reason;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeaturePhrases;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.StageEvent;
import io.leadscore.scoring.stages.Transition;
import java.time.Instant;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Rescores one open lead, in memory only:
 * <ol>
 *   <li>its engagement state is rolled forward to the run's as-of time with only the activities it has not
 *       seen (or rebuilt from its whole history when the stored one cannot be used);</li>
 *   <li>its feature vector is scored with the champion's compiled scorer;</li>
 *   <li>the stage engine decides what the score, and the fast-track signals behind it, do to its stage; a move
 *       to MQL is recorded with the rule that fired and the top reasons raising the score.</li>
 * </ol>
 * One instance per partition (not thread-safe: it reuses its state and vector).
 */
class RescoreProcessor implements ItemProcessor<OpenLead, ScoredLead> {
    private static final ActivityType[] SIGNALS = StageEngine.FAST_TRACK_SIGNALS.toArray(new ActivityType[0]);

    private final boolean live;
    private final ChampionModel champion;
    private final Policy policy;
    private final Instant asOf;
    private final long asOfMillis;
    private final FeaturePhrases phrases = new FeaturePhrases();
    private final EngagementState state;
    private final double[] x;

    /** @param policy the policy whose MQL threshold the run applies */
    RescoreProcessor(ChampionModel champion, Policy policy, Instant asOf) {
        this(champion, policy, asOf, false);
    }

    /**
     * @param live whether the scoring answers a live event: a lead that qualifies then becomes an MQL at once, at
     *             {@code asOf}, whatever the time its signal carries (a demo request pushed days after it happened
     *             starts its SLA clock when sales can first see it, not already overdue); the nightly run dates a
     *             fast-track move at the signal's time
     */
    RescoreProcessor(ChampionModel champion, Policy policy, Instant asOf, boolean live) {
        this.live = live;
        this.champion = champion;
        this.policy = policy;
        this.asOf = asOf;
        this.asOfMillis = asOf.toEpochMilli();
        this.state = champion.extractor().newState(asOf);
        this.x = new double[champion.artifact().schema().size()];
    }

    /* Per lead, while its activities are offered to the state. */
    private long enteredStage;
    private long watermark;
    private Long pendingFrom;
    private ActivityType newSignal;
    private long newSignalAt;
    /** The reasons of the lead just processed, once asked for: a move and the live answer share them. */
    private List<String> reasons;

    @Override
    public ScoredLead process(OpenLead lead) {
        enteredStage = lead.stageChangedAt() == null ? Long.MIN_VALUE : lead.stageChangedAt().toEpochMilli();
        pendingFrom = null;
        newSignal = null;
        newSignalAt = Long.MAX_VALUE;
        reasons = null;
        boolean usable = lead.stateUsable();
        if (usable) {
            state.readFrom(lead.state());
            usable = champion.extractor().accepts(state) && state.asOfMillis() <= asOfMillis;
        }
        NewEvents events = lead.events();
        if (usable) {
            long previousAsOf = state.asOfMillis();
            state.advanceTo(asOfMillis);
            watermark = lead.watermark();
            for (int e = 0; e < events.size(); e++) {
                // above the stored watermark, or offered before while it was still ahead of the state's time
                if (events.id(e) > lead.watermark() || lead.pendingFrom() != null && events.id(e) >= lead.pendingFrom()
                        && events.time(e) >= previousAsOf) {
                    offer(events, e);
                }
            }
        } else {
            champion.extractor().resetState(state, asOfMillis);
            watermark = 0;
            for (int e = 0; e < lead.history().size(); e++) {
                offer(lead.history(), e);
            }
            for (int e = 0; e < events.size(); e++) {
                offer(events, e);
            }
        }
        watermark = Math.max(watermark, lead.highMark());
        champion.extractor().extractInto(lead.lead(), state, asOfMillis, x);
        double score = champion.scorer().score(x);
        StageEvent.Scored scored = new StageEvent.Scored(score,
                newSignal == null ? null : new StageEvent.Signal(newSignal, Instant.ofEpochMilli(newSignalAt)),
                newSignal == null ? pastSignal(state) : null);
        LeadStage read = LeadStage.at(lead.stage(), lead.stageChangedAt());
        Transition move = StageEngine.decide(read, scored, policy, asOf)
                .move().map(t -> t.withDetail(raisingReasons())).orElse(null);
        if (live && move != null && move.at().isBefore(asOf)) {
            move = new Transition(move.from(), move.to(), asOf, move.reason());
        }
        return new ScoredLead(lead.id(), lead.neverScored(), state.toBytes(), watermark, pendingFrom, score,
                champion.scorer().grade(score), move, read, asOf);
    }

    /**
     * Offers one activity to the state: it raises the watermark; one the state cannot hold yet (at or after its
     * time) is kept pending; a fast-track signal after the lead entered its stage is remembered, the earliest.
     */
    private void offer(NewEvents events, int e) {
        long id = events.id(e);
        long time = events.time(e);
        ActivityType type = events.type(e);
        watermark = Math.max(watermark, id);
        if (!state.add(type, time)) {
            pendingFrom = pendingFrom == null ? id : Math.min(pendingFrom, id);
        } else if (StageEngine.isFastTrack(type) && time > enteredStage && time < newSignalAt) {
            newSignal = type;
            newSignalAt = time;
        }
    }

    /** A fast-track signal the state has seen, whenever it was. */
    private static ActivityType pastSignal(EngagementState state) {
        for (ActivityType type : SIGNALS) {
            if (state.seen(type)) {
                return type;
            }
        }
        return null;
    }

    /** The top reasons raising the score of the vector just scored, as phrases for the audit trail. */
    private String raisingReasons() {
        return String.join("; ", reasons());
    }

    /**
     * The top reasons raising the score of the lead just processed, as phrases; explained once per lead, however
     * often asked (a move records them, the live answer returns them).
     */
    List<String> reasons() {
        if (reasons == null) {
            List<Reason> raising = champion.explainer().explain(x, phrases).raising();
            reasons = raising.stream().map(Reason::phrase).toList();
        }
        return reasons;
    }
}

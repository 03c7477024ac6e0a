package io.leadscore.batch.slacheck;

import io.leadscore.scoring.domain.Stage;
import java.time.Instant;
import java.util.Objects;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * The SLA's first pledge (DOMAIN.md), for one MQL as of one time: a first
 * follow-up of any outcome at or before the due time meets it; a later one, or
 * none by the as-of time once the due time has passed, is a breach, recorded
 * once per MQL time. A breach never followed up stays watched until the
 * recycling time: then the recycling step returns it to nurture if it is still
 * an MQL, and otherwise the watch ends ({@link SlaState#EXPIRED}).
 *
 * <p>An MQL with nothing to decide yet is filtered out of the step. How many
 * MQLs were examined and how many of them are waiting are kept in the step's
 * context, which commits with each chunk: unlike the step's own counts, which
 * in Spring Batch 6 also take in a chunk that rolled back, they stay exact
 * across a failure and restart.
 */
class SlaRules implements ItemProcessor<SlaCandidate, SlaDecision>, ItemStream {
    static final String EXAMINED = "examined";
    static final String WAITING = "waiting";

    private final SlaTerms terms;
    private final Instant asOf;
    private long examined;
    private long waiting;

    SlaRules(SlaTerms terms, Instant asOf) {
        this.terms = Objects.requireNonNull(terms, "terms");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
    }

    @Override
    public void open(ExecutionContext context) {
        examined = context.getLong(EXAMINED, 0L);
        waiting = context.getLong(WAITING, 0L);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(EXAMINED, examined);
        context.putLong(WAITING, waiting);
    }

    @Override
    public SlaDecision process(SlaCandidate lead) {
        examined++;
        SlaDecision decision = decide(lead);
        if (decision == null) {
            waiting++;
        }
        return decision;
    }

    /** The decision for one MQL, or {@code null} when there is nothing to decide yet. */
    SlaDecision decide(SlaCandidate lead) {
        Instant due = terms.dueAt(lead.mqlAt());
        Instant touch = lead.firstTouch();
        if (touch != null && touch.isAfter(asOf)) {
            throw new IllegalArgumentException("Invalid first follow-up of lead " + lead.leadKey() + ": " + touch
                    + " is after the as-of time " + asOf);
        }
        boolean watchEnds = lead.stage() != Stage.MQL && !asOf.isBefore(terms.recycleAt(lead.mqlAt()));
        if (lead.effectiveState() == SlaState.OVERDUE) {
            if (touch != null) {
                return new SlaDecision(lead, SlaState.LATE, false, due, touch);
            }
            return watchEnds ? new SlaDecision(lead, SlaState.EXPIRED, false, due, null) : null;
        }
        if (touch != null) {
            return touch.isAfter(due)
                    ? new SlaDecision(lead, SlaState.LATE, true, due, touch)
                    : new SlaDecision(lead, SlaState.MET, false, due, touch);
        }
        if (!asOf.isAfter(due)) {
            return null;
        }
        return new SlaDecision(lead, watchEnds ? SlaState.EXPIRED : SlaState.OVERDUE, true, due, null);
    }
}

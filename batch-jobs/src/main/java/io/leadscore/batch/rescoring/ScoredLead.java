package io.leadscore.batch.rescoring;

import io.leadscore.scoring.scoring.Grade;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.Transition;
import java.time.Instant;

/**
 * What the rescoring processor made of one open lead, for the writer to store.
 *
 * @param leadId       store id
 * @param neverScored  the store holds no score row for it yet
 * @param state        its engagement state as of the run, serialised
 * @param watermark    every activity with an id up to this one was offered to the state
 * @param pendingFrom  the smallest id of an offered activity the state could not hold yet, or {@code null}
 * @param score        its calibrated score
 * @param grade        its grade
 * @param move         the stage move the score made (to MQL, with the rule and the top reasons), or {@code null}
 * @param read         the stage the move was decided from: it is made only if the lead is still there
 * @param asOf         the time the state and the score are as of
 */
record ScoredLead(long leadId, boolean neverScored, byte[] state, long watermark, Long pendingFrom, double score,
                  Grade grade, Transition move, LeadStage read, Instant asOf) {
}

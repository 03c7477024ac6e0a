package io.leadscore.batch.retraining;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.scoring.artifact.ModelArtifact;

/**
 * What a training run did.
 *
 * @param runId     the run (job instance)
 * @param status    COMPLETED, FAILED, …
 * @param failure   why it failed, or {@code null}
 * @param version   the challenger's version, or {@code null} when training did not get that far
 * @param model     the challenger's registry record, or {@code null}
 * @param artifact  the challenger's model (metrics, curves, provenance), or {@code null}
 * @param promoted  whether it became the champion
 * @param decision  the recorded reason of the promotion decision, or {@code null}
 * @param histories leads read
 * @param censored  leads left out because even their first snapshot's outcome is not known yet
 * @param leads     leads with at least one labelled snapshot (the rows of the training set are their snapshots)
 * @param notEnoughOutcomes whether it failed because the history cannot make a model (one outcome only, or too
 *                  little left to validate on): more history helps, a restart does not
 */
public record TrainingReport(long runId, long executionId, String status, String failure, String version,
                             ModelRecord model, ModelArtifact artifact, boolean promoted, String decision,
                             long histories, long censored, long leads, boolean notEnoughOutcomes) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}

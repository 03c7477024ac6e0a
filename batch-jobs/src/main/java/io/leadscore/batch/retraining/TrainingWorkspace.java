package io.leadscore.batch.retraining;

import io.leadscore.scoring.labels.TrainingSet;

/**
 * What the steps of one retraining run hand each other in memory: the
 * training set built by the first step. The first step runs again on a
 * restart, so a restarted run rebuilds it (deterministically) before going on.
 */
class TrainingWorkspace {
    private TrainingSet trainingSet;

    TrainingSet trainingSet() {
        if (trainingSet == null) {
            throw new IllegalStateException("the training set has not been built in this run");
        }
        return trainingSet;
    }

    void trainingSet(TrainingSet set) {
        this.trainingSet = set;
    }
}

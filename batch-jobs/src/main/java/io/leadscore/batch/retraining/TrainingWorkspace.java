package io.leadscore.batch.retraining;

import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.labels.TrainingSet;

/**
 * What the steps of one retraining run hand each other in memory: the
 * training set built by the first step and the challenger trained by the
 * second. Both steps run again on a restart, so a restarted run rebuilds them
 * (deterministically) before going on.
 */
class TrainingWorkspace {
    private TrainingSet trainingSet;
    private ModelArtifact challenger;
    private byte[] challengerFile;

    TrainingSet trainingSet() {
        if (trainingSet == null) {
            throw new IllegalStateException("the training set has not been built in this run");
        }
        return trainingSet;
    }

    void trainingSet(TrainingSet set) {
        this.trainingSet = set;
    }

    /** The challenger trained in this run, registered only together with the decision on it. */
    void challenger(ModelArtifact artifact, byte[] file) {
        this.challenger = artifact;
        this.challengerFile = file.clone();
    }

    ModelArtifact challenger() {
        if (challenger == null) {
            throw new IllegalStateException("no challenger has been trained in this run");
        }
        return challenger;
    }

    byte[] challengerFile() {
        challenger();
        return challengerFile.clone();
    }
}

package io.leadscore.scoring.training;

/**
 * Progress of a training run, called on the training thread. Implementations should return quickly.
 */
@FunctionalInterface
public interface TrainingListener {

    /** Ignores all progress. */
    TrainingListener NONE = (done, total) -> { };

    /**
     * Called after each tree (boosting) or each group of trees (random forest); a logistic regression reports
     * {@code (1, 1)} when its fit is done.
     *
     * @param done  trees trained so far
     * @param total trees to train
     */
    void treesTrained(int done, int total);

    /** Called when a stage starts. */
    default void stageStarted(TrainingStage stage) {
    }
}

package io.leadscore.scoring.training;

/** The steps of a training run, in order. */
public enum TrainingStage {
    /** Fitting the model on the training rows. */
    FITTING,
    /** Fitting the calibration on the validation window. */
    CALIBRATING,
    /** Measuring the calibrated model on the validation window. */
    EVALUATING
}

/**
 * Training with Smile: labelled rows in, a compiled and calibrated model with its validation metrics out
 * ({@link io.leadscore.scoring.training.ModelTrainer}). Smile is used here and nowhere on the scoring path.
 */
package io.leadscore.scoring.training;

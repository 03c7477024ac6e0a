/**
 * The hot path: a trained model compiled into flat arrays ({@link io.leadscore.scoring.scoring.CompiledModel}),
 * its calibration, and the {@link io.leadscore.scoring.scoring.Scorer} that turns a feature vector into the
 * final score and grade without boxing or allocating per lead. Needs no Smile at run time.
 */
package io.leadscore.scoring.scoring;

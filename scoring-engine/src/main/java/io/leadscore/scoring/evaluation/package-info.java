/**
 * How good a model is, measured out of time: discrimination, calibration, lift, and the threshold curve that
 * the simulator and the console read ({@link io.leadscore.scoring.evaluation.Evaluator}); and the rule that
 * decides whether a challenger replaces the champion ({@link io.leadscore.scoring.evaluation.PromotionRule}).
 */
package io.leadscore.scoring.evaluation;

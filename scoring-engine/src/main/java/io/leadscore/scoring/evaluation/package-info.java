/**
 * How good a model is, measured out of time: discrimination, calibration,
 * lift, and the threshold curve that the simulator and the console read.
 */
package io.leadscore.scoring.evaluation;

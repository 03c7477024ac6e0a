/**
 * Why a lead scored as it did: per-feature contributions that add up exactly to the raw score minus the
 * model's expected raw score (TreeSHAP for trees, centred coefficients for logistic regression), their fit
 * and engagement totals, and the top reasons each way in plain words.
 */
package io.leadscore.scoring.explain;

/**
 * What a lead's outcome was, as known at a point in time, and the training set
 * built from it: labelled leads (converted within the label horizon, or horizon
 * passed; leads still inside it are censored), each reduced to its feature
 * vector at a snapshot time before its first opportunity, split out of time
 * into an older training window and the most recent validation window.
 */
package io.leadscore.scoring.labels;

/**
 * What the score claims and the training set that teaches it: point-in-time
 * snapshots of every lead at a schedule of ages while it is open and before any
 * opportunity (the spine), each labelled 1 when the lead produced a won deal
 * within the horizon of the snapshot, 0 when the horizon passed without one;
 * snapshots whose horizon has not passed are censored. Each snapshot's features
 * come from the engagement state rolled forward as the nightly job rolls it; the
 * set is split out of time by snapshot time into an older training window and
 * the most recent validation window.
 */
package io.leadscore.scoring.labels;

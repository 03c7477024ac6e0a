/**
 * The stage engine: the one place where the funnel's rules live. A pure
 * function from a lead's stage, an event (a new score with the fast-track
 * signals behind it, a sales follow-up, a deal, an MQL left without a
 * follow-up, a lead's arrival), the policy and the time of the decision to
 * the stage move it makes and why, or why it makes none. The nightly jobs and
 * the live event flow both call it; the list of fast-track signals is
 * defined here.
 */
package io.leadscore.scoring.stages;

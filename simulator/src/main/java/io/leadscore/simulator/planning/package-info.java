/**
 * The inverse questions: how many leads (and MQLs) reach quota with a given
 * confidence for each threshold and SLA ({@link io.leadscore.simulator.planning.Planner}),
 * and which single change raises the chance of reaching quota most
 * ({@link io.leadscore.simulator.planning.Levers}). Both compare scenarios
 * under common random numbers: every run uses the same seed.
 */
package io.leadscore.simulator.planning;

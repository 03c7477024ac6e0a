/**
 * The Monte Carlo model of one quota period: a {@link io.leadscore.simulator.Scenario}
 * (the what-if knobs) and a {@link io.leadscore.simulator.calibration.Calibration}
 * (what is assumed about the business) go into {@link io.leadscore.simulator.Simulator#run},
 * which returns a {@link io.leadscore.simulator.SimulationResult} with the chance
 * of reaching quota, the revenue distribution and the expected funnel, and its
 * JSON, table and histogram renderings. Trials are independent and addressed
 * by (seed, trial index), so the result does not depend on the thread count.
 */
package io.leadscore.simulator;

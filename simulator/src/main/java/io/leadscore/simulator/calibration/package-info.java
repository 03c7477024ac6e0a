/**
 * The simulator's inputs about the business, each with where it came from:
 * built-in defaults (with the published figures behind them, see
 * {@link io.leadscore.simulator.calibration.Defaults}) or fits to the raw
 * observations the store passes in ({@link io.leadscore.simulator.calibration.StoreObservations}).
 * Every fitting function is pure and falls back to the default, saying why,
 * when the data cannot support an estimate.
 */
package io.leadscore.simulator.calibration;

/**
 * Back-testing: where a finished period's actual MQLs, wins and revenue fall
 * in the distribution the simulator projected for it.
 */
package io.leadscore.simulator.backtest;

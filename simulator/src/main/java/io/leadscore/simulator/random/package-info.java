/**
 * Random numbers for the simulator: counter-based uniform streams that give
 * every trial, component, day and draw its own number (so results do not
 * depend on the order or thread in which trials run), a commons-math adapter
 * for the samplers taken from there, and exact inverse distribution functions
 * (computed, or tabulated once per run for the Poisson and binomial day counts)
 * used to couple scenarios through common random numbers.
 */
package io.leadscore.simulator.random;

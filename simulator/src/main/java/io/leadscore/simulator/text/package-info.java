/**
 * Plain-text output shared by the simulator's renderers: the JSON documents'
 * writer (Jackson with the figure rule: finite numbers only,
 * Locale-independent) and number formatting for tables.
 */
package io.leadscore.simulator.text;

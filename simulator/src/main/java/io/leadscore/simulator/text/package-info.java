/**
 * Plain-text output shared by the simulator's renderers: a minimal JSON writer
 * (finite numbers only, Locale-independent) and number formatting for tables.
 */
package io.leadscore.simulator.text;

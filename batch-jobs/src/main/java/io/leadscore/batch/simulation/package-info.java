/**
 * What the simulator learns from the store: stage counts, response delays
 * against outcomes, deal sizes and cycle times, lead arrivals, the open
 * pipeline, and the champion's score distribution and threshold curve — as
 * of a date, so a back-test calibrates only from what was known before the
 * period it simulates.
 */
package io.leadscore.batch.simulation;

/**
 * What the simulator learns from the store: stage counts, response delays
 * against outcomes, deal sizes and cycle times, lead arrivals, the open
 * pipeline, and the champion's score distribution and threshold curve — as
 * of a date, so a back-test calibrates only from what was known before the
 * period it simulates; every lead's history for the paths deals take; and the
 * back-tests themselves, one period or every past period with a rolling
 * origin, compared with actuals counted as the funnel report counts them.
 */
package io.leadscore.batch.simulation;

/**
 * Quota what-ifs for leadership: the simulation, the plan (leads needed per
 * threshold × SLA) and the levers, through the API ({@code /api/simulate},
 * {@code /api/plan}, {@code /api/levers}, the command line's parameters and
 * JSON) and the what-if page, on a store calibration computed once per change
 * of the store; the limits a shared server puts on them (parameter ranges, a
 * cost budget, a bounded pool, cancellation when the client goes away).
 */
package io.leadscore.app.web.whatif;

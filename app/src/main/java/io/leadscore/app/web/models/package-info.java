/**
 * The model registry for the data team: the champion and the challengers with
 * their out-of-time metrics and curves (ROC, calibration, lift by decile, the
 * threshold curve), promotion and rollback with a recorded reason, through the
 * API ({@code /api/models}) and the Models pages.
 */
package io.leadscore.app.web.models;

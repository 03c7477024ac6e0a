/**
 * The policy — MQL threshold, SLA, recycling, label horizon, engagement
 * half-life — for everyone to read, with its history; changed by an admin as a
 * new version that records who changed it, when and why. Through the API
 * ({@code /api/policy}) and the Policy page.
 */
package io.leadscore.app.web.policy;

/**
 * Leads for the data team: search, and one lead's score over time, stage
 * history, follow-ups, deals, activity, the reasons recorded when it became an
 * MQL, and the reasons the champion gives for it now. E-mail addresses only
 * for the roles that need them. Through the API ({@code /api/leads}) and the
 * Leads pages.
 */
package io.leadscore.app.web.leads;

/**
 * The funnel report both teams read: stage counts and conversion along the
 * main path, SLA attainment and response times, sales acceptance, rejection
 * reasons, wins and revenue by source and campaign; taken on demand and kept,
 * through the API ({@code /api/funnel}) and the Funnel page.
 */
package io.leadscore.app.web.funnel;

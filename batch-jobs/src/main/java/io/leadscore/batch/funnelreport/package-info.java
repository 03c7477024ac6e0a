/**
 * The funnel report job: for a cohort of leads (by creation time) as of a
 * time, the stage counts, the main-path funnel with its conversions, the SLA's
 * response and acceptance pledges, the reasons leads went back to marketing,
 * and wins and revenue by source and campaign; each report is kept.
 */
package io.leadscore.batch.funnelreport;

/**
 * Running the nightly jobs from {@code leadscore serve}: rescoring and the SLA
 * check on cron schedules, and on demand from the console and the API, in the
 * background, one run of a kind at a time (in this process, and across
 * processes through the store's job lock), with their outcome kept for the Jobs
 * page and counted in the metrics.
 */
package io.leadscore.app.scheduler;

/**
 * Job runs for ops: every run with its status, counts, duration and drift;
 * rescoring and the SLA check started or restarted in the background (refused
 * while a run of the job is in progress), through the API ({@code /api/jobs})
 * and the Jobs page.
 */
package io.leadscore.app.web.jobs;

/**
 * The batch side of leadscore: Spring Batch jobs (import, rescoring,
 * retraining, SLA check, funnel report), one package per job, and the
 * persistence they share in {@link io.leadscore.batch.store}.
 */
package io.leadscore.batch;

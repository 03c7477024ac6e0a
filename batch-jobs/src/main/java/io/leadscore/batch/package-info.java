/**
 * The batch side of leadscore and the store's one owner: Spring Batch jobs
 * (import, rescoring, retraining, SLA check, funnel report), one package per
 * job; the repositories everything else reads and writes the store through
 * (the stage repository in {@link io.leadscore.batch.stages}, leads in
 * {@link io.leadscore.batch.leads}, the model registry, the policy and the job
 * history in {@link io.leadscore.batch.store}); and the store calibration of
 * the simulator.
 */
package io.leadscore.batch;

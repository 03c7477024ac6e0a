/**
 * Webhooks on the store's side: the transactional {@link io.leadscore.batch.webhooks.Outbox} that every writer of
 * a change subscribers hear of writes to in its own transaction (stage moves through
 * {@code stages.StageTransitions}, the SLA alerts of {@link io.leadscore.batch.webhooks.SlaAlerts}), the
 * {@link io.leadscore.batch.webhooks.Subscribers}, the {@link io.leadscore.batch.webhooks.Deliveries} with their
 * retry state, the {@link io.leadscore.batch.webhooks.RetrySchedule} and the
 * {@link io.leadscore.batch.webhooks.WebhookSignature}. Sending is {@code serve}'s (module app).
 */
package io.leadscore.batch.webhooks;

/**
 * Webhooks in {@code serve}: the delivery worker ({@link io.leadscore.app.webhooks.WebhookDispatcher}), the SLA
 * alerts' schedule ({@link io.leadscore.app.webhooks.SlaAlertSchedule}), what a webhook may point at
 * ({@link io.leadscore.app.webhooks.TargetPolicy}) and the settings of the config file
 * ({@link io.leadscore.app.webhooks.WebhookSettings}). The outbox, subscribers and deliveries live in the store
 * (batch-jobs, {@code io.leadscore.batch.webhooks}).
 */
package io.leadscore.app.webhooks;

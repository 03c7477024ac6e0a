/**
 * The model registry: every trained model with its metrics and its file,
 * which one is the champion, and every decision (registered, promoted, kept,
 * rolled back) with its reason. JPA entities: models are edited one at a time.
 */
package io.leadscore.batch.registry;

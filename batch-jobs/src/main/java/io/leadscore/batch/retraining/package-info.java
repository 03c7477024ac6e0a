/**
 * The retraining job: builds the training set from the store as of a date
 * (closed outcomes only, out-of-time validation), trains a challenger with
 * Smile, registers it, and promotes it when it is at least as good as the
 * champion on the same validation window.
 */
package io.leadscore.batch.retraining;

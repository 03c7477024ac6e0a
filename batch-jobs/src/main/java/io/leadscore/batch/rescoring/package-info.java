/**
 * The nightly rescoring job: every open lead, partitioned by id range across
 * threads, streamed with its stored engagement state and only the activities
 * that arrived since, scored with the champion's compiled scorer in blocks,
 * written with JDBC batches (score history keyed by run and lead, the current
 * score, MQL moves with their reasons). Restartable from the last committed
 * chunk; drift of each run's scores is measured against the champion's.
 */
package io.leadscore.batch.rescoring;

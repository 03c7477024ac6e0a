/**
 * What the jobs share about the store: the SQL dialect (H2 or PostgreSQL),
 * binding of instants, content hashes, the custom-attribute encoding, the
 * current policy, cross-process job locks and job progress.
 */
package io.leadscore.batch.store;

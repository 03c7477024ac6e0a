/**
 * What the jobs share about the store: the SQL dialect (H2 or PostgreSQL),
 * binding of instants, content hashes, the custom-attribute encoding, the
 * policy and its versions, the job history ops read, cross-process job locks,
 * job progress, the cursor every job reader streams its rows through
 * ({@code ReadCursor}), the restartable reader of leads in id order
 * ({@code LeadCursorReader}), and the bulk load of a generated history for load tests.
 */
package io.leadscore.batch.store;

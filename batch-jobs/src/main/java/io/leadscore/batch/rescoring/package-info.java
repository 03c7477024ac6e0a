/**
 * The nightly rescoring job: every open lead, partitioned by id range across
 * threads, in three rooms. The reader ({@code OpenLeadReader}) streams each
 * lead with its stored engagement state and only the activities that arrived
 * since (with the whole history of leads whose state must be rebuilt, read a
 * block at a time); the processor ({@code RescoreProcessor}) rolls the state
 * forward, scores with the champion's compiled scorer and asks the stage
 * engine what the score does to the lead's stage; the writer
 * ({@code RescoreWriter}) only writes, with JDBC batches: score history keyed
 * by run and lead, the current score and state, the stage moves through the
 * stage repository. Restartable from the last committed chunk; drift of each
 * run's scores is measured against the champion's. {@code RescoreFloor} runs
 * the same rooms without Spring Batch, as {@code bench rescore}'s floor.
 * A run's partitions go to local threads or, on PostgreSQL
 * ({@code rescore --remote}), to worker processes on any machine: Spring
 * Batch's message channel partition handler puts each partition in a channel
 * kept in the store ({@code rescorePartitionRequests}), {@code RescoreWorker}
 * takes it under a lease ({@code PartitionLeases}) and works the same
 * {@code rescoreLeadsStep}, and {@code RemotePartitionHandler} fails the
 * partitions of dead or missing workers, so a run never waits forever.
 */
package io.leadscore.batch.rescoring;

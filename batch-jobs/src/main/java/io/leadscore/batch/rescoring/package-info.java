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
 */
package io.leadscore.batch.rescoring;

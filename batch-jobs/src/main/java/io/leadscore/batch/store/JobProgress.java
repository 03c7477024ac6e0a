package io.leadscore.batch.store;

/**
 * Where long-running jobs report how far they are. The command line shows it
 * on a terminal; elsewhere it is silent.
 */
@FunctionalInterface
public interface JobProgress {

    /**
     * @param task  what is being done, e.g. "importing leads.csv"
     * @param done  units done so far
     * @param total units in all, or -1 when unknown
     */
    void report(String task, long done, long total);

    /** Called once a task is over, so a progress line can be closed. */
    default void finished(String task) {
    }

    JobProgress SILENT = (task, done, total) -> {
    };
}

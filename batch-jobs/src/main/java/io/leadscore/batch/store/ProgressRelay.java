package io.leadscore.batch.store;

/**
 * The progress sink the jobs report to; the command line points it at a
 * terminal renderer for the duration of a command.
 */
public final class ProgressRelay implements JobProgress {
    private volatile JobProgress target = JobProgress.SILENT;

    public void target(JobProgress target) {
        this.target = target == null ? JobProgress.SILENT : target;
    }

    @Override
    public void report(String task, long done, long total) {
        target.report(task, done, total);
    }

    @Override
    public void finished(String task) {
        target.finished(task);
    }
}

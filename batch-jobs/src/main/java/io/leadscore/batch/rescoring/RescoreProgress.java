package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.JobProgress;
import java.util.concurrent.atomic.AtomicLong;

/** Leads scored so far by a run's partitions, shown as one progress line. */
class RescoreProgress {
    static final String TASK = "rescoring open leads";

    private final JobProgress progress;
    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;

    RescoreProgress(JobProgress progress) {
        this.progress = progress;
    }

    void start(long openLeads) {
        done.set(0);
        total = openLeads;
        progress.report(TASK, 0, total);
    }

    void scored(int leads) {
        progress.report(TASK, done.addAndGet(leads), total);
    }

    /** Leads scored so far, as counted elsewhere (the workers of a remote run). */
    void at(long leads) {
        done.set(leads);
        progress.report(TASK, leads, total);
    }

    void finish() {
        progress.finished(TASK);
    }
}

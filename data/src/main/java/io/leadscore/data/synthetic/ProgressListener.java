package io.leadscore.data.synthetic;

/**
 * Told how far a generation has come. Called from the generating thread,
 * about a hundred times per run and always once at the end with
 * {@code leadsDone == leadsTotal}; an implementation must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (leadsDone, leadsTotal) -> { };

    void onProgress(long leadsDone, long leadsTotal);
}

package io.leadscore.app.cli;

/** The job ran and failed; its state is kept and it can be restarted: exit code 1. */
public class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message);
    }
}

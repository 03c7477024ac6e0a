package io.leadscore.app.scheduler;

/** A job was not started: another run of it is in progress, or there is nothing to restart. */
public class JobRefusedException extends RuntimeException {
    public JobRefusedException(String message) {
        super(message);
    }
}

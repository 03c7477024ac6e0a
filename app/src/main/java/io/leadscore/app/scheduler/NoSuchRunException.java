package io.leadscore.app.scheduler;

/** No job execution has the id asked for. */
public class NoSuchRunException extends RuntimeException {
    public NoSuchRunException(String message) {
        super(message);
    }
}

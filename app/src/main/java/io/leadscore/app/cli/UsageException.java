package io.leadscore.app.cli;

/** Bad usage or bad input: exit code 2, nothing changed. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}

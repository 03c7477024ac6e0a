package io.leadscore.app.web;

/** The request is valid but the store's state refuses it now (a run in progress, nothing to restart): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}

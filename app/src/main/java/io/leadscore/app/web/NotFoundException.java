package io.leadscore.app.web;

/** What a request names does not exist (a lead, a job run, a report): 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}

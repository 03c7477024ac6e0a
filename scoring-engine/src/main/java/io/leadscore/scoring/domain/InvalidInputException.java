package io.leadscore.scoring.domain;

/**
 * A value from outside — a command-line flag, an API parameter, a form field —
 * that the product refuses: the person who gave it can fix it. The front doors
 * report it as the user's mistake (exit 2, HTTP 400) with its message, which
 * names the value, what was given and what is expected. Any other
 * {@link IllegalArgumentException} is a caller inside leadscore passing
 * something wrong: a bug, never reported as the user's mistake.
 */
public class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}

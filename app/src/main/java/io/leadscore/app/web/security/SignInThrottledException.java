package io.leadscore.app.web.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in attempt refused unchecked: too soon after a failure, or while the account or address is locked. */
public class SignInThrottledException extends AuthenticationException {
    private final Duration wait;
    private final boolean locked;

    SignInThrottledException(Duration wait, boolean locked) {
        super(locked ? "Too many failed sign-ins: locked for another " + seconds(wait) + " s"
                : "Too soon after a failed sign-in: try again in " + seconds(wait) + " s");
        this.wait = wait;
        this.locked = locked;
    }

    /** Whole seconds until the next attempt is checked, at least 1. */
    public long retryAfterSeconds() {
        return seconds(wait);
    }

    public boolean locked() {
        return locked;
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}

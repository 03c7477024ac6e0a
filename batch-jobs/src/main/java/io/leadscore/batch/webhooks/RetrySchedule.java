package io.leadscore.batch.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a failed delivery is tried again: after {@code firstDelay}, then twice as long after each further failure
 * (10 s, 20 s, 40 s ... by default), never more than {@code maxDelay} apart, until an attempt fails when the event
 * is {@code retryFor} old: then it is given up (an admin may still redeliver it).
 */
public record RetrySchedule(Duration firstDelay, Duration maxDelay, Duration retryFor) {
    /** The contract's floor: receivers are tried again for at least a day. */
    public static final Duration MIN_RETRY_FOR = Duration.ofHours(24);
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1),
            Duration.ofHours(48));

    public RetrySchedule {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(retryFor, "retryFor");
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("Invalid first retry delay: " + firstDelay + ", expected a positive duration");
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("Invalid longest retry delay: " + maxDelay + ", expected at least the first, "
                    + firstDelay);
        }
        if (retryFor.compareTo(MIN_RETRY_FOR) < 0) {
            throw new IllegalArgumentException("Invalid retry window: " + retryFor + ", expected at least " + MIN_RETRY_FOR
                    + " (receivers are tried again for at least a day)");
        }
    }

    /** The wait after the {@code failures}-th failed attempt (1 or more). */
    public Duration delayAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("Invalid failure count: " + failures + ", expected 1 or more");
        }
        Duration delay = firstDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * The next attempt after the {@code failures}-th failure at {@code now} of an event recorded at {@code recordedAt},
     * or empty when it is given up.
     */
    public Optional<Instant> next(int failures, Instant recordedAt, Instant now) {
        if (!now.isBefore(recordedAt.plus(retryFor))) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delayAfter(failures)));
    }
}

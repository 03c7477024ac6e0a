package io.leadscore.app.web.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sign-in failures are throttled ({@link SignInThrottle}), from {@code --config}:
 *
 * <pre>
 * leadscore:
 *   sign-in:
 *     max-failures: 10               # failures of one account in a row before it is locked
 *     max-failures-per-address: 50   # failures from one address (over any accounts) before it is locked
 *     lock: 15m                      # how long a lock lasts; failures older than this are forgotten
 *     delay: 1s                      # the wait after the first failure, doubled with each further one
 *     max-delay: 1m                  # the longest wait between two attempts short of a lock
 * </pre>
 *
 * @param maxFailures           failures of one account before it is locked, 1 to 1,000
 * @param maxFailuresPerAddress failures from one address before it is locked, 1 to 100,000
 * @param lock                  how long a lock lasts, and how long failures are remembered, 1 s to 24 h
 * @param delay                 the wait after the first failure, 0 to 1 min
 * @param maxDelay              the longest wait short of a lock, at least {@code delay}, at most 1 h
 */
@ConfigurationProperties("leadscore.sign-in")
public record SignInSettings(Integer maxFailures, Integer maxFailuresPerAddress, Duration lock, Duration delay,
                             Duration maxDelay) {
    public SignInSettings {
        maxFailures = maxFailures == null ? 10 : maxFailures;
        maxFailuresPerAddress = maxFailuresPerAddress == null ? 50 : maxFailuresPerAddress;
        lock = lock == null ? Duration.ofMinutes(15) : lock;
        delay = delay == null ? Duration.ofSeconds(1) : delay;
        maxDelay = maxDelay == null ? Duration.ofMinutes(1) : maxDelay;
        if (maxFailures < 1 || maxFailures > 1_000) {
            throw new IllegalArgumentException("Invalid leadscore.sign-in.max-failures: " + maxFailures
                    + ", expected 1 to 1000");
        }
        if (maxFailuresPerAddress < 1 || maxFailuresPerAddress > 100_000) {
            throw new IllegalArgumentException("Invalid leadscore.sign-in.max-failures-per-address: "
                    + maxFailuresPerAddress + ", expected 1 to 100000");
        }
        if (lock.compareTo(Duration.ofSeconds(1)) < 0 || lock.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("Invalid leadscore.sign-in.lock: " + lock + ", expected 1s to 24h");
        }
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("Invalid leadscore.sign-in.delay: " + delay + ", expected 0 to 1m");
        }
        if (maxDelay.compareTo(delay) < 0 || maxDelay.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("Invalid leadscore.sign-in.max-delay: " + maxDelay
                    + ", expected " + delay + " to 1h");
        }
    }
}

package io.leadscore.batch.rescoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Remote rescoring settings from {@code --config} (under {@code leadscore.remote.}); each has a default that
 * suits a nightly run, the short ones are there for tests and impatient operators.
 *
 * @param partitions      partitions of a remote run when {@code rescore --partitions} is not given, 1 to 1024
 *                        (default 16: several per worker, so a restart redoes little and fast workers take more)
 * @param workerTimeout   how long partitions may wait while no worker works on the run, before the run fails
 *                        (default 5 minutes; {@code rescore --worker-timeout})
 * @param pollInterval    how often workers look for partitions and the manager for their ends (default 1 s)
 * @param heartbeat       how often a worker refreshes the lease of the partition it works (default 5 s)
 * @param leaseStaleAfter how long a worker's lease may stay silent before its worker counts as dead and its
 *                        partition fails (default 60 s; a worker on the manager's machine whose process ended
 *                        counts as dead at once)
 */
@ConfigurationProperties("leadscore.remote")
public record RemoteSettings(Integer partitions, Duration workerTimeout, Duration pollInterval, Duration heartbeat,
                             Duration leaseStaleAfter) {
    public static final int MAX_PARTITIONS = 1024;
    static final Duration MAX_WAIT = Duration.ofHours(24);

    public RemoteSettings {
        if (partitions != null && (partitions < 1 || partitions > MAX_PARTITIONS)) {
            throw new IllegalArgumentException("Invalid leadscore.remote.partitions: " + partitions
                    + ", expected 1 to " + MAX_PARTITIONS);
        }
        workerTimeout = within("worker-timeout", workerTimeout, Duration.ofMinutes(5), Duration.ofSeconds(1), MAX_WAIT);
        pollInterval = within("poll-interval", pollInterval, Duration.ofSeconds(1), Duration.ofMillis(10),
                Duration.ofMinutes(1));
        heartbeat = within("heartbeat", heartbeat, Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMinutes(5));
        leaseStaleAfter = within("lease-stale-after", leaseStaleAfter, Duration.ofSeconds(60), Duration.ofMillis(100),
                Duration.ofHours(1));
        if (leaseStaleAfter.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("Invalid leadscore.remote.lease-stale-after: " + leaseStaleAfter
                    + ", expected at least two heartbeats (" + heartbeat.multipliedBy(2) + ")");
        }
    }

    public int partitionsOrDefault() {
        return partitions != null ? partitions : 16;
    }

    /** Whether a worker timeout is in the range {@code rescore --worker-timeout} takes (1 s to 24 h). */
    public static boolean validWorkerTimeout(Duration timeout) {
        return timeout.compareTo(Duration.ofSeconds(1)) >= 0 && timeout.compareTo(MAX_WAIT) <= 0;
    }

    private static Duration within(String name, Duration value, Duration otherwise, Duration min, Duration max) {
        if (value == null) {
            return otherwise;
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("Invalid leadscore.remote." + name + ": " + value + ", expected "
                    + min + " to " + max);
        }
        return value;
    }
}

package io.leadscore.app.web.whatif;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the what-if endpoints ({@code /api/simulate}, {@code /api/plan}, {@code /api/levers}) may ask of a
 * shared server, from {@code --config}:
 *
 * <pre>
 * leadscore:
 *   what-if:
 *     max-cost: 30000000     # trials × days × points × lead-volume factor, per request
 *     workers: 2             # what-ifs computed at once
 *     queue: 4               # what-ifs waiting for a worker; beyond that: 429 with Retry-After
 *     timeout: 120s          # a what-if not answered by then is cancelled (503)
 *     heartbeat-after: 2s    # a longer what-if is answered 200 then and kept alive with spaces until its JSON
 * </pre>
 *
 * @param maxCost the largest cost one request may have ({@link WhatIfCost})
 * @param workers what-ifs computed at the same time, 1 to 64
 * @param queue   what-ifs that may wait for a worker, 0 to 1,000
 * @param timeout        how long a request may wait and run before it is cancelled, 1 s to 1 h
 * @param heartbeatAfter when a what-if still running starts its answer, so that a client that went away is
 *                       noticed (see {@link WhatIfPool}), 100 ms to 1 min
 */
@ConfigurationProperties("leadscore.what-if")
public record WhatIfLimits(Long maxCost, Integer workers, Integer queue, Duration timeout, Duration heartbeatAfter) {
    public static final long DEFAULT_MAX_COST = 30_000_000L;
    public static final int DEFAULT_WORKERS = 2;
    public static final int DEFAULT_QUEUE = 4;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_HEARTBEAT_AFTER = Duration.ofSeconds(2);

    public WhatIfLimits {
        maxCost = maxCost == null ? DEFAULT_MAX_COST : maxCost;
        workers = workers == null ? DEFAULT_WORKERS : workers;
        queue = queue == null ? DEFAULT_QUEUE : queue;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        heartbeatAfter = heartbeatAfter == null ? DEFAULT_HEARTBEAT_AFTER : heartbeatAfter;
        if (maxCost < 1) {
            throw new IllegalArgumentException("Invalid leadscore.what-if.max-cost: " + maxCost + ", expected at least 1");
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("Invalid leadscore.what-if.workers: " + workers + ", expected 1 to 64");
        }
        if (queue < 0 || queue > 1_000) {
            throw new IllegalArgumentException("Invalid leadscore.what-if.queue: " + queue + ", expected 0 to 1000");
        }
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("Invalid leadscore.what-if.timeout: " + timeout + ", expected 1s to 1h");
        }
        if (heartbeatAfter.compareTo(Duration.ofMillis(100)) < 0 || heartbeatAfter.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("Invalid leadscore.what-if.heartbeat-after: " + heartbeatAfter
                    + ", expected 100ms to 1m");
        }
    }
}

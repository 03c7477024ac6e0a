package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The leases of remote partitions ({@code rescore_partition_lease}): who took
 * which partition, and whether it is still alive. Taking a partition is one
 * insert, so of two takers (two workers handed the same request, or a worker
 * and a manager giving the partition up) exactly one wins.
 */
final class PartitionLeases {
    /** The holder the manager writes when it gives up a partition that no worker took. */
    static final String MANAGER = "manager";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PartitionLeases(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One partition's lease. */
    record Lease(long stepExecutionId, String holder, Instant takenAt, Instant heartbeatAt, Instant endedAt) {
        /**
         * Whether its worker may still be working: its work has not ended, its process (when on this machine)
         * runs, and its heartbeat is younger than {@code staleAfter}.
         */
        boolean live(Instant now, Duration staleAfter) {
            return endedAt == null && !MANAGER.equals(holder) && !JobLock.holderIsGone(holder)
                    && heartbeatAt.plus(staleAfter).isAfter(now);
        }
    }

    /** Takes a partition for {@code holder}; false when someone took it first. */
    boolean take(long stepExecutionId, long jobExecutionId, String holder) {
        Object now = Instants.utc(clock.instant());
        try {
            jdbc.update("INSERT INTO rescore_partition_lease (step_execution_id, job_execution_id, holder, taken_at,"
                    + " heartbeat_at) VALUES (?, ?, ?, ?, ?)", stepExecutionId, jobExecutionId, holder, now, now);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Refreshes the heartbeat of the partitions a worker holds. */
    void beat(Collection<Long> stepExecutionIds) {
        Object now = Instants.utc(clock.instant());
        for (Long id : stepExecutionIds) {
            jdbc.update("UPDATE rescore_partition_lease SET heartbeat_at = ? WHERE step_execution_id = ?"
                    + " AND ended_at IS NULL", now, id);
        }
    }

    /** The worker has finished with the partition (whatever became of it). */
    void end(long stepExecutionId) {
        jdbc.update("UPDATE rescore_partition_lease SET ended_at = ? WHERE step_execution_id = ?",
                Instants.utc(clock.instant()), stepExecutionId);
    }

    /** The leases of a run's execution, by step execution id. */
    Map<Long, Lease> of(long jobExecutionId) {
        Map<Long, Lease> leases = new HashMap<>();
        jdbc.query("SELECT step_execution_id, holder, taken_at, heartbeat_at, ended_at FROM rescore_partition_lease"
                + " WHERE job_execution_id = ?", rs -> {
                    leases.put(rs.getLong(1), new Lease(rs.getLong(1), rs.getString(2), Instants.read(rs, 3),
                            Instants.read(rs, 4), Instants.read(rs, 5)));
                }, jobExecutionId);
        return leases;
    }
}

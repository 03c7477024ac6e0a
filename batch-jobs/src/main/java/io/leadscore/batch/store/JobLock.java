package io.leadscore.batch.store;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One run of a kind of job at a time, across processes sharing the store
 * (the scheduler of {@code serve} and a command run by hand, say). The holder
 * refreshes a heartbeat; a lock whose heartbeat is older than
 * {@link #STALE_AFTER} belonged to a process that died (killed, even with
 * {@code kill -9}) and is taken over. A holder on this machine whose process
 * is gone is known dead at once: its lock is taken over without waiting for
 * the heartbeat to age, so a run killed by hand can be restarted straight away.
 */
public final class JobLock {
    /** Heartbeats are written every 10 s; a minute of silence means the holder is gone. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final long HEARTBEAT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(JobLock.class);
    /** This process as the JVM names it, {@code pid@host}: the first part of every holder it writes. */
    private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public JobLock(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Thrown when another live process holds the lock. */
    public static final class HeldException extends RuntimeException {
        public HeldException(String message) {
            super(message);
        }
    }

    /** A held lock; closing it releases it. */
    public final class Held implements AutoCloseable {
        private final String name;
        private final String holder;
        private final ScheduledExecutorService heartbeat;

        private Held(String name, String holder) {
            this.name = name;
            this.holder = holder;
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "leadscore-lock-" + name);
                t.setDaemon(true);
                return t;
            });
            heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        }

        private void beat() {
            try {
                jdbc.update("UPDATE job_lock SET heartbeat_at = ? WHERE lock_name = ? AND holder = ?",
                        Instants.utc(clock.instant()), name, holder);
            } catch (RuntimeException e) {
                log.warn("Lock heartbeat for {} failed: {}", name, e.getMessage());
            }
        }

        @Override
        public void close() {
            heartbeat.shutdownNow();
            jdbc.update("DELETE FROM job_lock WHERE lock_name = ? AND holder = ?", name, holder);
        }
    }

    /**
     * Takes the lock of a kind of job.
     *
     * @throws HeldException naming the holder and since when, when a live process holds it
     */
    public Held acquire(String name) {
        String holder = PROCESS + "/" + Thread.currentThread().getId();
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO job_lock (lock_name, holder, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?)",
                    name, holder, Instants.utc(now), Instants.utc(now));
            return new Held(name, holder);
        } catch (DuplicateKeyException e) {
            List<Object[]> current = jdbc.query("SELECT holder, acquired_at, heartbeat_at FROM job_lock WHERE lock_name = ?",
                    (rs, i) -> new Object[] {rs.getString(1), Instants.read(rs, 2), Instants.read(rs, 3)}, name);
            if (current.isEmpty()) {
                return acquire(name);
            }
            String otherHolder = (String) current.get(0)[0];
            Instant acquired = (Instant) current.get(0)[1];
            Instant heartbeat = (Instant) current.get(0)[2];
            if (live(otherHolder, heartbeat, now)) {
                throw new HeldException("another " + name + " run is in progress (process " + otherHolder
                        + ", started " + acquired + "); wait for it to finish");
            }
            int taken = jdbc.update("UPDATE job_lock SET holder = ?, acquired_at = ?, heartbeat_at = ?"
                            + " WHERE lock_name = ? AND holder = ? AND heartbeat_at = ?",
                    holder, Instants.utc(now), Instants.utc(now), name, otherHolder, Instants.utc(heartbeat));
            if (taken != 1) {
                throw new HeldException("another " + name + " run started just now; wait for it to finish");
            }
            log.warn("Took over the {} lock of process {}, silent since {}{}", name, otherHolder, heartbeat,
                    holderIsGone(otherHolder) ? " (its process has ended)" : "");
            return new Held(name, holder);
        }
    }

    /** A holder is live while its process may still run and its heartbeat is younger than {@link #STALE_AFTER}. */
    private static boolean live(String holder, Instant heartbeat, Instant now) {
        return !holderIsGone(holder) && heartbeat.plus(STALE_AFTER).isAfter(now);
    }

    /**
     * Whether a holder ({@code pid@host/thread}, as {@link #acquire} writes it) ran on this machine in a process
     * that has ended. A holder on another machine, or one that cannot be read, is never judged gone here: its
     * heartbeat decides.
     */
    public static boolean holderIsGone(String holder) {
        int at = holder.indexOf('@');
        int slash = holder.lastIndexOf('/');
        if (at <= 0 || slash <= at) {
            return false;
        }
        String host = holder.substring(at + 1, slash);
        if (!host.equals(PROCESS.substring(PROCESS.indexOf('@') + 1))) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(holder.substring(0, at));
        } catch (NumberFormatException e) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Whether a live process holds the lock now. */
    public boolean isHeld(String name) {
        List<Object[]> locks = jdbc.query("SELECT holder, heartbeat_at FROM job_lock WHERE lock_name = ?",
                (rs, i) -> new Object[] {rs.getString(1), Instants.read(rs, 2)}, name);
        return !locks.isEmpty() && live((String) locks.get(0)[0], (Instant) locks.get(0)[1], clock.instant());
    }
}

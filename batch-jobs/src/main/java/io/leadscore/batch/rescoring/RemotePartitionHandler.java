package io.leadscore.batch.rescoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The manager side of a remote run: Spring Batch's
 * {@link MessageChannelPartitionHandler} hands each partition to the workers
 * through the store's channel and polls the job repository until every
 * partition has ended. Beside it a watch, every poll interval, keeps that wait
 * finite: a partition whose worker went silent (no heartbeat within the
 * stale time, or its process on this machine ended: kill -9) is failed, and
 * so are the partitions still waiting once no worker has worked on the run
 * for the worker timeout. Either way the run ends FAILED, restartable, after
 * the partitions of live workers have ended (never while one still writes).
 */
final class RemotePartitionHandler implements PartitionHandler {
    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);

    private final MessageChannelPartitionHandler messages;
    private final JobRepository jobRepository;
    private final PartitionLeases leases;
    private final RemoteSettings settings;
    private final RescoreProgress progress;
    private final Clock clock;

    RemotePartitionHandler(MessageChannelPartitionHandler messages, JobRepository jobRepository, PartitionLeases leases,
                           RemoteSettings settings, RescoreProgress progress, Clock clock) {
        this.messages = messages;
        this.jobRepository = jobRepository;
        this.leases = leases;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    /** Partitions of a remote run that failed, with what became of each. */
    static final class PartitionsFailedException extends RuntimeException {
        PartitionsFailedException(String message) {
            super(message);
        }
    }

    @Override
    public synchronized Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
            throws Exception {
        Long grid = managerStepExecution.getJobParameters().getLong(Rescoring.GRID_SIZE);
        String timeout = managerStepExecution.getJobParameters().getString(Rescoring.WORKER_TIMEOUT);
        messages.setGridSize(grid == null ? settings.partitionsOrDefault() : grid.intValue());
        Watch watch = new Watch(managerStepExecution.getJobExecutionId(),
                timeout == null ? settings.workerTimeout() : Duration.parse(timeout));
        StepExecutionSplitter watched = new StepExecutionSplitter() {
            @Override
            public String getStepName() {
                return splitter.getStepName();
            }

            @Override
            public Set<StepExecution> split(StepExecution stepExecution, int gridSize)
                    throws org.springframework.batch.core.job.JobExecutionException {
                Set<StepExecution> partitions = splitter.split(stepExecution, gridSize);
                watch.handedOut(partitions);
                return partitions;
            }
        };
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rescore-remote-watch");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(watch::check, every, every, TimeUnit.MILLISECONDS);
        Collection<StepExecution> ended;
        try {
            ended = messages.handle(watched, managerStepExecution);
        } finally {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
        // one clause per kind of end, naming its partitions: "partition0, partition2 were not taken ...; partition1 failed (...)"
        Map<String, List<String>> byReason = new java.util.TreeMap<>();
        int failed = 0;
        for (StepExecution partition : ended) {
            if (partition.getStatus() != BatchStatus.COMPLETED) {
                failed++;
                String why = watch.reasons.get(partition.getId());
                if (why == null) {
                    why = partition.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                            + firstLine(partition.getExitStatus().getExitDescription());
                }
                String name = partition.getStepName();
                byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(name.substring(name.indexOf(':') + 1));
            }
        }
        if (failed > 0) {
            List<String> clauses = new ArrayList<>();
            byReason.forEach((why, names) -> {
                java.util.Collections.sort(names);
                clauses.add(String.join(", ", names) + " " + (names.size() > 1 ? why.replaceFirst("^was ", "were ") : why));
            });
            throw new PartitionsFailedException(failed + " of " + ended.size() + " partitions did not complete: "
                    + String.join("; ", clauses));
        }
        return ended;
    }

    /** What a worker's exit description says went wrong: its deepest cause, on one line. */
    private static String firstLine(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        List<String> lines = description.strip().lines().toList();
        String line = lines.get(0);
        for (String l : lines) {
            if (l.startsWith("Caused by: ")) {
                line = l.substring("Caused by: ".length());
            }
        }
        return " (" + (line.length() > 300 ? line.substring(0, 300) + "..." : line) + ")";
    }

    /**
     * Closes the execution's waiting partitions to workers: each one no worker has taken is taken by the manager,
     * so a request for it still in the channel (its manager died before anyone took it) is dropped by the worker
     * that finds it, instead of being worked beside the restart that hands the partition out again. Of a worker and
     * the manager taking the same partition, exactly one wins (one insert); a partition the worker won is live and
     * waited for.
     *
     * @return how many partitions were closed
     */
    int closeWaiting(JobExecution execution) {
        int closed = 0;
        for (StepExecution known : execution.getStepExecutions()) {
            StepExecution partition = jobRepository.getStepExecution(known.getId());
            if (partition != null && partition.getStatus() == BatchStatus.STARTING
                    && leases.take(partition.getId(), execution.getId(), PartitionLeases.MANAGER)) {
                closed++;
            }
        }
        return closed;
    }

    /** Waits until no live worker works on a partition of the execution (a restart must not hand those out again). */
    void awaitLiveWorkers(JobExecution execution) throws InterruptedException {
        boolean told = false;
        while (true) {
            Instant now = clock.instant();
            long working = 0;
            for (Map.Entry<Long, PartitionLeases.Lease> lease : leases.of(execution.getId()).entrySet()) {
                if (lease.getValue().live(now, settings.leaseStaleAfter())) {
                    StepExecution partition = jobRepository.getStepExecution(lease.getKey());
                    if (partition != null && partition.getStatus().isRunning()) {
                        working++;
                    }
                }
            }
            if (working == 0) {
                return;
            }
            if (!told) {
                log.warn("{} partition(s) of rescoring run {} are still being worked by live workers; waiting for them"
                        + " to finish before the run is restarted", working, execution.getJobInstance().getInstanceId());
                told = true;
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    /** What the manager knows of one execution's partitions while it waits. */
    private final class Watch {
        private final long jobExecutionId;
        private final Duration workerTimeout;
        private final Map<Long, String> names = new ConcurrentSkipListMap<>();
        final Map<Long, String> reasons = new ConcurrentHashMap<>();
        private volatile Instant lastWorked;

        Watch(long jobExecutionId, Duration workerTimeout) {
            this.jobExecutionId = jobExecutionId;
            this.workerTimeout = workerTimeout;
        }

        void handedOut(Set<StepExecution> partitions) {
            partitions.forEach(p -> names.put(p.getId(), p.getStepName()));
            lastWorked = clock.instant();
        }

        void check() {
            try {
                checkOnce();
            } catch (RuntimeException e) {
                // the store may be briefly unreachable; the next check tries again
                log.warn("Checking the partitions of remote run execution {} failed: {}", jobExecutionId, e.getMessage());
            }
        }

        private void checkOnce() {
            if (lastWorked == null) {
                return;
            }
            Instant now = clock.instant();
            Map<Long, PartitionLeases.Lease> held = leases.of(jobExecutionId);
            List<StepExecution> waiting = new ArrayList<>();
            long written = 0;
            boolean worked = false;
            for (Long id : names.keySet()) {
                StepExecution partition = jobRepository.getStepExecution(id);
                if (partition == null) {
                    continue;
                }
                written += partition.getWriteCount();
                if (!partition.getStatus().isRunning()) {
                    continue;
                }
                PartitionLeases.Lease lease = held.get(id);
                if (lease == null) {
                    waiting.add(partition);
                } else if (lease.live(now, settings.leaseStaleAfter())) {
                    worked = true;
                } else if (lease.endedAt() != null) {
                    fail(partition, "was let go by worker " + lease.holder() + " without its end being recorded");
                } else if (!PartitionLeases.MANAGER.equals(lease.holder())) {
                    fail(partition, "was left unfinished by worker " + lease.holder() + ", which stopped answering"
                            + " (last heartbeat " + lease.heartbeatAt() + ")");
                }
            }
            progress.at(written);
            if (worked) {
                lastWorked = now;
            } else if (!waiting.isEmpty() && lastWorked.plus(workerTimeout).isBefore(now)) {
                for (StepExecution partition : waiting) {
                    if (leases.take(partition.getId(), jobExecutionId, PartitionLeases.MANAGER)) {
                        fail(partition, "was not taken by any worker within " + human(workerTimeout)
                                + " (are 'leadscore worker' processes running on this store?)");
                    }
                }
            }
        }

        private void fail(StepExecution partition, String reason) {
            partition.setStatus(BatchStatus.FAILED);
            partition.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
            partition.setEndTime(LocalDateTime.now());
            try {
                jobRepository.update(partition);
                reasons.put(partition.getId(), reason);
                log.info("Remote rescoring: partition {} {}", partition.getStepName(), reason);
            } catch (OptimisticLockingFailureException e) {
                // its worker wrote just now: it is alive after all; the next check looks again
            }
        }
    }

    static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}

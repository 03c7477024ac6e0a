package io.leadscore.batch.rescoring;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.messaging.Message;
import org.springframework.messaging.PollableChannel;

/**
 * The worker side of remote rescoring ({@code leadscore worker}): threads that
 * take partition requests from the store's channel, and for each one take the
 * partition's lease, work it with the same {@code rescoreLeadsStep} a local
 * run uses (so a partition resumes after its last committed chunk), and
 * refresh the lease while they work. A request for a partition that is no
 * longer waiting (its run failed or was given up, or another worker took it)
 * is dropped. Whatever the step throws, the partition's end is recorded in
 * the job repository, so the manager never waits for a partition that
 * nobody works. Stopping (SIGTERM) lets each partition in hand finish its
 * chunk and end STOPPED; the run is then restartable.
 */
public final class RescoreWorker implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RescoreWorker.class);
    private static final String PROCESS = ManagementFactory.getRuntimeMXBean().getName();
    private static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final PollableChannel requests;
    private final PartitionLeases leases;
    private final JobRepository jobRepository;
    private final Step rescoreLeadsStep;
    private final RemoteSettings settings;
    private final Map<Long, StepExecution> inHand = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile Consumer<String> events = line -> { };
    private CountDownLatch stopped = new CountDownLatch(0);
    private ScheduledExecutorService heartbeat;

    RescoreWorker(PollableChannel requests, PartitionLeases leases, JobRepository jobRepository, Step rescoreLeadsStep,
                  RemoteSettings settings) {
        this.requests = requests;
        this.leases = leases;
        this.jobRepository = jobRepository;
        this.rescoreLeadsStep = rescoreLeadsStep;
        this.settings = settings;
    }

    /**
     * Starts taking partitions.
     *
     * @param threads partitions worked at once, 1 to 64
     * @param events  where to say what this worker takes and how each partition ended (one line each)
     */
    public synchronized void start(int threads, Consumer<String> events) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("Invalid worker threads: " + threads + ", expected 1 to 64");
        }
        if (running) {
            throw new IllegalStateException("This worker is running already");
        }
        this.events = events;
        running = true;
        stopped = new CountDownLatch(threads);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rescore-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::takePartitions, "rescore-worker-" + (i + 1));
            this.threads.add(t);
            t.start();
        }
    }

    /** Blocks until the worker has stopped and every partition in hand has ended. */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    /** Takes no more partitions; those in hand finish the chunk they are on and end STOPPED. */
    public void stop() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        inHand.values().forEach(StepExecution::setTerminateOnly);
        try {
            if (!stopped.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Rescoring worker: partitions still in hand after {}; their leases will go stale", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeat.shutdownNow();
        }
    }

    @Override
    public void destroy() {
        stop();
    }

    private void beat() {
        try {
            if (!inHand.isEmpty()) {
                leases.beat(List.copyOf(inHand.keySet()));
            }
        } catch (RuntimeException e) {
            log.warn("Rescoring worker: lease heartbeat failed: {}", e.getMessage());
        }
    }

    private void takePartitions() {
        try {
            while (running) {
                Message<?> request;
                try {
                    request = requests.receive(0);
                } catch (RuntimeException e) {
                    log.warn("Rescoring worker: cannot read partition requests: {}", e.getMessage());
                    request = null;
                }
                if (request == null) {
                    pause();
                } else if (request.getPayload() instanceof StepExecutionRequest partition) {
                    work(partition);
                }
            }
        } finally {
            stopped.countDown();
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void work(StepExecutionRequest request) {
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null || !rescoreLeadsStep.getName().equals(request.getStepName())) {
            events.accept("dropped a request for an unknown partition (" + request.getStepName() + ", step execution "
                    + request.getStepExecutionId() + ")");
            return;
        }
        long runId = partition.getJobExecution().getJobInstance().getInstanceId();
        String name = partition.getStepName() + " of run " + runId;
        if (partition.getStatus() != BatchStatus.STARTING || !partition.getJobExecution().getStatus().isRunning()) {
            events.accept("dropped " + name + ": it is no longer waiting (" + partition.getStatus() + ")");
            return;
        }
        String holder = PROCESS + "/" + Thread.currentThread().getId();
        if (!leases.take(partition.getId(), partition.getJobExecutionId(), holder)) {
            events.accept("dropped " + name + ": taken by another worker, or given up by the manager");
            return;
        }
        long started = System.nanoTime();
        events.accept("took " + name);
        inHand.put(partition.getId(), partition);
        try {
            if (!running) {
                partition.setTerminateOnly();
            }
            rescoreLeadsStep.execute(partition);
            if (partition.getStatus() == BatchStatus.FAILED && !partition.getFailureExceptions().isEmpty()) {
                // the repository keeps the start of a stack trace, where a wrapped cause (a model this worker
                // refuses, say) is cut off: the manager is told the root cause itself (the log keeps the trace)
                partition.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(),
                        rootCause(partition.getFailureExceptions().get(0))));
                jobRepository.update(partition);
            }
        } catch (JobInterruptedException e) {
            record(partition, BatchStatus.STOPPED, ExitStatus.STOPPED, e);
        } catch (Throwable e) {
            record(partition, BatchStatus.FAILED, ExitStatus.FAILED, e);
        } finally {
            inHand.remove(partition.getId());
            if (partition.getStatus().isRunning()) {
                // the step returned without recording an end: record one, or the manager would wait on it
                record(partition, BatchStatus.FAILED, ExitStatus.FAILED,
                        new IllegalStateException("the partition ended without recording its status"));
            }
            try {
                leases.end(partition.getId());
            } catch (RuntimeException e) {
                log.warn("Rescoring worker: cannot end the lease of {}: {}", name, e.getMessage());
            }
        }
        events.accept(String.format(Locale.ROOT, "%s %s: %,d leads in %.1f s%s", partition.getStatus(), name,
                partition.getWriteCount(), (System.nanoTime() - started) / 1e9,
                partition.getStatus() == BatchStatus.COMPLETED ? "" : " (" + describe(partition) + ")"));
    }

    /** The innermost cause with a message, as {@code Type: message}. */
    static String rootCause(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                root = t;
            }
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String describe(StepExecution partition) {
        String d = partition.getExitStatus().getExitDescription();
        String first = d == null ? "" : d.strip().lines().findFirst().orElse("");
        return first.isEmpty() ? partition.getExitStatus().getExitCode() : first;
    }

    /** Records a partition's end that the step itself could not record. */
    private void record(StepExecution partition, BatchStatus status, ExitStatus exit, Throwable cause) {
        partition.addFailureException(cause);
        partition.setStatus(status);
        partition.setExitStatus(exit.addExitDescription(cause));
        partition.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(partition);
        } catch (RuntimeException e) {
            log.warn("Rescoring worker: cannot record the end of partition {}: {}; its lease will tell the manager",
                    partition.getStepName(), e.getMessage());
        }
    }
}

package io.leadscore.app.scheduler;

import io.leadscore.batch.rescoring.RescoreReport;
import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.slacheck.SlaCheckReport;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.domain.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.NoSuchJobExecutionException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs rescoring and the SLA check in the background for the console, the API
 * and the scheduler. Never two runs of a kind at once: a second request is
 * refused at once when this process runs one or another process holds the
 * job's lock in the store, and the job's own lock refuses any that slips
 * between the check and the start (the launch then ends {@code REFUSED}). A
 * failed run is logged and kept: it can be restarted from where it stopped.
 */
@Service
public class JobLaunches implements DisposableBean {
    /** Launches kept for the Jobs page. */
    static final int KEPT = 50;
    private static final Logger log = LoggerFactory.getLogger(JobLaunches.class);

    private final Rescoring rescoring;
    private final SlaCheck slaCheck;
    private final JobLock jobLock;
    private final JobHistory history;
    private final Clock clock;
    private final JobMetrics metrics;
    private final ExecutorService executor;
    private final ConcurrentMap<JobKind, Long> running = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Launch> launches = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    JobLaunches(Rescoring rescoring, SlaCheck slaCheck, JobLock jobLock, JobHistory history, Clock clock,
                JobMetrics metrics) {
        this.rescoring = rescoring;
        this.slaCheck = slaCheck;
        this.jobLock = jobLock;
        this.history = history;
        this.clock = clock;
        this.metrics = metrics;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(JobKind.values().length, r -> {
            Thread t = new Thread(r, "leadscore-job-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a run as of now in the background.
     *
     * @throws JobRefusedException when a run of the job is in progress
     * @throws io.leadscore.batch.rescoring.Rescoring.NoChampionException a rescoring without a champion
     * @throws ModelRefusedException a rescoring whose champion does not verify
     */
    public Launch start(JobKind kind, String requestedBy) {
        if (kind == JobKind.RESCORING) {
            // a champion that is missing or refused is the request's answer (409), not a launch that ends refused
            rescoring.checkChampion();
        }
        Launch launch = reserve(kind, false, requestedBy);
        executor.execute(() -> execute(launch, null));
        return launch;
    }

    /**
     * Restarts a failed run in the background, from its last committed chunk.
     *
     * @throws NoSuchRunException  when there is no such execution
     * @throws JobRefusedException when it cannot be restarted (see {@link #whyNotRestartable}) or a run is in progress
     */
    public Launch restart(long executionId, String requestedBy) {
        JobHistory.Execution execution = history.execution(executionId)
                .orElseThrow(() -> new NoSuchRunException("there is no job execution " + executionId));
        whyNotRestartable(execution).ifPresent(why -> {
            throw new JobRefusedException(why);
        });
        JobKind kind = JobKind.ofJobName(execution.job()).orElseThrow();
        Launch launch = reserve(kind, true, requestedBy);
        executor.execute(() -> execute(launch, execution));
        return launch;
    }

    /**
     * Runs a job now, in the caller's thread (the scheduler's): a refusal is logged, not thrown.
     *
     * @return the launch as it ended, or empty when it was refused before it started
     */
    public Optional<Launch> runScheduled(JobKind kind) {
        Launch launch;
        try {
            launch = reserve(kind, false, "scheduler");
        } catch (JobRefusedException e) {
            log.warn("Scheduled {} not started: {}", kind.label(), e.getMessage());
            return Optional.empty();
        }
        return Optional.of(execute(launch, null));
    }

    /** The launches of this process, newest first (the last {@value #KEPT}). */
    public List<Launch> recent() {
        return new ArrayList<>(launches.descendingMap().values());
    }

    public Optional<Launch> find(long id) {
        return Optional.ofNullable(launches.get(id));
    }

    /** Whether a run of the job is in progress, here or in another process sharing the store. */
    public boolean inProgress(JobKind kind) {
        return running.containsKey(kind) || jobLock.isHeld(kind.jobName());
    }

    /** Why the given execution cannot be restarted, or empty when it can. */
    public Optional<String> whyNotRestartable(long executionId) {
        return history.execution(executionId).map(this::whyNotRestartable)
                .orElseGet(() -> Optional.of("there is no job execution " + executionId));
    }

    Optional<String> whyNotRestartable(JobHistory.Execution e) {
        Optional<JobKind> kind = JobKind.ofJobName(e.job());
        if (kind.isEmpty()) {
            return Optional.of("runs of " + e.job() + " are not restarted from here; use the command line");
        }
        if (!e.latestOfRun()) {
            return Optional.of("execution " + e.executionId() + " is not the latest of run " + e.runId()
                    + "; restart the latest one");
        }
        boolean failed = e.status().equals("FAILED") || e.status().equals("STOPPED");
        if (kind.get() == JobKind.RESCORING) {
            if (!e.latestRun()) {
                return Optional.of("only the newest rescoring run can be restarted; run " + e.runId() + " was followed by another");
            }
            // a run left STARTED by a process that died (no live lock) is restarted too
            boolean abandoned = (e.status().equals("STARTED") || e.status().equals("STARTING") || e.status().equals("UNKNOWN"))
                    && !inProgress(JobKind.RESCORING);
            if (!failed && !abandoned) {
                return Optional.of("rescoring run " + e.runId() + " is " + e.status() + "; only a failed run is restarted");
            }
        } else if (!failed) {
            return Optional.of("SLA check run " + e.runId() + " is " + e.status() + "; only a failed or stopped run is restarted");
        }
        return Optional.empty();
    }

    private Launch reserve(JobKind kind, boolean restart, String requestedBy) {
        long id = ids.incrementAndGet();
        Long other = running.putIfAbsent(kind, id);
        if (other != null) {
            metrics.refused(kind);
            Launch holder = launches.get(other);
            throw new JobRefusedException(kind.withArticle() + " run is in progress"
                    + (holder == null ? "" : " (started by " + holder.requestedBy() + " at " + holder.requestedAt() + ")")
                    + "; wait for it to finish");
        }
        if (jobLock.isHeld(kind.jobName())) {
            running.remove(kind, id);
            metrics.refused(kind);
            throw new JobRefusedException(kind.withArticle() + " run is in progress in another process sharing the store;"
                    + " wait for it to finish");
        }
        Launch launch = Launch.running(id, kind, restart, requestedBy, clock.instant());
        launches.put(id, launch);
        while (launches.size() > KEPT) {
            launches.pollFirstEntry();
        }
        log.info("{} {} requested by {}", restart ? "Restart of the" : "New", kind.label(), requestedBy);
        return launch;
    }

    private Launch execute(Launch launch, JobHistory.Execution restarting) {
        Instant started = clock.instant();
        Launch ended;
        try {
            ended = switch (launch.kind()) {
                case RESCORING -> rescore(launch, restarting, started);
                case SLA_CHECK -> checkSla(launch, restarting, started);
            };
        } catch (JobLock.HeldException | ModelRefusedException e) {
            // a model that does not verify is refused before any run exists, as a run in progress is
            metrics.refused(launch.kind());
            ended = launch.ended(Launch.State.REFUSED, clock.instant(), null, null, e.getMessage());
        } catch (Rescoring.NoChampionException | Rescoring.AlreadyRescoredException | InvalidInputException
                 | NoSuchJobExecutionException e) {
            ended = launch.ended(Launch.State.FAILED, clock.instant(), null, null, "could not start: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // the job launcher's own refusals (a run that cannot be restarted, parameters it will not take) read
            // well to the requester; a bug reads the same, so its trace goes to the log
            log.warn("The {} requested by {} could not start", launch.kind().label(), launch.requestedBy(), e);
            ended = launch.ended(Launch.State.FAILED, clock.instant(), null, null, "could not start: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("The {} requested by {} failed unexpectedly", launch.kind().label(), launch.requestedBy(), e);
            ended = launch.ended(Launch.State.FAILED, clock.instant(), null, null, "failed unexpectedly: " + e);
        } finally {
            running.remove(launch.kind(), launch.id());
        }
        launches.put(launch.id(), ended);
        if (ended.state() == Launch.State.COMPLETED) {
            log.info("The {} requested by {} completed: {}", launch.kind().label(), launch.requestedBy(), ended.outcome());
        } else {
            log.warn("The {} requested by {} ended {}: {}", launch.kind().label(), launch.requestedBy(), ended.state(),
                    ended.outcome());
        }
        return ended;
    }

    private Launch rescore(Launch launch, JobHistory.Execution restarting, Instant started) {
        long mqlsBefore = restarting == null ? 0 : rescoringCounts(restarting.runId()).mqlsCreated();
        RescoreReport r = restarting == null ? rescoring.run(new Rescoring.Request(null, false, null)) : rescoring.restart();
        RescoreReport.RunFigures f = r.figures();
        long mqls = f == null ? 0 : Math.max(0, f.mqlsCreated() - mqlsBefore);
        metrics.rescoring(Duration.between(started, clock.instant()), r.completed(), r.written(), mqls);
        String what = r.completed()
                ? String.format(Locale.ROOT, "%,d leads scored, %,d new MQLs%s", f == null ? r.written() : f.leadsScored(),
                f == null ? 0 : f.mqlsCreated(), f == null || f.psi() == null ? "" : String.format(Locale.ROOT, ", PSI %.3f", f.psi()))
                : "failed: " + r.failure() + "; restart it from the Jobs page";
        return launch.ended(r.completed() ? Launch.State.COMPLETED : Launch.State.FAILED, clock.instant(), r.runId(),
                r.executionId(), what);
    }

    private Launch checkSla(Launch launch, JobHistory.Execution restarting, Instant started) throws NoSuchJobExecutionException {
        long before = restarting == null ? 0 : slaBreaches(restarting.runId());
        SlaCheckReport r = restarting == null ? slaCheck.run() : slaCheck.restart(restarting.executionId());
        SlaCheckReport.Counts c = r.counts();
        metrics.slaCheck(Duration.between(started, clock.instant()), r.completed(), Math.max(0, c.breached() - before));
        String what = r.completed()
                ? String.format(Locale.ROOT, "%,d MQLs examined: %,d met, %,d new breaches, %,d recycled", c.examined(),
                c.met(), c.breached(), c.recycled())
                : "failed: " + r.failure() + "; restart it from the Jobs page";
        return launch.ended(r.completed() ? Launch.State.COMPLETED : Launch.State.FAILED, clock.instant(), r.runId(),
                r.executionId(), what);
    }

    /** Leads scored and MQLs created so far by a run, so that a restart counts only what it adds. */
    private JobHistory.RescoringCounts rescoringCounts(long runId) {
        return history.rescoringCounts(List.of(runId)).getOrDefault(runId, new JobHistory.RescoringCounts(0, 0));
    }

    private long slaBreaches(long runId) {
        JobHistory.SlaCheckCounts counts = history.slaCheckCounts(List.of(runId)).get(runId);
        return counts == null ? 0 : counts.breached();
    }

    @Override
    public void destroy() {
        // a run cut short here is left as the job repository records it, and can be restarted
        executor.shutdownNow();
    }
}

package io.leadscore.app.web.whatif;

import io.leadscore.app.web.Problems;
import io.leadscore.scoring.domain.InvalidInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where what-ifs are computed: a small pool of workers with a bounded queue,
 * off the server's request threads.
 * <ul>
 *   <li>A request that finds every worker busy and the queue full is turned away at once
 *       ({@link BusyException}, answered 429 with {@code Retry-After}) instead of piling up work no one will
 *       wait for.</li>
 *   <li>A what-if answered within {@link WhatIfLimits#heartbeatAfter()} is an ordinary response: 200 with its
 *       JSON, or the error's status.</li>
 *   <li>A longer one is answered 200 at that point, and a space (JSON allows whitespace before a value) is
 *       sent every second until its JSON follows. The servlet API says nothing when a client goes away; a
 *       write that fails does, and the what-if is then cancelled (the simulator stops at its next block of
 *       trials). Should such a what-if fail after that point, its body is a problem-details object with the
 *       status it would have had.</li>
 *   <li>A what-if that outlives {@link WhatIfLimits#timeout()} is cancelled as well.</li>
 * </ul>
 */
@Component
class WhatIfPool implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(WhatIfPool.class);

    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService timer;
    private final WhatIfLimits limits;
    private final JsonMapper json;
    private final Counter rejected;
    private final Counter cancelled;
    /** Seconds a what-if took, smoothed over the recent ones: what a turned-away client is told to wait. */
    private volatile double recentSeconds = 2;

    WhatIfPool(WhatIfLimits limits, MeterRegistry meters, JsonMapper json) {
        this.limits = limits;
        this.json = json;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(limits.workers(), limits.workers(), 60, TimeUnit.SECONDS,
                limits.queue() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(limits.queue()), runnable -> {
                    Thread t = new Thread(runnable, "leadscore-what-if-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "leadscore-what-if-timer");
            t.setDaemon(true);
            return t;
        });
        this.rejected = Counter.builder("leadscore.whatif.rejected")
                .description("What-ifs turned away because every worker was busy and the queue full (429)").register(meters);
        this.cancelled = Counter.builder("leadscore.whatif.cancelled")
                .description("What-ifs cancelled because their client went away or they timed out").register(meters);
        Gauge.builder("leadscore.whatif.queued", executor, e -> e.getQueue().size())
                .description("What-ifs waiting for a worker").register(meters);
        Gauge.builder("leadscore.whatif.running", executor, ThreadPoolExecutor::getActiveCount)
                .description("What-ifs being computed").register(meters);
    }

    /** Every worker is busy and the queue is full. */
    static final class BusyException extends RuntimeException {
        private final long retryAfterSeconds;

        BusyException(long retryAfterSeconds) {
            super("The server is busy with other what-ifs; try again in about " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** A what-if on a worker, timed, and how its answer goes out: whole, or streamed after the heartbeat delay. */
    private final class Task extends FutureTask<String> {
        private final DeferredResult<Object> result;
        private final long deadline;
        /** Set once the answer is streamed; guarded by {@code this}. */
        private ResponseBodyEmitter emitter;
        private ScheduledFuture<?> heartbeat;
        private boolean answered;

        Task(Supplier<String> work, DeferredResult<Object> result) {
            super(() -> {
                long started = System.nanoTime();
                try {
                    return work.get();
                } finally {
                    recentSeconds = 0.8 * recentSeconds + 0.2 * (System.nanoTime() - started) / 1e9;
                }
            });
            this.result = result;
            this.deadline = System.nanoTime() + limits.timeout().toNanos();
        }

        @Override
        protected synchronized void done() {
            if (answered) {
                return;
            }
            answered = true;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            if (emitter == null) {
                if (isCancelled()) {
                    return;
                }
                try {
                    result.setResult(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(get()));
                } catch (ExecutionException e) {
                    result.setErrorResult(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                emitter.send(answer(), MediaType.APPLICATION_JSON);
                emitter.complete();
            } catch (IOException | RuntimeException e) {
                try {
                    emitter.completeWithError(e);
                } catch (IllegalStateException completed) {
                    // the client went away as the answer was ready: the stream ended already, nothing is left to say
                    log.debug("A what-if finished after its client went away: {}", completed.getMessage());
                }
            }
        }

        /** The JSON of a finished what-if, or a problem-details object: the status line went out long ago. */
        private String answer() {
            try {
                return get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InvalidInputException) {
                    return problem(HttpStatus.BAD_REQUEST, cause.getMessage());
                }
                log.error("A what-if failed", cause);
                return problem(HttpStatus.INTERNAL_SERVER_ERROR, "The what-if failed; the server's log says why");
            } catch (CancellationException e) {
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "The what-if took longer than "
                        + limits.timeout().toSeconds() + " s, or its client went away, and was cancelled");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "The server is stopping");
            }
        }

        /** After the heartbeat delay: answer 200 now, then a space a second until the JSON. */
        synchronized void startStreaming(HttpServletResponse response) {
            if (answered || isDone() || result.isSetOrExpired()) {
                return;
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            emitter = new ResponseBodyEmitter(limits.timeout().plusSeconds(10).toMillis());
            result.setResult(emitter);
            heartbeat = timer.scheduleAtFixedRate(this::beat, 0, 1, TimeUnit.SECONDS);
        }

        private synchronized void beat() {
            if (answered) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                cancelIfRunning("no answer within " + limits.timeout());
                return;
            }
            try {
                emitter.send(" ", MediaType.APPLICATION_JSON);
            } catch (IOException | IllegalStateException e) {
                // the servlet API says nothing when a client goes away; a write that fails does
                cancelIfRunning("its client went away");
            }
        }

        void cancelIfRunning(String why) {
            if (cancel(true)) {
                cancelled.increment();
                log.info("A what-if was cancelled: {}", why);
            }
        }
    }

    /**
     * Computes the JSON of a what-if on a worker.
     *
     * @param response the response, whose content type is set when the answer is streamed
     * @throws BusyException when the queue is full
     */
    DeferredResult<Object> submit(Supplier<String> work, HttpServletResponse response) {
        DeferredResult<Object> result = new DeferredResult<>(limits.timeout().toMillis());
        Task task = new Task(work, result);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.increment();
            throw new BusyException(retryAfterSeconds());
        }
        timer.schedule(() -> task.startStreaming(response), limits.heartbeatAfter().toMillis(), TimeUnit.MILLISECONDS);
        result.onTimeout(() -> task.cancelIfRunning("no answer within " + limits.timeout()));
        result.onError(error -> task.cancelIfRunning("the request failed: " + error));
        return result;
    }

    private String problem(HttpStatus status, String detail) {
        return Problems.body(json, status, detail, null);
    }

    /** About how long until a worker is free for a new what-if: the work ahead of it, shared among the workers. */
    long retryAfterSeconds() {
        double ahead = executor.getQueue().size() + executor.getActiveCount();
        long seconds = (long) Math.ceil(ahead * recentSeconds / limits.workers());
        return Math.max(1, Math.min(300, seconds));
    }

    /** Threads one simulation may use: the cores shared among the workers (results do not depend on it). */
    int threadsPerWhatIf() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / limits.workers());
    }

    Duration timeout() {
        return limits.timeout();
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        executor.shutdownNow();
    }
}

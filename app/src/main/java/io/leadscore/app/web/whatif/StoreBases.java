package io.leadscore.app.web.whatif;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoredPolicy;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * The store's calibration, read once and kept until the store changes.
 * Reading it scans the store's history (seconds on a large store: 8 s on the
 * demo's 20,000 leads here), while a what-if must answer within two seconds of
 * a slider's move. So it is kept with a fingerprint of what it depends on —
 * the newest job execution (every import, training, rescoring and SLA check
 * starts one), the policy version and the newest registry decision (a
 * promotion or rollback) — and when that changes, whichever process changed
 * it, it is read again in the background while the kept one goes on
 * answering. Only the very first reading is waited for.
 */
@Service
public class StoreBases implements DisposableBean {
    /** The won revenue of this many days before the data's end is the page's first quota. */
    static final int QUOTA_DAYS = 90;
    private static final Logger log = LoggerFactory.getLogger(StoreBases.class);

    private final StoreCalibration store;
    private final PolicyStore policies;
    private final ModelRegistry registry;
    private final JobHistory history;
    private final Clock clock;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leadscore-calibration");
        t.setDaemon(true);
        return t;
    });
    private final Object reading = new Object();
    private volatile Kept kept;
    private volatile boolean refreshing;

    private record Kept(List<Long> fingerprint, StoreBasis basis) {
    }

    StoreBases(StoreCalibration store, PolicyStore policies, ModelRegistry registry, JobHistory history, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.registry = registry;
        this.history = history;
        this.clock = clock;
    }

    /**
     * The basis for the store: the kept one (a fresh reading starts in the background when the store changed
     * since), or the first reading, waited for.
     */
    public StoreBasis current() {
        List<Long> now = history.storeFingerprint();
        Kept k = kept;
        if (k == null) {
            synchronized (reading) {
                if (kept == null) {
                    kept = new Kept(now, read());
                }
                return kept.basis();
            }
        }
        if (!now.equals(k.fingerprint())) {
            refreshInBackground(now);
        }
        return k.basis();
    }

    private synchronized void refreshInBackground(List<Long> fingerprint) {
        if (refreshing) {
            return;
        }
        refreshing = true;
        refresher.execute(() -> {
            try {
                synchronized (reading) {
                    kept = new Kept(fingerprint, read());
                }
            } catch (RuntimeException e) {
                log.warn("The store's calibration could not be read again; the previous one stays: {}", e.getMessage());
            } finally {
                refreshing = false;
            }
        });
    }

    /** What a kept reading depends on: the store's fingerprint ({@link JobHistory#storeFingerprint()}). */
    List<Long> fingerprint() {
        return history.storeFingerprint();
    }

    private StoreBasis read() {
        long started = System.nanoTime();
        Instant asOf = store.dataEnd(clock.instant());
        Calibration calibration = Calibration.fromObservations(store.observe(asOf));
        StoredPolicy policy = policies.latest();
        Instant lastPeriod = asOf.minus(Duration.ofDays(QUOTA_DAYS));
        double revenue = store.revenueWon(lastPeriod, asOf);
        Optional<Integer> reps = store.activeReps(lastPeriod, asOf);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        log.info("Read the store's calibration as of {} in {} ms", asOf, took.toMillis());
        return new StoreBasis(asOf, calibration, policy.policy(), policy.version(), store.leadsPerWeek(asOf), revenue, reps,
                registry.champion().map(ModelRecord::version).orElse(null), took);
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}

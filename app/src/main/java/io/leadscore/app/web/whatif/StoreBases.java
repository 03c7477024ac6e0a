package io.leadscore.app.web.whatif;

import io.leadscore.batch.simulation.StoreBasis;
import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.batch.store.JobHistory;
import java.time.Clock;
import java.util.List;
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

    StoreBases(StoreCalibration store, JobHistory history, Clock clock) {
        this.store = store;
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

    /** Whether the kept reading is of the store as it is now (none is kept before the first what-if). */
    boolean fresh() {
        Kept k = kept;
        return k != null && !refreshing && k.fingerprint().equals(history.storeFingerprint());
    }

    /** What a kept reading depends on: the store's fingerprint ({@link JobHistory#storeFingerprint()}). */
    List<Long> fingerprint() {
        return history.storeFingerprint();
    }

    private StoreBasis read() {
        StoreBasis basis = store.basis(store.dataEnd(clock.instant()));
        log.info("Read the store's calibration as of {} in {} ms", basis.asOf(), basis.took().toMillis());
        return basis;
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}

package io.leadscore.app.webhooks;

import io.leadscore.batch.webhooks.SlaAlerts;
import io.leadscore.scoring.domain.Printable;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The SLA alerts of {@code serve}: every {@code sla-scan-every} (15 s by
 * default, a minute at most) it fires the {@code sla.warning} and
 * {@code sla.breached} alerts that came due ({@link SlaAlerts}), so a
 * subscriber hears of them within a minute, not at the next nightly SLA check.
 */
public class SlaAlertSchedule implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SlaAlertSchedule.class);

    private final SlaAlerts alerts;
    private final Clock clock;
    private final Duration every;
    private ScheduledExecutorService loop;

    public SlaAlertSchedule(SlaAlerts alerts, Clock clock, Duration every) {
        this.alerts = alerts;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public synchronized void start() {
        loop = Executors.newSingleThreadScheduledExecutor(WebhookDispatcher.daemon("leadscore-sla-alerts-"));
        loop.scheduleWithFixedDelay(this::scan, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void scan() {
        try {
            int fired = alerts.fire(clock.instant());
            if (fired > 0) {
                log.info("SLA alerts: {} fired", fired);
            }
        } catch (RuntimeException e) {
            // the next scan tries again; nothing was half-written (each batch is one transaction)
            log.error("Cannot look for SLA alerts: {}", Printable.of(e.getMessage()));
        }
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return loop != null;
    }
}

package io.leadscore.app.scheduler;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;

/**
 * The scheduler of {@code serve}: rescoring and the SLA check on their cron
 * schedules, each on its own thread so one never delays the other. A run that
 * fails is logged and kept for a restart; the schedule goes on. On only when
 * {@code leadscore.scheduler.enabled} is true (as {@code serve} sets it).
 */
@Component
@ConditionalOnProperty(name = "leadscore.scheduler.enabled", havingValue = "true")
@EnableConfigurationProperties(ScheduleSettings.class)
public class JobSchedule implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(JobSchedule.class);

    private final ScheduleSettings settings;
    private final JobLaunches launches;
    private final Map<JobKind, ScheduledFuture<?>> scheduled = new EnumMap<>(JobKind.class);
    private ThreadPoolTaskScheduler scheduler;

    JobSchedule(ScheduleSettings settings, JobLaunches launches) {
        this.settings = settings;
        this.launches = launches;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(JobKind.values().length);
        scheduler.setThreadNamePrefix("leadscore-schedule-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        for (JobKind kind : JobKind.values()) {
            String cron = settings.cron(kind);
            if (cron == null) {
                log.info("No schedule for the {}", kind.label());
                continue;
            }
            scheduled.put(kind, scheduler.schedule(() -> tick(kind), new CronTrigger(cron, settings.zoneId())));
            log.info("The {} runs on the schedule '{}' ({})", kind.label(), cron, settings.zoneId());
        }
    }

    void tick(JobKind kind) {
        try {
            launches.runScheduled(kind);
        } catch (RuntimeException e) {
            // never let a failure end the schedule
            log.error("The scheduled {} failed", kind.label(), e);
        }
    }

    /** When each scheduled job runs next, for the Jobs page. */
    public List<Next> next() {
        List<Next> out = new ArrayList<>();
        for (JobKind kind : JobKind.values()) {
            String cron = settings.cron(kind);
            Optional<Instant> at = cron == null ? Optional.empty()
                    : Optional.ofNullable(CronExpression.parse(cron).next(ZonedDateTime.now(settings.zoneId())))
                    .map(ZonedDateTime::toInstant);
            out.add(new Next(kind, cron, at.orElse(null)));
        }
        return out;
    }

    /**
     * @param cron the schedule, or {@code null} when off
     * @param at   the next run, or {@code null}
     */
    public record Next(JobKind kind, String cron, Instant at) {
    }

    @Override
    public synchronized void stop() {
        scheduled.values().forEach(f -> f.cancel(false));
        scheduled.clear();
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}

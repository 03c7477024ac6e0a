package io.leadscore.app.scheduler;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;

/**
 * When {@code serve} runs the jobs: Spring cron expressions (second minute
 * hour day month weekday), {@code -} to switch one off.
 *
 * <pre>
 * leadscore:
 *   schedule:
 *     rescore: "0 0 2 * * *"      # nightly at 02:00
 *     sla-check: "0 0 * * * *"    # hourly
 *     zone: Europe/Berlin         # default: the server's time zone
 * </pre>
 *
 * @param rescore  the rescoring's schedule (default {@value #DEFAULT_RESCORE})
 * @param slaCheck the SLA check's schedule (default {@value #DEFAULT_SLA_CHECK})
 * @param zone     the time zone the expressions are read in (default: the server's)
 */
@ConfigurationProperties("leadscore.schedule")
public record ScheduleSettings(String rescore, String slaCheck, String zone) {
    public static final String DEFAULT_RESCORE = "0 0 2 * * *";
    public static final String DEFAULT_SLA_CHECK = "0 0 * * * *";

    public ScheduleSettings {
        rescore = check("leadscore.schedule.rescore", rescore == null || rescore.isBlank() ? DEFAULT_RESCORE : rescore.strip());
        slaCheck = check("leadscore.schedule.sla-check", slaCheck == null || slaCheck.isBlank() ? DEFAULT_SLA_CHECK
                : slaCheck.strip());
        if (zone != null && !zone.isBlank()) {
            try {
                ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("Invalid leadscore.schedule.zone: '" + zone
                        + "', expected a time zone such as UTC or Europe/Berlin");
            }
            zone = zone.strip();
        } else {
            zone = null;
        }
    }

    public ZoneId zoneId() {
        return zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** The expression of a job, or {@code null} when its schedule is switched off. */
    public String cron(JobKind kind) {
        String cron = kind == JobKind.RESCORING ? rescore : slaCheck;
        return Scheduled.CRON_DISABLED.equals(cron) ? null : cron;
    }

    private static String check(String property, String cron) {
        if (Scheduled.CRON_DISABLED.equals(cron)) {
            return cron;
        }
        try {
            CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + property + ": '" + cron + "', expected a cron expression of six"
                    + " fields (second minute hour day month weekday) such as \"0 0 2 * * *\", or - for none ("
                    + e.getMessage() + ")");
        }
        return cron;
    }
}

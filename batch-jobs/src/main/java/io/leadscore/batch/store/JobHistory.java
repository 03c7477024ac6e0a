package io.leadscore.batch.store;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Ops' view of the job repository: the runs of every job, newest first, with
 * their as-of time, status, counts, duration and — for rescoring — drift.
 * Counts are summed over a run's steps, partitions counted once (through
 * their manager step).
 */
@Service
public class JobHistory {
    private static final String SQL = "SELECT e.JOB_EXECUTION_ID, i.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE,"
            + " e.EXIT_MESSAGE, e.START_TIME, e.END_TIME,"
            + " (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
            + "    AND p.PARAMETER_NAME = 'as.of'),"
            + " (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s"
            + "    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%%:partition%%'),"
            + " (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s"
            + "    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%%:partition%%'),"
            + " (SELECT COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0)"
            + "    FROM BATCH_STEP_EXECUTION s"
            + "    WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND s.STEP_NAME NOT LIKE '%%:partition%%'),"
            + " r.psi"
            + " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
            + " LEFT JOIN scoring_run r ON r.run_id = i.JOB_INSTANCE_ID AND i.JOB_NAME = 'rescoreJob'"
            + " %s ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST %d ROWS ONLY";

    private final JdbcTemplate jdbc;

    public JobHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One execution of a job.
     *
     * @param runId    the job instance: the run that a restart continues
     * @param asOf     the run's as-of parameter, or {@code null} for jobs without one
     * @param duration how long it ran, or {@code null} while it runs
     * @param psi      for rescoring, the drift of its scores; otherwise {@code null}
     */
    public record Run(long executionId, long runId, String job, String status, String exitCode, String exitMessage,
                      LocalDateTime startedAt, Duration duration, String asOf, long read, long written, long skipped,
                      Double psi) {
    }

    /** The newest runs, of one job or ({@code job} null) of all. */
    public List<Run> recent(String job, int limit) {
        String sql = String.format(java.util.Locale.ROOT, SQL, job == null ? "" : "WHERE i.JOB_NAME = ?", Math.max(1, limit));
        Object[] args = job == null ? new Object[0] : new Object[] {job};
        return jdbc.query(sql, (rs, i) -> {
            LocalDateTime start = rs.getObject(7, LocalDateTime.class);
            LocalDateTime end = rs.getObject(8, LocalDateTime.class);
            Object psi = rs.getObject(13);
            return new Run(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6), start, start == null || end == null ? null : Duration.between(start, end),
                    rs.getString(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                    psi == null ? null : ((Number) psi).doubleValue());
        }, args);
    }

    /** The start of a run, as an instant (the job repository keeps local times of the JVM's zone). */
    public static java.time.Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(java.time.ZoneId.systemDefault()).withZoneSameInstant(ZoneOffset.UTC)
                .toInstant();
    }
}

package io.leadscore.batch.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Ops' view of the job repository and the runs' own records: the runs of
 * every job, newest first, with their as-of time, status, counts, duration
 * and — for rescoring — drift (counts are summed over a run's steps,
 * partitions counted once, through their manager step); one execution; what
 * rescoring and SLA check runs wrote; and a fingerprint of the store's state.
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
    private final NamedParameterJdbcTemplate named;

    public JobHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
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

    /** The jobs there are, by the names people use for them (the command or endpoint that starts each). */
    private static final java.util.Map<String, String> JOBS = java.util.Map.of(
            "import", "crmImportJob", "rescore", "rescoreJob", "sla-check", "slaCheckJob", "train", "retrainJob",
            "report-funnel", "funnelReportJob");

    /**
     * The job a filter names: its job name ({@code rescoreJob}) or the command that starts it ({@code rescore},
     * {@code sla-check}, {@code import}, {@code train}, {@code report-funnel}); any case.
     *
     * @throws io.leadscore.scoring.domain.InvalidInputException naming the jobs there are, for any other name
     */
    public static String jobName(String asked) {
        String name = asked.strip();
        for (java.util.Map.Entry<String, String> job : JOBS.entrySet()) {
            if (job.getKey().equalsIgnoreCase(name) || job.getValue().equalsIgnoreCase(name)) {
                return job.getValue();
            }
        }
        throw new io.leadscore.scoring.domain.InvalidInputException("unknown job "
                + io.leadscore.scoring.domain.Quoted.value(name) + ": expected one of "
                + new java.util.TreeSet<>(JOBS.values()) + " (or " + new java.util.TreeSet<>(JOBS.keySet()) + ")");
    }

    /**
     * The newest runs, of one job or ({@code job} null) of all.
     *
     * @param job a name {@link #jobName} takes
     */
    public List<Run> recent(String asked, int limit) {
        String job = asked == null || asked.isBlank() ? null : jobName(asked);
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

    /**
     * A job execution as the job repository has it.
     *
     * @param latestOfRun whether no later execution of the same run exists (only the latest can be restarted)
     * @param latestRun   whether the run is the job's newest
     */
    public record Execution(long executionId, long runId, String job, String status, boolean latestOfRun,
                            boolean latestRun) {
    }

    /** One execution by its id. */
    public Optional<Execution> execution(long executionId) {
        List<Execution> rows = jdbc.query("SELECT e.JOB_EXECUTION_ID, i.JOB_INSTANCE_ID, i.JOB_NAME, e.STATUS,"
                        + " (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID),"
                        + " (SELECT MAX(j.JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE j WHERE j.JOB_NAME = i.JOB_NAME)"
                        + " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                        + " WHERE e.JOB_EXECUTION_ID = ?",
                (rs, i) -> new Execution(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5) == rs.getLong(1), rs.getLong(6) == rs.getLong(2)), executionId);
        return rows.stream().findFirst();
    }

    /**
     * What rescoring runs wrote, by run: leads scored and MQLs created so far (a failed run's counts stop where
     * it stopped; a restart adds to them).
     */
    public Map<Long, RescoringCounts> rescoringCounts(Collection<Long> runIds) {
        return byRun("SELECT run_id, leads_scored, mqls_created FROM scoring_run WHERE run_id IN (:ids)", runIds,
                (rs, i) -> new RescoringCounts(rs.getLong(2), rs.getLong(3)));
    }

    public record RescoringCounts(long leadsScored, long mqlsCreated) {
    }

    /** What SLA check runs found, by run: new breaches and MQLs recycled so far. */
    public Map<Long, SlaCheckCounts> slaCheckCounts(Collection<Long> runIds) {
        return byRun("SELECT run_id, breached, recycled FROM sla_check_run WHERE run_id IN (:ids)", runIds,
                (rs, i) -> new SlaCheckCounts(rs.getLong(2), rs.getLong(3)));
    }

    /** One row per run of the given ids (the query's first column), as the mapper makes it. */
    private <T> Map<Long, T> byRun(String sql, Collection<Long> runIds, RowMapper<T> mapper) {
        Map<Long, T> out = new HashMap<>();
        if (!runIds.isEmpty()) {
            named.query(sql, new MapSqlParameterSource("ids", runIds), rs -> {
                out.put(rs.getLong(1), mapper.mapRow(rs, out.size()));
            });
        }
        return out;
    }

    public record SlaCheckCounts(long breached, long recycled) {
    }

    /**
     * The last rescoring run that finished, by finishing time.
     *
     * @param psi the drift of its scores, or {@code null}
     */
    public record FinishedRescoring(long runId, long leadsScored, long mqlsCreated, Double psi, Instant finishedAt) {
    }

    public Optional<FinishedRescoring> lastFinishedRescoring() {
        return jdbc.query("SELECT run_id, leads_scored, mqls_created, psi, finished_at FROM scoring_run"
                        + " WHERE finished_at IS NOT NULL ORDER BY finished_at DESC FETCH FIRST 1 ROWS ONLY",
                (rs, i) -> new FinishedRescoring(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getDouble(4), Instants.read(rs, 5))).stream().findFirst();
    }

    /**
     * A value that changes whenever a job starts (every import, training, rescoring and SLA check starts one), the
     * policy changes, or the registry decides (a promotion or rollback): what readings derived from the whole store
     * depend on, whichever process changed it.
     */
    public List<Long> storeFingerprint() {
        return jdbc.queryForObject("SELECT (SELECT COALESCE(MAX(JOB_EXECUTION_ID), 0) FROM BATCH_JOB_EXECUTION),"
                        + " (SELECT COALESCE(MAX(version), 0) FROM policy), (SELECT COALESCE(MAX(id), 0) FROM model_decision)",
                (rs, i) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
    }

    /** The start of a run, as an instant (the job repository keeps local times of the JVM's zone). */
    public static java.time.Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(java.time.ZoneId.systemDefault()).withZoneSameInstant(ZoneOffset.UTC)
                .toInstant();
    }
}

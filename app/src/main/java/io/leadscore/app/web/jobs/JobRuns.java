package io.leadscore.app.web.jobs;

import io.leadscore.app.scheduler.JobKind;
import io.leadscore.app.scheduler.JobLaunches;
import io.leadscore.batch.store.JobHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The job history with what ops look for beside the counts: for rescoring the
 * leads scored, MQLs created and drift; for the SLA check the breaches and
 * recyclings; and whether a failed run can be restarted from here.
 */
@Service
class JobRuns {
    /** Runs on the page and the API's default. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1_000;

    private final JobHistory history;
    private final JobLaunches launches;
    private final NamedParameterJdbcTemplate jdbc;

    JobRuns(JobHistory history, JobLaunches launches, JdbcTemplate jdbc) {
        this.history = history;
        this.launches = launches;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    List<JobRun> recent(String job, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("Invalid limit: " + limit + ", expected 1 to " + MAX_LIMIT);
        }
        List<JobHistory.Run> runs = history.recent(job == null || job.isBlank() ? null : job.strip(), limit);
        Map<Long, long[]> scoring = figures(runs, JobKind.RESCORING,
                "SELECT run_id, leads_scored, mqls_created FROM scoring_run WHERE run_id IN (:ids)");
        Map<Long, long[]> sla = figures(runs, JobKind.SLA_CHECK,
                "SELECT run_id, breached, recycled FROM sla_check_run WHERE run_id IN (:ids)");
        List<JobRun> out = new ArrayList<>(runs.size());
        Set<Long> seenRuns = new HashSet<>();
        for (JobHistory.Run r : runs) {
            // newest first: the first execution of a run listed is its latest, the only one a restart continues
            boolean latestOfRun = seenRuns.add(r.runId());
            long[] s = scoring.get(r.runId());
            long[] b = sla.get(r.runId());
            boolean rescoring = JobKind.RESCORING.jobName().equals(r.job());
            boolean check = JobKind.SLA_CHECK.jobName().equals(r.job());
            Optional<String> whyNot = latestOfRun && candidate(r) ? launches.whyNotRestartable(r.executionId()) : Optional.of("");
            out.add(new JobRun(r.executionId(), r.runId(), r.job(), r.asOf(), r.status(), firstLine(r.exitMessage()),
                    JobHistory.instant(r.startedAt()), r.duration() == null ? null : r.duration().toMillis() / 1000.0,
                    r.read(), r.written(), r.skipped(), r.psi(),
                    rescoring && s != null ? s[0] : null, rescoring && s != null ? s[1] : null,
                    check && b != null ? b[0] : null, check && b != null ? b[1] : null,
                    whyNot.isEmpty(), whyNot.filter(w -> !w.isEmpty()).orElse(null)));
        }
        return out;
    }

    /** Runs that did not complete, of the jobs restarted from here: the only ones worth asking about. */
    private static boolean candidate(JobHistory.Run r) {
        return JobKind.ofJobName(r.job()).isPresent() && !"COMPLETED".equals(r.status())
                && !"ABANDONED".equals(r.status());
    }

    private Map<Long, long[]> figures(List<JobHistory.Run> runs, JobKind kind, String sql) {
        List<Long> ids = runs.stream().filter(r -> kind.jobName().equals(r.job())).map(JobHistory.Run::runId).distinct().toList();
        Map<Long, long[]> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.query(sql, new MapSqlParameterSource("ids", ids), rs -> {
            out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
        });
        return out;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}

package io.leadscore.app.web.jobs;

import io.leadscore.app.scheduler.JobKind;
import io.leadscore.app.scheduler.JobLaunches;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.scoring.domain.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    JobRuns(JobHistory history, JobLaunches launches) {
        this.history = history;
        this.launches = launches;
    }

    List<JobRun> recent(String job, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("Invalid limit: " + limit + ", expected 1 to " + MAX_LIMIT);
        }
        List<JobHistory.Run> runs = history.recent(job == null || job.isBlank() ? null : job.strip(), limit);
        Map<Long, JobHistory.RescoringCounts> scoring = history.rescoringCounts(runIds(runs, JobKind.RESCORING));
        Map<Long, JobHistory.SlaCheckCounts> sla = history.slaCheckCounts(runIds(runs, JobKind.SLA_CHECK));
        List<JobRun> out = new ArrayList<>(runs.size());
        Set<Long> seenRuns = new HashSet<>();
        for (JobHistory.Run r : runs) {
            // newest first: the first execution of a run listed is its latest, the only one a restart continues
            boolean latestOfRun = seenRuns.add(r.runId());
            JobHistory.RescoringCounts s = scoring.get(r.runId());
            JobHistory.SlaCheckCounts b = sla.get(r.runId());
            boolean rescoring = JobKind.RESCORING.jobName().equals(r.job());
            boolean check = JobKind.SLA_CHECK.jobName().equals(r.job());
            Optional<String> whyNot = latestOfRun && candidate(r) ? launches.whyNotRestartable(r.executionId()) : Optional.of("");
            out.add(new JobRun(r.executionId(), r.runId(), r.job(), r.asOf(), r.status(), firstLine(r.exitMessage()),
                    JobHistory.instant(r.startedAt()), r.duration() == null ? null : r.duration().toMillis() / 1000.0,
                    r.read(), r.written(), r.skipped(), r.psi(),
                    rescoring && s != null ? s.leadsScored() : null, rescoring && s != null ? s.mqlsCreated() : null,
                    check && b != null ? b.breached() : null, check && b != null ? b.recycled() : null,
                    whyNot.isEmpty(), whyNot.filter(w -> !w.isEmpty()).orElse(null)));
        }
        return out;
    }

    /** Runs that did not complete, of the jobs restarted from here: the only ones worth asking about. */
    private static boolean candidate(JobHistory.Run r) {
        return JobKind.ofJobName(r.job()).isPresent() && !"COMPLETED".equals(r.status())
                && !"ABANDONED".equals(r.status());
    }

    private static List<Long> runIds(List<JobHistory.Run> runs, JobKind kind) {
        return runs.stream().filter(r -> kind.jobName().equals(r.job())).map(JobHistory.Run::runId).distinct().toList();
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

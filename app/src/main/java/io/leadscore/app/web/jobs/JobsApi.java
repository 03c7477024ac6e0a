package io.leadscore.app.web.jobs;

import io.leadscore.app.scheduler.JobKind;
import io.leadscore.app.scheduler.JobLaunches;
import io.leadscore.app.web.NotFoundException;
import io.leadscore.app.web.Viewer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Job runs over HTTP. Starting or restarting a job answers at once (202) with
 * the launch, which runs in the background: poll {@code /api/jobs/launches/{id}}.
 * A request while a run of the job is in progress is refused (409).
 */
@RestController
@RequestMapping(path = "/api/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "jobs", description = "Job runs: list, start rescoring or the SLA check, restart a failed run (roles ops, admin)")
class JobsApi {
    private final JobRuns runs;
    private final JobLaunches launches;

    JobsApi(JobRuns runs, JobLaunches launches) {
        this.runs = runs;
        this.launches = launches;
    }

    @GetMapping
    @Operation(summary = "Job executions, newest first, with status, counts, duration and drift")
    List<JobRun> list(@Parameter(description = "only runs of this job, e.g. rescoreJob, slaCheckJob")
                      @RequestParam(required = false) String job,
                      @Parameter(description = "how many (default 50, at most 1000)")
                      @RequestParam(defaultValue = "" + JobRuns.DEFAULT_LIMIT) int limit) {
        return runs.recent(job, limit);
    }

    @GetMapping("/launches")
    @Operation(summary = "Runs asked of this server (console, API, scheduler), newest first, with how they ended")
    List<LaunchView> launches() {
        return launches.recent().stream().map(LaunchView::of).toList();
    }

    @GetMapping("/launches/{id}")
    @Operation(summary = "One launch: running, completed, failed or refused")
    LaunchView launch(@PathVariable long id) {
        return launches.find(id).map(LaunchView::of).orElseThrow(() -> new NotFoundException("there is no launch " + id));
    }

    @PostMapping("/rescore")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rescore every open lead without a deal as of now, in the background; 409 while a rescoring runs")
    LaunchView rescore(Authentication authentication) {
        return LaunchView.of(launches.start(JobKind.RESCORING, Viewer.of(authentication).actor()));
    }

    @PostMapping("/sla-check")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Check the SLA as of now, in the background; 409 while an SLA check runs")
    LaunchView slaCheck(Authentication authentication) {
        return LaunchView.of(launches.start(JobKind.SLA_CHECK, Viewer.of(authentication).actor()));
    }

    @PostMapping("/{executionId}/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Restart a failed rescoring or SLA check run from its last committed chunk, in the background;"
            + " 404 for no such execution, 409 when it cannot be restarted or a run is in progress")
    LaunchView restart(@PathVariable long executionId, Authentication authentication) {
        return LaunchView.of(launches.restart(executionId, Viewer.of(authentication).actor()));
    }
}

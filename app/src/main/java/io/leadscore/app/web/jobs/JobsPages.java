package io.leadscore.app.web.jobs;

import io.leadscore.app.scheduler.JobKind;
import io.leadscore.app.scheduler.JobLaunches;
import io.leadscore.app.scheduler.JobRefusedException;
import io.leadscore.app.scheduler.JobSchedule;
import io.leadscore.app.scheduler.Launch;
import io.leadscore.app.scheduler.NoSuchRunException;
import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.PageJson;
import io.leadscore.app.web.Viewer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Jobs page: runs with status, counts, duration and drift (charted too),
 * what this server is running, the schedule, and buttons to start rescoring or
 * the SLA check and to restart a failed run. It reloads itself while a run it
 * started is in progress.
 */
@ConsoleController
class JobsPages {
    private final JobRuns runs;
    private final JobLaunches launches;
    private final ObjectProvider<JobSchedule> schedule;
    private final PageJson json;

    JobsPages(JobRuns runs, JobLaunches launches, ObjectProvider<JobSchedule> schedule, PageJson json) {
        this.runs = runs;
        this.launches = launches;
        this.schedule = schedule;
        this.json = json;
    }

    @GetMapping("/jobs")
    String jobs(Model model) {
        List<JobRun> all = runs.recent(null, JobRuns.DEFAULT_LIMIT);
        List<Launch> recent = launches.recent();
        model.addAttribute("runs", all);
        model.addAttribute("launches", recent.subList(0, Math.min(10, recent.size())));
        model.addAttribute("running", recent.stream().anyMatch(Launch::running));
        model.addAttribute("rescoringBusy", launches.inProgress(JobKind.RESCORING));
        model.addAttribute("slaCheckBusy", launches.inProgress(JobKind.SLA_CHECK));
        JobSchedule s = schedule.getIfAvailable();
        model.addAttribute("schedule", s == null ? List.of() : s.next());
        List<Map<String, Object>> chart = new ArrayList<>();
        for (JobRun r : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", r.job());
            m.put("run_id", r.runId());
            m.put("execution_id", r.executionId());
            m.put("started_at", r.startedAt());
            m.put("status", r.status());
            m.put("duration_seconds", r.durationSeconds());
            m.put("psi", r.psi());
            m.put("leads_scored", r.leadsScored());
            m.put("mqls_created", r.mqlsCreated());
            m.put("breaches", r.breaches());
            chart.add(m);
        }
        model.addAttribute("pageJson", json.write(Map.of("runs", chart)));
        return "jobs";
    }

    @PostMapping("/jobs/rescore")
    String rescore(Authentication authentication, RedirectAttributes redirect) {
        return start(JobKind.RESCORING, authentication, redirect);
    }

    @PostMapping("/jobs/sla-check")
    String slaCheck(Authentication authentication, RedirectAttributes redirect) {
        return start(JobKind.SLA_CHECK, authentication, redirect);
    }

    @PostMapping("/jobs/{executionId}/restart")
    String restart(@PathVariable long executionId, Authentication authentication, RedirectAttributes redirect) {
        try {
            Launch l = launches.restart(executionId, Viewer.of(authentication).actor());
            redirect.addFlashAttribute("notice", "Restarting the " + l.kind().label() + " of execution " + executionId
                    + " in the background; this page follows it.");
        } catch (JobRefusedException | NoSuchRunException e) {
            redirect.addFlashAttribute("problem", "Not restarted: " + e.getMessage());
        }
        return "redirect:/jobs";
    }

    private String start(JobKind kind, Authentication authentication, RedirectAttributes redirect) {
        try {
            launches.start(kind, Viewer.of(authentication).actor());
            redirect.addFlashAttribute("notice", "Started the " + kind.label() + " in the background; this page follows it.");
        } catch (JobRefusedException e) {
            redirect.addFlashAttribute("problem", "Refused: " + e.getMessage());
        }
        return "redirect:/jobs";
    }
}

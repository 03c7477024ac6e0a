package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.PolicyStore;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Starts a run: records its as-of time and the SLA terms of the policy in force, which its restarts keep. */
final class SlaCheckStart implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(SlaCheckStart.class);

    private final SlaCheckRuns runs;
    private final PolicyStore policies;

    SlaCheckStart(SlaCheckRuns runs, PolicyStore policies) {
        this.runs = runs;
        this.policies = policies;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long runId = step.getJobExecution().getJobInstance().getInstanceId();
        Instant asOf = SlaCheckParameters.asOf(step.getJobExecution().getJobParameters());
        SlaTerms terms = runs.open(runId, asOf, policies.latest());
        log.info("SLA check #{} as of {}: first follow-up within {} h, recycling after {} days (policy version {})",
                runId, asOf, terms.slaHours(), terms.recycleAfterDays(), terms.policyVersion());
        return RepeatStatus.FINISHED;
    }
}

package io.leadscore.batch.funnelreport;

import io.leadscore.batch.store.PolicyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Starts a report: records its cohort and the SLA of the policy in force, which its restarts keep. */
final class FunnelReportStart implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(FunnelReportStart.class);

    private final FunnelReportStore store;
    private final PolicyStore policies;

    FunnelReportStart(FunnelReportStore store, PolicyStore policies) {
        this.store = store;
        this.policies = policies;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = contribution.getStepExecution();
        long runId = step.getJobExecution().getJobInstance().getInstanceId();
        FunnelReportStore.Header report = store.open(runId,
                FunnelReportParameters.cohort(step.getJobExecution().getJobParameters()), policies.latest());
        log.info("Funnel report #{}: leads created from {} to {}, as of {}", runId,
                report.cohort().from() == null ? "the start" : report.cohort().from(),
                report.cohort().to() == null ? "the end" : report.cohort().to(), report.cohort().asOf());
        return RepeatStatus.FINISHED;
    }
}

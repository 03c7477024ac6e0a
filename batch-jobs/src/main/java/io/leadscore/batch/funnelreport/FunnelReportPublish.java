package io.leadscore.batch.funnelreport;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Marks a report whose every section is written as complete: only then is it read back. */
final class FunnelReportPublish implements Tasklet {
    private final FunnelReportStore store;

    FunnelReportPublish(FunnelReportStore store) {
        this.store = store;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        store.publish(contribution.getStepExecution().getJobExecution().getJobInstance().getInstanceId());
        return RepeatStatus.FINISHED;
    }
}

package io.leadscore.batch.funnelreport;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One section of a report, computed by set-based queries over the run's
 * cohort and written whole in the step's transaction. The step counts the
 * aggregate rows it read and the report rows it wrote.
 */
abstract class FunnelSection implements Tasklet {
    protected final NamedParameterJdbcTemplate jdbc;
    protected final FunnelReportStore store;

    FunnelSection(NamedParameterJdbcTemplate jdbc, FunnelReportStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public final RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long runId = contribution.getStepExecution().getJobExecution().getJobInstance().getInstanceId();
        write(store.started(runId), contribution);
        return RepeatStatus.FINISHED;
    }

    protected abstract void write(FunnelReportStore.Header report, StepContribution contribution);
}

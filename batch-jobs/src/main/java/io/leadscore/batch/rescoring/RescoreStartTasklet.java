package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.StoreDialect;
import java.time.Instant;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records the run (as-of time, model, threshold, grid) once, and on PostgreSQL makes the run's score-history
 * partition; a restart finds both already there.
 */
class RescoreStartTasklet implements Tasklet {
    private final JdbcTemplate jdbc;
    private final RescoreProgress progress;

    RescoreStartTasklet(JdbcTemplate jdbc, RescoreProgress progress) {
        this.jdbc = jdbc;
        this.progress = progress;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        var parameters = execution.getJobParameters();
        long runId = execution.getJobInstance().getInstanceId();
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM scoring_run WHERE run_id = ?", Integer.class, runId);
        if (known == null || known == 0) {
            Long grid = parameters.getLong(Rescoring.GRID_SIZE);
            jdbc.update("INSERT INTO scoring_run (run_id, as_of, model_version, mql_threshold, started_at, grid_size)"
                            + " VALUES (?, ?, ?, ?, ?, ?)", runId,
                    Instants.utc(Instant.parse(parameters.getString(Rescoring.AS_OF))),
                    parameters.getString(Rescoring.MODEL_VERSION), parameters.getDouble(Rescoring.THRESHOLD),
                    Instants.utc(Instant.now()), grid == null ? null : grid.intValue());
        }
        ScoreHistoryPartitions.ensure(jdbc, StoreDialect.of(jdbc.getDataSource()), runId);
        Long open = jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE " + OpenLeadReader.scored("")
                + " AND created_at <= ?", Long.class, Instants.utc(Instant.parse(parameters.getString(Rescoring.AS_OF))));
        progress.start(open == null ? -1 : open);
        return RepeatStatus.FINISHED;
    }
}

package io.leadscore.batch.rescoring;

import io.leadscore.batch.store.Instants;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts what the run wrote (from the store, so the figures are exact across
 * restarts) and measures its drift ({@link RunDrift}); above 0.2 it warns.
 */
class RescoreFinishTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(RescoreFinishTasklet.class);

    private final JdbcTemplate jdbc;
    private final ChampionModels champions;
    private final RescoreProgress progress;
    private final int observationDays;

    RescoreFinishTasklet(JdbcTemplate jdbc, ChampionModels champions, RescoreProgress progress, int observationDays) {
        this.jdbc = jdbc;
        this.champions = champions;
        this.progress = progress;
        this.observationDays = observationDays;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        progress.finish();
        var execution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = execution.getJobInstance().getInstanceId();
        ChampionModel champion = champions.get(execution.getJobParameters().getString(Rescoring.MODEL_VERSION),
                execution.getJobParameters().getDouble(Rescoring.THRESHOLD));
        Long scored = jdbc.queryForObject("SELECT COUNT(*) FROM score_history WHERE run_id = ?", Long.class, runId);
        Long mqls = jdbc.queryForObject("SELECT COUNT(*) FROM stage_transition WHERE run_id = ? AND to_stage = 'MQL'"
                + " AND actor = ?", Long.class, runId, "rescore #" + runId);
        Instant asOf = Instant.parse(execution.getJobParameters().getString(Rescoring.AS_OF));
        double psi = RunDrift.measure(jdbc, champion, runId, asOf, observationDays);
        jdbc.update("UPDATE scoring_run SET leads_scored = ?, mqls_created = ?, psi = ?, finished_at = ? WHERE run_id = ?",
                scored, mqls, psi, Instants.utc(Instant.now()), runId);
        execution.getExecutionContext().putDouble("psi", psi);
        if (psi > PopulationStability.WARN_ABOVE) {
            log.warn(String.format(Locale.ROOT, "Rescoring run %d: the scores drifted from model %s's (PSI %.3f > %.1f): %s",
                    runId, champion.version(), psi, PopulationStability.WARN_ABOVE,
                    RunDrift.staleness(jdbc, asOf, observationDays).orElse("check the lead mix and consider retraining")));
        }
        return RepeatStatus.FINISHED;
    }
}

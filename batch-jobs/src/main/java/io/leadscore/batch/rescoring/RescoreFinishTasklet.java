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
 * restarts) and measures its drift: the population stability index of its
 * scores against the champion's scores on its validation window. Those are
 * leads scored at the end of their observation window (30 days by default),
 * so the run's leads of at most that age are the ones compared: a shift in
 * who arrives shows, and the many old, quiet leads every open-lead population
 * holds do not read as drift. Above 0.2 it warns.
 */
class RescoreFinishTasklet implements Tasklet {
    private static final Logger log = LoggerFactory.getLogger(RescoreFinishTasklet.class);

    /** Fewer recent leads than this, and the run's drift is measured over all its leads. */
    static final int MIN_RECENT_LEADS = 200;

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

    private long[] scoreCounts(PopulationStability stability, long runId, Object createdSince) {
        long[] counts = new long[stability.bins()];
        jdbc.query("SELECT h.score FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.created_at >= ?", rs -> {
                    counts[stability.binOf(rs.getDouble(1))]++;
                }, runId, createdSince);
        return counts;
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
        PopulationStability stability = PopulationStability.of(champion.artifact().provenance().metrics().thresholdCurve());
        // like with like: the champion's validation scores are of leads at most an observation window old, so
        // the run's leads of that age are compared (all leads when too few are that young)
        java.time.Instant asOf = java.time.Instant.parse(execution.getJobParameters().getString(Rescoring.AS_OF));
        Object since = Instants.utc(asOf.minus(java.time.Duration.ofDays(observationDays)));
        long[] counts = scoreCounts(stability, runId, since);
        if (java.util.Arrays.stream(counts).sum() < MIN_RECENT_LEADS) {
            counts = scoreCounts(stability, runId, Instants.utc(java.time.Instant.EPOCH));
        }
        double psi = stability.index(counts);
        jdbc.update("UPDATE scoring_run SET leads_scored = ?, mqls_created = ?, psi = ?, finished_at = ? WHERE run_id = ?",
                scored, mqls, psi, Instants.utc(Instant.now()), runId);
        execution.getExecutionContext().putDouble("psi", psi);
        if (psi > PopulationStability.WARN_ABOVE) {
            log.warn(String.format(Locale.ROOT, "Rescoring run %d: the scores drifted from model %s's (PSI %.3f > %.1f):"
                            + " check the lead mix and consider retraining", runId, champion.version(), psi,
                    PopulationStability.WARN_ABOVE));
        }
        return RepeatStatus.FINISHED;
    }
}

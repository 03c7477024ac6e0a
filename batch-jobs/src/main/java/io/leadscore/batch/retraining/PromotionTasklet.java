package io.leadscore.batch.retraining;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.Provenance;
import io.leadscore.scoring.evaluation.AgeBand;
import io.leadscore.scoring.evaluation.AgeBandMetrics;
import io.leadscore.scoring.evaluation.Evaluator;
import io.leadscore.scoring.evaluation.ModelMetrics;
import io.leadscore.scoring.evaluation.PromotionDecision;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.evaluation.PromotionRule;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.labels.LabelRule;
import io.leadscore.scoring.labels.OutOfTimeSplit;
import io.leadscore.scoring.labels.TrainingSet;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Decides on the challenger. In {@code auto} mode the champion is scored on
 * the challenger's validation window — the same leads, at the same snapshot
 * times and ages, through the champion's own features and calibration — and
 * the promotion rule compares the two there, over the window and age band by
 * age band. {@code never} and {@code force} do what they say. The challenger is
 * registered here, with the decision and its reason, in the step's one
 * transaction: when anything fails, nothing is.
 */
class PromotionTasklet implements Tasklet {
    private final DataSource dataSource;
    private final TrainingWorkspace workspace;
    private final ModelRegistry registry;

    PromotionTasklet(DataSource dataSource, TrainingWorkspace workspace, ModelRegistry registry) {
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.registry = registry;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws SQLException {
        var stepExecution = chunkContext.getStepContext().getStepExecution();
        var jobContext = stepExecution.getJobExecution().getExecutionContext();
        var parameters = stepExecution.getJobParameters();
        long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        String version = jobContext.getString(Retraining.CHALLENGER);
        PromotionMode mode = PromotionMode.valueOf(parameters.getString(Retraining.PROMOTE).toUpperCase(Locale.ROOT));
        Instant asOf = Instant.parse(parameters.getString(Retraining.AS_OF));

        registry.register(workspace.challenger(), workspace.challengerFile(), asOf, runId, "retrain #" + runId);
        Provenance challenger = registry.artifact(version).provenance();
        Optional<ModelRecord> champion = registry.champion().filter(c -> !c.version().equals(version));
        ChampionOnWindow championMetrics = null;
        boolean older = mode == PromotionMode.AUTO && champion.isPresent() && champion.get().asOf() != null
                && asOf.isBefore(champion.get().asOf());
        if (champion.isPresent() && mode == PromotionMode.AUTO && !older) {
            championMetrics = championOnWindow(registry.artifact(champion.get().version()), asOf);
            jobContext.putDouble("champion.auc", championMetrics.overall.auc());
            jobContext.putDouble("champion.ece", championMetrics.overall.ece());
            jobContext.putString("champion.version", champion.get().version());
        }
        // a challenger trained as of an earlier time knows less of the history than the champion, whose training
        // rows may hold the challenger's validation window: no comparison on that window would be fair
        PromotionDecision decision = older ? new PromotionDecision(false, mode, "Not promoted: trained as of " + asOf
                + ", before the champion " + champion.get().version() + " (as of " + champion.get().asOf() + "), it"
                + " knows less of the history than the model it would replace; promote it by hand if that is meant")
                : PromotionRule.defaults().decide(mode, challenger.metrics(),
                championMetrics == null ? null : championMetrics.overall, challenger.metricsByAge(),
                championMetrics == null ? List.of() : championMetrics.byAge);
        String actor = "retrain #" + runId;
        if (decision.promoted()) {
            registry.promote(version, decision.reason(), actor);
        } else {
            registry.keep(version, decision.reason(), actor);
        }
        jobContext.putString("decision.reason", decision.reason());
        jobContext.putString("decision.promoted", Boolean.toString(decision.promoted()));
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }

    private record ChampionOnWindow(ModelMetrics overall, List<AgeBandMetrics> byAge) {
    }

    /**
     * The champion's calibrated scores on the challenger's validation snapshots, in the same order, evaluated
     * over the window and per age band. Each snapshot's features are rebuilt from the lead's events before its
     * time, as the challenger's were.
     */
    private ChampionOnWindow championOnWindow(ModelArtifact champion, Instant asOf) throws SQLException {
        TrainingSet set = workspace.trainingSet();
        OutOfTimeSplit split = set.split();
        List<String> keys = set.leadIds().subList(split.trainRows(), set.rows());
        List<Instant> snapshots = set.snapshotAt().subList(split.trainRows(), set.rows());
        Map<String, List<Integer>> rowsOf = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            rowsOf.computeIfAbsent(keys.get(i), k -> new ArrayList<>(2)).add(i);
        }
        FeatureExtractor extractor = FeatureExtractor.forSchema(champion.schema(),
                FeatureSettings.fromMap(champion.extractorSettings()));
        Scorer scorer = champion.scorer(GradeBands.relativeTo(0.5));
        double[] scores = new double[keys.size()];
        boolean[] seen = new boolean[keys.size()];
        EngagementState state = extractor.newState(asOf);
        double[] x = new double[champion.schema().size()];
        try (LeadHistoryStream stream = new LeadHistoryStream(dataSource, asOf, null)) {
            stream.forEach(history -> {
                List<Integer> rows = rowsOf.get(history.lead().leadId());
                if (rows != null) {
                    for (int i : rows) {
                        Instant t = snapshots.get(i);
                        LabelRule.fillState(state, history.activities(), t);
                        extractor.extractInto(history.lead(), state, t, x);
                        scores[i] = scorer.score(x);
                        seen[i] = true;
                    }
                }
            });
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalStateException("validation lead " + keys.get(i) + " was not found again in the store");
            }
        }
        int[] labels = set.validationY();
        return new ChampionOnWindow(Evaluator.evaluate(scores, labels),
                Evaluator.byAge(scores, labels, set.validationAgeDays(), AgeBand.DEFAULTS));
    }
}

package io.leadscore.batch.retraining;

import io.leadscore.batch.registry.ModelRecord;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.scoring.artifact.ModelArtifact;
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
 * the challenger's validation window — the same leads, as of the same
 * snapshots, through the champion's own features and calibration — and the
 * promotion rule compares the two there. {@code never} and {@code force} do
 * what they say. The challenger is registered here, with the decision and its
 * reason, in the step's one transaction: when anything fails, nothing is.
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
        ModelMetrics challenger = registry.artifact(version).provenance().metrics();
        Optional<ModelRecord> champion = registry.champion().filter(c -> !c.version().equals(version));
        ModelMetrics championMetrics = null;
        if (champion.isPresent() && mode == PromotionMode.AUTO) {
            championMetrics = championOnWindow(registry.artifact(champion.get().version()), asOf);
            jobContext.putDouble("champion.auc", championMetrics.auc());
            jobContext.putDouble("champion.ece", championMetrics.ece());
            jobContext.putString("champion.version", champion.get().version());
        }
        PromotionDecision decision = PromotionRule.defaults().decide(mode, challenger, championMetrics);
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

    /** The champion's calibrated scores on the challenger's validation leads, in the same order, evaluated. */
    private ModelMetrics championOnWindow(ModelArtifact champion, Instant asOf) throws SQLException {
        TrainingSet set = workspace.trainingSet();
        OutOfTimeSplit split = set.split();
        List<String> keys = set.leadIds().subList(split.trainRows(), set.rows());
        List<Instant> snapshots = set.snapshotAt().subList(split.trainRows(), set.rows());
        Map<String, Integer> row = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            row.put(keys.get(i), i);
        }
        FeatureExtractor extractor = FeatureExtractor.forSchema(champion.schema(),
                FeatureSettings.fromMap(champion.extractorSettings()));
        Scorer scorer = champion.scorer(GradeBands.relativeTo(0.5));
        double[] scores = new double[keys.size()];
        boolean[] seen = new boolean[keys.size()];
        LabelRule rule = set.config().labelRule();
        EngagementState state = extractor.newState(asOf);
        try (LeadHistoryStream stream = new LeadHistoryStream(dataSource, asOf, split.validationFrom())) {
            stream.forEach(history -> {
                Integer i = row.get(history.lead().leadId());
                if (i != null) {
                    Instant snapshot = rule.fillRowState(state, history.lead(), history.activities(), history.deals(), asOf);
                    if (!snapshot.equals(snapshots.get(i))) {
                        throw new IllegalStateException("validation lead " + keys.get(i) + " has another snapshot time now");
                    }
                    scores[i] = scorer.score(extractor.extract(history.lead(), state, snapshot));
                    seen[i] = true;
                }
            });
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalStateException("validation lead " + keys.get(i) + " was not found again in the store");
            }
        }
        return Evaluator.evaluate(scores, set.validationY());
    }
}

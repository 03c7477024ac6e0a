package io.leadscore.batch.retraining;

import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.artifact.ModelFile;
import io.leadscore.scoring.labels.TrainingSet;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.training.ModelTrainer;
import io.leadscore.scoring.training.TrainingData;
import io.leadscore.scoring.training.TrainingListener;
import io.leadscore.scoring.training.TrainingOptions;
import io.leadscore.scoring.training.TrainingResult;
import java.time.Clock;
import java.util.Locale;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Trains the challenger on the snapshots before the validation window (drawn by lead for each tree), calibrates
 * and evaluates it on the window (the most recent fifth of the sampled snapshots, and every snapshot the per-lead
 * cap left out from then on; or every snapshot from the holdout date), overall and per lead age band. It is registered, with its claim, by the
 * promotion step, in the same transaction as the decision on it: a run that fails registers nothing.
 */
class TrainChallengerTasklet implements Tasklet {
    private final TrainingWorkspace workspace;
    private final ModelRegistry registry;
    private final JobProgress progress;
    private final Clock clock;

    TrainChallengerTasklet(TrainingWorkspace workspace, ModelRegistry registry, JobProgress progress, Clock clock) {
        this.workspace = workspace;
        this.registry = registry;
        this.progress = progress;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var stepExecution = chunkContext.getStepContext().getStepExecution();
        var parameters = stepExecution.getJobParameters();
        Algorithm algorithm = Retraining.algorithm(parameters.getString(Retraining.ALGORITHM));
        Long seed = parameters.getLong(Retraining.SEED);

        TrainingSet set = workspace.trainingSet();
        TrainingData train = set.trainingData();
        TrainingData validation = set.validationData();
        TrainingOptions.Builder options = TrainingOptions.builder(algorithm);
        if (seed != null) {
            options.seed(seed);
        }
        String task = "training " + Retraining.name(algorithm);
        TrainingResult result = new ModelTrainer(options.build(), clock).train(train, validation, new TrainingListener() {
            @Override
            public void treesTrained(int done, int total) {
                progress.report(task, done, total);
            }
        });
        progress.finished(task);
        String version = registry.nextVersion();
        ModelArtifact artifact = result.toArtifact(version, set.settings().toMap(), Retraining.leadscoreVersion(),
                set.config().labelRule().scoreClaim(), set.describe());
        workspace.challenger(artifact, ModelFile.toBytes(artifact));
        stepExecution.getJobExecution().getExecutionContext().putString(Retraining.CHALLENGER, version);
        for (int i = 0; i < train.rows() + validation.rows(); i++) {
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(1);
        return RepeatStatus.FINISHED;
    }
}

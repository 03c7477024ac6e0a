package io.leadscore.batch.retraining;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.labels.TrainingSet;
import io.leadscore.scoring.labels.TrainingSetBuilder;
import io.leadscore.scoring.labels.TrainingSetConfig;
import io.leadscore.scoring.policy.Policy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Builds the training set as of the run's date: every lead created before it,
 * streamed with its activities and deals, looked at at every age of the
 * snapshot schedule while it was open (never from its first opportunity on),
 * each snapshot labelled by a won deal within the label horizon of it
 * (snapshots whose horizon has not passed are censored); the validation
 * window held out (from where the most recent fifth of the sampled snapshots
 * begins, or from the holdout date), with every eligible snapshot in it. Read count: lead histories;
 * write count: labelled snapshots.
 */
class TrainingSetTasklet implements Tasklet {
    private final DataSource dataSource;
    private final TrainingWorkspace workspace;
    private final PolicyStore policies;
    private final LeadscoreSettings settings;
    private final JobProgress progress;

    TrainingSetTasklet(DataSource dataSource, TrainingWorkspace workspace, PolicyStore policies,
                       LeadscoreSettings settings, JobProgress progress) {
        this.dataSource = dataSource;
        this.workspace = workspace;
        this.policies = policies;
        this.settings = settings;
        this.progress = progress;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws SQLException {
        var parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        Instant asOf = Instant.parse(parameters.getString(Retraining.AS_OF));
        Policy policy = policies.current();
        List<String> excluded = new ArrayList<>(settings.features().exclude());
        String extra = parameters.getString(Retraining.EXCLUDE);
        if (extra != null && !extra.isBlank()) {
            for (String name : extra.split(",")) {
                if (!name.isBlank()) {
                    excluded.add(name.strip());
                }
            }
        }
        FeatureConfig features = FeatureConfig.builder().policy(policy).excludedFields(excluded).build();
        TrainingSetConfig config = TrainingSetConfig.of(policy)
                .withSchedule(settings.training().schedule())
                .withMaxSnapshotsPerLead(settings.training().maxSnapshotsPerLeadOrDefault())
                .withHoldoutFrom(settings.training().holdoutFromInstant())
                .withFeatures(features);
        Long total = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM lead WHERE created_at < ?",
                Long.class, Instants.utc(asOf));
        long all = total == null ? -1 : total;
        TrainingSetBuilder builder = new TrainingSetBuilder(config, asOf);
        long[] read = {0};
        String task = "reading lead histories";
        try (LeadHistoryStream stream = new LeadHistoryStream(dataSource, asOf, null)) {
            stream.forEach(history -> {
                builder.add(history);
                if (++read[0] % 5_000 == 0) {
                    progress.report(task, read[0], all);
                }
            });
        }
        progress.report(task, read[0], all);
        progress.finished(task);
        TrainingSet set = builder.build();
        workspace.trainingSet(set);

        for (long i = 0; i < read[0]; i++) {
            contribution.incrementReadCount();
        }
        contribution.incrementWriteCount(set.rows());
        ExecutionContext job = chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
        TrainingSet.Counts counts = set.counts();
        job.putLong("histories", counts.histories());
        job.putLong("censored", counts.censored());
        job.putLong("leads", counts.leads());
        job.putLong("censored.snapshots", counts.censoredSnapshots());
        job.putLong("sampled.out", counts.sampledOut());
        job.putLong("converted", counts.converted());
        job.putLong("not.converted", counts.notConverted());
        job.putInt("features", set.schema().size());
        return RepeatStatus.FINISHED;
    }
}

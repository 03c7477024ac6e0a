package io.leadscore.batch.retraining;

import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.store.PolicyStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code retrainJob}: build the training set, train and register a challenger,
 * decide on its promotion. Runs have history in the job repository, so a
 * failed training is visible and can be restarted.
 */
@Configuration(proxyBeanMethods = false)
class RetrainJobConfiguration {

    @Bean
    Job retrainJob(JobRepository jobRepository, Step trainingSetStep, Step trainChallengerStep, Step promotionStep) {
        return new JobBuilder(Retraining.JOB_NAME, jobRepository)
                .validator(Retraining.parametersValidator())
                .start(trainingSetStep)
                .next(trainChallengerStep)
                .next(promotionStep)
                .build();
    }

    @Bean
    @JobScope
    TrainingWorkspace trainingWorkspace() {
        return new TrainingWorkspace();
    }

    @Bean
    Step trainingSetStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                         TrainingSetTasklet trainingSetTasklet) {
        return new StepBuilder("trainingSetStep", jobRepository)
                .tasklet(trainingSetTasklet, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step trainChallengerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             TrainChallengerTasklet trainChallengerTasklet) {
        return new StepBuilder("trainChallengerStep", jobRepository)
                .tasklet(trainChallengerTasklet, transactionManager)
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step promotionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       PromotionTasklet promotionTasklet) {
        return new StepBuilder(Retraining.PROMOTION_STEP, jobRepository)
                .tasklet(promotionTasklet, transactionManager)
                .build();
    }

    @Bean
    TrainingSetTasklet trainingSetTasklet(DataSource dataSource, TrainingWorkspace trainingWorkspace,
                                          PolicyStore policies, LeadscoreSettings settings, JobProgress progress) {
        return new TrainingSetTasklet(dataSource, trainingWorkspace, policies, settings, progress);
    }

    @Bean
    TrainChallengerTasklet trainChallengerTasklet(TrainingWorkspace trainingWorkspace, ModelRegistry registry,
                                                  JobProgress progress, Clock clock) {
        return new TrainChallengerTasklet(trainingWorkspace, registry, progress, clock);
    }

    @Bean
    PromotionTasklet promotionTasklet(DataSource dataSource, TrainingWorkspace trainingWorkspace,
                                      ModelRegistry registry) {
        return new PromotionTasklet(dataSource, trainingWorkspace, registry);
    }
}

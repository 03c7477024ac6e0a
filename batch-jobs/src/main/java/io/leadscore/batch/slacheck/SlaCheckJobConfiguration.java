package io.leadscore.batch.slacheck;

import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoreDialect;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code slaCheckJob}: records the run's terms, then detects breaches among the
 * MQLs still in play, then recycles the stale ones to nurture. Both chunk steps
 * read on a cursor of their own and resume after the last committed lead.
 * The chunk size is {@code leadscore.sla-check.chunk-size} (default 1,000).
 */
@Configuration(proxyBeanMethods = false)
class SlaCheckJobConfiguration {
    private static final String RUN_ID = "#{stepExecution.jobExecution.jobInstance.instanceId}";
    private static final String AS_OF = "#{jobParameters['" + SlaCheckParameters.AS_OF + "']}";

    @Bean
    Job slaCheckJob(JobRepository jobRepository, Clock clock, Step slaCheckStartStep, Step slaBreachDetectionStep,
                    Step slaRecyclingStep) {
        return new JobBuilder(SlaCheck.JOB_NAME, jobRepository)
                .validator(SlaCheckParameters.validator(clock))
                .start(slaCheckStartStep)
                .next(slaBreachDetectionStep)
                .next(slaRecyclingStep)
                .build();
    }

    @Bean
    Step slaCheckStartStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           SlaCheckRuns slaCheckRuns, PolicyStore policyStore) {
        return new StepBuilder("slaCheckStartStep", jobRepository)
                .tasklet(new SlaCheckStart(slaCheckRuns, policyStore), transactionManager)
                .build();
    }

    @Bean
    Step slaBreachDetectionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                SlaCandidateReader slaCandidates, SlaRules slaRules, SlaDecisionWriter slaDecisionWriter,
                                @Value("${leadscore.sla-check.chunk-size:1000}") int chunkSize) {
        return new StepBuilder(SlaCheck.DETECTION_STEP, jobRepository)
                .<SlaCandidate, SlaDecision>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(slaCandidates)
                .processor(slaRules)
                .writer(slaDecisionWriter)
                .build();
    }

    @Bean
    Step slaRecyclingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          RecyclingCandidateReader recyclingCandidates, RecyclingWriter recyclingWriter,
                          @Value("${leadscore.sla-check.chunk-size:1000}") int chunkSize) {
        return new StepBuilder("slaRecyclingStep", jobRepository)
                .<RecyclingCandidate, RecyclingCandidate>chunk(chunkSize)
                .transactionManager(transactionManager)
                .reader(recyclingCandidates)
                .writer(recyclingWriter)
                .build();
    }

    @Bean
    SlaCheckRuns slaCheckRuns(JdbcTemplate jdbc, Clock clock) {
        return new SlaCheckRuns(jdbc, clock);
    }

    @Bean
    @StepScope
    SlaCandidateReader slaCandidates(DataSource dataSource, @Value(AS_OF) String asOf) {
        return new SlaCandidateReader(dataSource, Instant.parse(asOf));
    }

    @Bean
    @StepScope
    SlaRules slaRules(SlaCheckRuns slaCheckRuns, @Value(RUN_ID) Long runId, @Value(AS_OF) String asOf) {
        return new SlaRules(slaCheckRuns.terms(runId), Instant.parse(asOf));
    }

    @Bean
    @StepScope
    SlaDecisionWriter slaDecisionWriter(JdbcTemplate jdbc, StoreDialect dialect, SlaCheckRuns slaCheckRuns,
                                        @Value(RUN_ID) Long runId, @Value(AS_OF) String asOf) {
        return new SlaDecisionWriter(jdbc, dialect, slaCheckRuns, runId, Instant.parse(asOf));
    }

    @Bean
    @StepScope
    RecyclingCandidateReader recyclingCandidates(DataSource dataSource, SlaCheckRuns slaCheckRuns,
                                                 @Value(RUN_ID) Long runId, @Value(AS_OF) String asOf) {
        return new RecyclingCandidateReader(dataSource, Instant.parse(asOf), slaCheckRuns.terms(runId));
    }

    @Bean
    @StepScope
    RecyclingWriter recyclingWriter(JdbcTemplate jdbc, StageTransitions stageTransitions, SlaCheckRuns slaCheckRuns,
                                    PolicyStore policyStore, @Value(RUN_ID) Long runId, @Value(AS_OF) String asOf) {
        Policy terms = policyStore.version(slaCheckRuns.terms(runId).policyVersion()).policy();
        return new RecyclingWriter(jdbc, stageTransitions, slaCheckRuns, terms, runId, Instant.parse(asOf));
    }
}

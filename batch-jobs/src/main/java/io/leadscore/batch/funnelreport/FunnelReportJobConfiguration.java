package io.leadscore.batch.funnelreport;

import io.leadscore.batch.store.PolicyStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code funnelReportJob}: records the report's cohort, writes each section in
 * a step of its own (stages, SLA, rejections, segments), then publishes the
 * report. A restart reruns the failed section, which replaces whatever the
 * failed attempt wrote.
 */
@Configuration(proxyBeanMethods = false)
class FunnelReportJobConfiguration {
    /** Rows fetched at a time from the section queries, so PostgreSQL streams them rather than loading all. */
    private static final int FETCH_SIZE = 1_000;

    @Bean
    Job funnelReportJob(JobRepository jobRepository, Clock clock, Step funnelReportStartStep, Step funnelStagesStep,
                        Step funnelSlaStep, Step funnelAcceptanceStep, Step funnelRejectionsStep, Step funnelSegmentsStep,
                        Step funnelReportPublishStep) {
        return new JobBuilder(FunnelReports.JOB_NAME, jobRepository)
                .validator(FunnelReportParameters.validator(clock))
                .start(funnelReportStartStep)
                .next(funnelStagesStep)
                .next(funnelSlaStep)
                .next(funnelAcceptanceStep)
                .next(funnelRejectionsStep)
                .next(funnelSegmentsStep)
                .next(funnelReportPublishStep)
                .build();
    }

    @Bean
    FunnelReportStore funnelReportStore(JdbcTemplate jdbc, Clock clock) {
        return new FunnelReportStore(jdbc, clock);
    }

    @Bean
    Step funnelReportStartStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               FunnelReportStore funnelReportStore, PolicyStore policyStore) {
        return step("funnelReportStartStep", jobRepository, transactionManager,
                new FunnelReportStart(funnelReportStore, policyStore));
    }

    @Bean
    Step funnelStagesStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          DataSource dataSource, FunnelReportStore funnelReportStore) {
        return step("funnelStagesStep", jobRepository, transactionManager,
                new FunnelStages(streaming(dataSource), funnelReportStore));
    }

    @Bean
    Step funnelSlaStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                       DataSource dataSource, FunnelReportStore funnelReportStore) {
        return step("funnelSlaStep", jobRepository, transactionManager,
                new FunnelSla(streaming(dataSource), funnelReportStore));
    }

    @Bean
    Step funnelAcceptanceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              DataSource dataSource, FunnelReportStore funnelReportStore) {
        return step("funnelAcceptanceStep", jobRepository, transactionManager,
                new FunnelAcceptance(streaming(dataSource), funnelReportStore));
    }

    @Bean
    Step funnelRejectionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              DataSource dataSource, FunnelReportStore funnelReportStore) {
        return step("funnelRejectionsStep", jobRepository, transactionManager,
                new FunnelRejections(streaming(dataSource), funnelReportStore));
    }

    @Bean
    Step funnelSegmentsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            DataSource dataSource, FunnelReportStore funnelReportStore) {
        return step("funnelSegmentsStep", jobRepository, transactionManager,
                new FunnelSegments(streaming(dataSource), funnelReportStore));
    }

    @Bean
    Step funnelReportPublishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                 FunnelReportStore funnelReportStore) {
        return step("funnelReportPublishStep", jobRepository, transactionManager,
                new FunnelReportPublish(funnelReportStore));
    }

    private static Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             Tasklet tasklet) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager).build();
    }

    private static NamedParameterJdbcTemplate streaming(DataSource dataSource) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        return new NamedParameterJdbcTemplate(jdbc);
    }
}

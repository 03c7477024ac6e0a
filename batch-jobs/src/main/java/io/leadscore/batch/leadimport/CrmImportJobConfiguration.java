package io.leadscore.batch.leadimport;

import io.leadscore.batch.leadimport.ImportRows.ActivityRow;
import io.leadscore.batch.leadimport.ImportRows.DealRow;
import io.leadscore.batch.leadimport.ImportRows.FollowUpRow;
import io.leadscore.batch.leadimport.ImportRows.LeadRow;
import io.leadscore.batch.store.JobProgress;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.batch.stages.LeadStageEvents;
import io.leadscore.batch.stages.StageEventReader;
import io.leadscore.batch.stages.StageTransitionWriter;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.PolicyStore;
import java.time.Clock;
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
 * {@code crmImportJob}: leads, then activities, deals and follow-ups (which
 * refer to leads), one chunk-oriented step per file. Bad rows are skipped by
 * policy and recorded; there is no limit on how many, because every good row
 * around them must still be imported.
 */
@Configuration(proxyBeanMethods = false)
class CrmImportJobConfiguration {
    /** Rows per transaction: large enough that commits (with their job-repository updates) stay a small cost. */
    static final int CHUNK_SIZE = 5_000;

    @Bean
    Job crmImportJob(JobRepository jobRepository, Step leadImportStep, Step activityImportStep, Step dealImportStep,
                     Step followUpImportStep, Step importStageUpdateStep) {
        return new JobBuilder(CrmImport.JOB_NAME, jobRepository)
                .validator(CrmImport.parametersValidator())
                .start(leadImportStep)
                .next(activityImportStep)
                .next(dealImportStep)
                .next(followUpImportStep)
                .next(importStageUpdateStep)
                .build();
    }

    @Bean
    Step leadImportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        CsvFileImport<LeadRow> leadCsvFile, LeadWriter leadWriter, ImportErrorRecorder leadErrorRecorder) {
        return new StepBuilder("leadImportStep", jobRepository)
                .<CsvRecord, LeadRow>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(leadCsvFile).processor(leadCsvFile).writer(leadWriter)
                .faultTolerant().skip(RowRejectedException.class).skipLimit(Long.MAX_VALUE)
                .skipListener(leadErrorRecorder)
                .build();
    }

    @Bean
    Step activityImportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            CsvFileImport<ActivityRow> activityCsvFile, ActivityWriter activityWriter,
                            ImportErrorRecorder activityErrorRecorder) {
        return new StepBuilder("activityImportStep", jobRepository)
                .<CsvRecord, ActivityRow>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(activityCsvFile).processor(activityCsvFile).writer(activityWriter)
                .faultTolerant().skip(RowRejectedException.class).skipLimit(Long.MAX_VALUE)
                .skipListener(activityErrorRecorder)
                .build();
    }

    @Bean
    Step dealImportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                        CsvFileImport<DealRow> dealCsvFile, DealWriter dealWriter, ImportErrorRecorder dealErrorRecorder) {
        return new StepBuilder("dealImportStep", jobRepository)
                .<CsvRecord, DealRow>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(dealCsvFile).processor(dealCsvFile).writer(dealWriter)
                .faultTolerant().skip(RowRejectedException.class).skipLimit(Long.MAX_VALUE)
                .skipListener(dealErrorRecorder)
                .build();
    }

    @Bean
    Step followUpImportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            CsvFileImport<FollowUpRow> followUpCsvFile, FollowUpWriter followUpWriter,
                            ImportErrorRecorder followUpErrorRecorder) {
        return new StepBuilder("followUpImportStep", jobRepository)
                .<CsvRecord, FollowUpRow>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(followUpCsvFile).processor(followUpCsvFile).writer(followUpWriter)
                .faultTolerant().skip(RowRejectedException.class).skipLimit(Long.MAX_VALUE)
                .skipListener(followUpErrorRecorder)
                .build();
    }

    /** The follow-ups and deals this import wrote move their leads' stages. */
    @Bean
    Step importStageUpdateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               StageEventReader importedStageEvents, StageTransitionWriter importStageWriter) {
        return new StepBuilder("importStageUpdateStep", jobRepository)
                .<LeadStageEvents, LeadStageEvents>chunk(CHUNK_SIZE)
                .transactionManager(transactionManager)
                .reader(importedStageEvents)
                .writer(importStageWriter)
                .build();
    }

    @Bean
    @StepScope
    StageEventReader importedStageEvents(DataSource dataSource,
                                         @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long runId) {
        return new StageEventReader(dataSource, runId);
    }

    @Bean
    @StepScope
    StageTransitionWriter importStageWriter(StageTransitions stageTransitions, PolicyStore policyStore, Clock clock,
                                            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long runId) {
        return new StageTransitionWriter(stageTransitions, policyStore.current(), clock.instant(), "import #" + runId,
                runId);
    }

    @Bean
    @StepScope
    CsvFileImport<LeadRow> leadCsvFile(@Value("#{jobParameters['leads']}") String file,
                                       @Value("#{jobParameters['leads.rows']}") Long rows,
                                       JdbcTemplate jdbc, JobProgress progress) {
        return new CsvFileImport<>(ImportFileKind.LEADS, file, rows(rows), jdbc,
                (header, leads) -> new LeadRowValidator(header), progress);
    }

    @Bean
    @StepScope
    CsvFileImport<ActivityRow> activityCsvFile(@Value("#{jobParameters['activities']}") String file,
                                               @Value("#{jobParameters['activities.rows']}") Long rows,
                                               JdbcTemplate jdbc, JobProgress progress) {
        return new CsvFileImport<>(ImportFileKind.ACTIVITIES, file, rows(rows), jdbc, ActivityRowValidator::new, progress);
    }

    @Bean
    @StepScope
    CsvFileImport<DealRow> dealCsvFile(@Value("#{jobParameters['deals']}") String file,
                                       @Value("#{jobParameters['deals.rows']}") Long rows,
                                       JdbcTemplate jdbc, JobProgress progress) {
        return new CsvFileImport<>(ImportFileKind.DEALS, file, rows(rows), jdbc,
                (header, leads) -> new DealRowValidator(header, leads, RowPlace.LINE, new StoredDeals(jdbc)), progress);
    }

    @Bean
    @StepScope
    CsvFileImport<FollowUpRow> followUpCsvFile(@Value("#{jobParameters['followups']}") String file,
                                               @Value("#{jobParameters['followups.rows']}") Long rows,
                                               JdbcTemplate jdbc, JobProgress progress) {
        return new CsvFileImport<>(ImportFileKind.FOLLOWUPS, file, rows(rows), jdbc, FollowUpRowValidator::new, progress);
    }

    @Bean
    @StepScope
    LeadWriter leadWriter(@Value("#{jobParameters['leads']}") String file, JdbcTemplate jdbc, Clock clock,
                          StageTransitions stageTransitions, PolicyStore policyStore) {
        return new LeadWriter(jdbc, clock, file != null, stageTransitions, policyStore.current());
    }

    @Bean
    @StepScope
    ActivityWriter activityWriter(@Value("#{jobParameters['activities']}") String file, JdbcTemplate jdbc,
                                  StoreDialect dialect) {
        return new ActivityWriter(jdbc, dialect, file != null);
    }

    @Bean
    @StepScope
    DealWriter dealWriter(@Value("#{jobParameters['deals']}") String file, JdbcTemplate jdbc, Clock clock) {
        return new DealWriter(jdbc, clock, file != null);
    }

    @Bean
    @StepScope
    FollowUpWriter followUpWriter(@Value("#{jobParameters['followups']}") String file, JdbcTemplate jdbc, Clock clock) {
        return new FollowUpWriter(jdbc, clock, file != null);
    }

    @Bean
    @StepScope
    ImportErrorRecorder leadErrorRecorder(@Value("#{jobParameters['leads']}") String file, JdbcTemplate jdbc) {
        return new ImportErrorRecorder(ImportFileKind.LEADS, file, jdbc);
    }

    @Bean
    @StepScope
    ImportErrorRecorder activityErrorRecorder(@Value("#{jobParameters['activities']}") String file, JdbcTemplate jdbc) {
        return new ImportErrorRecorder(ImportFileKind.ACTIVITIES, file, jdbc);
    }

    @Bean
    @StepScope
    ImportErrorRecorder dealErrorRecorder(@Value("#{jobParameters['deals']}") String file, JdbcTemplate jdbc) {
        return new ImportErrorRecorder(ImportFileKind.DEALS, file, jdbc);
    }

    @Bean
    @StepScope
    ImportErrorRecorder followUpErrorRecorder(@Value("#{jobParameters['followups']}") String file, JdbcTemplate jdbc) {
        return new ImportErrorRecorder(ImportFileKind.FOLLOWUPS, file, jdbc);
    }

    private static long rows(Long rows) {
        return rows == null ? -1 : rows;
    }
}

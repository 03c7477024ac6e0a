package io.leadscore.batch.rescoring;

import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.store.LiveWrites;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.batch.store.PolicyStore;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.PollableChannel;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code rescoreJob}: record the run, rescore every open lead in partitions
 * of lead-id ranges (one thread each, or, for a remote run, one worker
 * process thread each), then measure the run's drift.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteSettings.class)
class RescoreJobConfiguration {
    /** The channel's group in the message store: the requests of remote rescoring runs. */
    static final String PARTITION_REQUESTS = "rescore-partition-requests";

    @Bean
    Job rescoreJob(JobRepository jobRepository, Step rescoreStartStep, Step rescorePartitionedStep,
                   Step rescoreFinishStep) {
        return new JobBuilder(Rescoring.JOB_NAME, jobRepository)
                .validator(Rescoring.parametersValidator())
                .start(rescoreStartStep)
                .next(rescorePartitionedStep)
                .next(rescoreFinishStep)
                .build();
    }

    @Bean
    Step rescoreStartStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          JdbcTemplate jdbc, RescoreProgress rescoreProgress) {
        return new StepBuilder("rescoreStartStep", jobRepository)
                .tasklet(new RescoreStartTasklet(jdbc, rescoreProgress), transactionManager)
                .build();
    }

    @Bean
    Step rescorePartitionedStep(JobRepository jobRepository, Step rescoreLeadsStep, JdbcTemplate jdbc,
                                LeadscoreSettings settings, RemotePartitionHandler remotePartitionHandler) {
        TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
        handler.setStep(rescoreLeadsStep);
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("rescore-");
        handler.setTaskExecutor(executor);
        handler.setGridSize(settings.rescore().gridSizeOrDefault());
        return new StepBuilder("rescorePartitionedStep", jobRepository)
                .partitioner("rescoreLeadsStep", new LeadRangePartitioner(jdbc))
                .partitionHandler(new PartitionsFromParameters(handler, remotePartitionHandler))
                .build();
    }

    /**
     * Where remote partitions wait for a worker: Spring Integration's JDBC channel message store on the store
     * itself (PostgreSQL; its table comes from migration V41), behind a polling queue channel.
     */
    @Bean
    PollableChannel rescorePartitionRequests(DataSource dataSource) {
        PartitionRequestCodec codec = new PartitionRequestCodec();
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setTablePrefix("INT_");
        store.setRegion("leadscore");
        store.setSerializer(codec);
        store.setDeserializer(codec);
        store.afterPropertiesSet();
        return new QueueChannel(new MessageGroupQueue(store, PARTITION_REQUESTS));
    }

    @Bean
    PartitionLeases partitionLeases(JdbcTemplate jdbc, Clock clock) {
        return new PartitionLeases(jdbc, clock);
    }

    /** The manager side of a remote run: Spring Batch's message channel partition handler, polling the job repository. */
    @Bean
    RemotePartitionHandler remotePartitionHandler(JobRepository jobRepository, PollableChannel rescorePartitionRequests,
                                                  PartitionLeases partitionLeases, RemoteSettings remoteSettings,
                                                  RescoreProgress rescoreProgress, Clock clock) throws Exception {
        MessagingTemplate template = new MessagingTemplate();
        template.setDefaultChannel(rescorePartitionRequests);
        MessageChannelPartitionHandler messages = new MessageChannelPartitionHandler();
        messages.setStepName("rescoreLeadsStep");
        messages.setMessagingOperations(template);
        messages.setJobRepository(jobRepository);
        messages.setPollInterval(remoteSettings.pollInterval().toMillis());
        messages.afterPropertiesSet();
        return new RemotePartitionHandler(messages, jobRepository, partitionLeases, remoteSettings, rescoreProgress,
                clock);
    }

    /** The worker side ({@code leadscore worker}): created only by the processes that work partitions. */
    @Bean
    @Lazy
    RescoreWorker rescoreWorker(PollableChannel rescorePartitionRequests, PartitionLeases partitionLeases,
                                JobRepository jobRepository, Step rescoreLeadsStep, RemoteSettings remoteSettings) {
        return new RescoreWorker(rescorePartitionRequests, partitionLeases, jobRepository, rescoreLeadsStep,
                remoteSettings);
    }

    @Bean
    Step rescoreLeadsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          OpenLeadReader openLeadReader, RescoreProcessor rescoreProcessor, RescoreWriter rescoreWriter,
                          LeadscoreSettings settings) {
        return new StepBuilder("rescoreLeadsStep", jobRepository)
                .<OpenLead, ScoredLead>chunk(settings.rescore().chunkSizeOrDefault())
                .transactionManager(transactionManager)
                .reader(openLeadReader)
                .processor(rescoreProcessor)
                .writer(rescoreWriter)
                .build();
    }

    @Bean
    Step rescoreFinishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                           JdbcTemplate jdbc, ChampionModels championModels, RescoreProgress rescoreProgress,
                           LeadscoreSettings settings) {
        return new StepBuilder("rescoreFinishStep", jobRepository)
                .tasklet(new RescoreFinishTasklet(jdbc, championModels, rescoreProgress,
                        settings.features().observationDays() != null ? settings.features().observationDays()
                                : io.leadscore.scoring.labels.LabelRule.DEFAULT_OBSERVATION_WINDOW_DAYS), transactionManager)
                .build();
    }

    @Bean
    RescoreProgress rescoreProgress(io.leadscore.batch.store.JobProgress progress) {
        return new RescoreProgress(progress);
    }

    /** The champion of each run, loaded once and shared by its partitions. */
    @Bean
    ChampionModels championModels(ModelRegistry registry) {
        return new ChampionModels(registry);
    }

    @Bean
    @StepScope
    OpenLeadReader openLeadReader(DataSource dataSource, ChampionModels championModels, LeadscoreSettings settings,
                                  LiveWrites liveWrites,
                                  @Value("#{jobParameters['model.version']}") String version,
                                  @Value("#{jobParameters['mql.threshold']}") Double threshold,
                                  @Value("#{jobParameters['as.of']}") String asOf,
                                  @Value("#{stepExecutionContext['from']}") Long from,
                                  @Value("#{stepExecutionContext['to']}") Long to) {
        return new OpenLeadReader(dataSource, from, to, championModels.get(version, threshold).settingsKey(),
                Instant.parse(asOf), settings.rescore().chunkSizeOrDefault(), liveWrites);
    }

    @Bean
    @StepScope
    RescoreProcessor rescoreProcessor(ChampionModels championModels, PolicyStore policyStore,
                                      @Value("#{jobParameters['model.version']}") String version,
                                      @Value("#{jobParameters['mql.threshold']}") Double threshold,
                                      @Value("#{jobParameters['as.of']}") String asOf) {
        return new RescoreProcessor(championModels.get(version, threshold),
                policyStore.current().withMqlThreshold(threshold), Instant.parse(asOf));
    }

    @Bean
    @StepScope
    RescoreWriter rescoreWriter(JdbcTemplate jdbc, StageTransitions stageTransitions, ChampionModels championModels,
                                @Value("#{jobParameters['model.version']}") String version,
                                @Value("#{jobParameters['mql.threshold']}") Double threshold,
                                @Value("#{jobParameters['as.of']}") String asOf, RescoreProgress rescoreProgress,
                                StoreDialect dialect) {
        return new RescoreWriter(jdbc, stageTransitions, championModels.get(version, threshold), Instant.parse(asOf),
                rescoreProgress, dialect);
    }
}

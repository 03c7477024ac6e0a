package io.leadscore.batch.rescoring;

import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.LeadscoreSettings;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly rescoring's work without Spring Batch: the job's partitions,
 * reader, processor and writer, run on plain threads with one JDBC
 * transaction per chunk and no job repository. It is the floor
 * {@code leadscore bench rescore} measures {@code rescoreJob} against, so that
 * what the job's bookkeeping costs is known; nothing else runs it. Its writes
 * are the job's, recorded under a run id of its own (negative, so it matches
 * no job instance). A lazy bean: no context builds it unless asked for it.
 * The champion is the job's, built once per model version and threshold and
 * shared with the job's runs in the same process.
 */
@Service
@Lazy
public final class RescoreFloor {
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final StageTransitions transitions;
    private final ChampionModels champions;
    private final PolicyStore policies;
    private final PlatformTransactionManager transactions;
    private final LeadscoreSettings settings;
    private final io.leadscore.batch.store.LiveWrites liveWrites;
    private final io.leadscore.batch.store.StoreDialect dialect;

    RescoreFloor(DataSource dataSource, JdbcTemplate jdbc, StageTransitions transitions, ChampionModels champions,
                 PolicyStore policies, PlatformTransactionManager transactions, LeadscoreSettings settings,
                 io.leadscore.batch.store.LiveWrites liveWrites, io.leadscore.batch.store.StoreDialect dialect) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.champions = champions;
        this.policies = policies;
        this.transactions = transactions;
        this.settings = settings;
        this.liveWrites = liveWrites;
        this.dialect = dialect;
    }

    /**
     * Rescores every open lead as of {@code asOf} with the given model and the policy in force.
     *
     * @param grid partitions, one thread each
     * @return the leads scored
     */
    public long run(Instant asOf, String modelVersion, int grid) throws InterruptedException, ExecutionException {
        Policy policy = policies.current();
        ChampionModel champion = champions.get(modelVersion, policy.mqlThreshold());
        Map<String, ExecutionContext> partitions = new LeadRangePartitioner(jdbc).partition(grid);
        int chunk = settings.rescore().chunkSizeOrDefault();
        long runId = -System.currentTimeMillis();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ExecutorService pool = Executors.newFixedThreadPool(partitions.size());
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (ExecutionContext range : partitions.values()) {
                done.add(pool.submit(() -> {
                    OpenLeadReader reader = new OpenLeadReader(dataSource, range.getLong(LeadRangePartitioner.FROM),
                            range.getLong(LeadRangePartitioner.TO), champion.settingsKey(), asOf, chunk, liveWrites);
                    RescoreProcessor processor = new RescoreProcessor(champion, policy, asOf);
                    RescoreWriter writer = new RescoreWriter(jdbc, transitions, champion, asOf, null, dialect);
                    writer.runId(runId);
                    reader.open(new ExecutionContext());
                    long scored = 0;
                    try {
                        while (true) {
                            List<ScoredLead> items = new ArrayList<>(chunk);
                            OpenLead lead;
                            while (items.size() < chunk && (lead = reader.read()) != null) {
                                items.add(processor.process(lead));
                            }
                            if (items.isEmpty()) {
                                return scored;
                            }
                            tx.executeWithoutResult(status -> writer.write(new Chunk<>(items)));
                            scored += items.size();
                        }
                    } finally {
                        reader.close();
                    }
                }));
            }
            long scored = 0;
            for (Future<Long> f : done) {
                scored += f.get();
            }
            return scored;
        } finally {
            pool.shutdown();
        }
    }
}

package io.leadscore.batch.slacheck;

import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.stages.StageTransitions.LeadMove;
import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.StageEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Returns a chunk of stale MQLs to nurture as the stage engine decides for an
 * MQL left without a follow-up (reason {@value StageEngine#RECYCLED_REASON},
 * this run as actor), through the stage repository, which moves only the leads
 * still overdue MQLs of the same MQL time (a lead an import moved meanwhile is
 * left alone); then the recycling time on their breach, and the run's count.
 */
class RecyclingWriter implements ItemWriter<RecyclingCandidate> {
    private static final Logger log = LoggerFactory.getLogger(RecyclingWriter.class);

    private final JdbcTemplate jdbc;
    private final StageTransitions transitions;
    private final SlaCheckRuns runs;
    private final Policy policy;
    private final long runId;
    private final Instant asOf;

    /** @param policy the policy version whose terms the run applies */
    RecyclingWriter(JdbcTemplate jdbc, StageTransitions transitions, SlaCheckRuns runs, Policy policy, long runId,
                    Instant asOf) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.runs = runs;
        this.policy = policy;
        this.runId = runId;
        this.asOf = asOf;
    }

    @Override
    public void write(Chunk<? extends RecyclingCandidate> chunk) {
        List<StageTransitions.Recycling> recyclings = new ArrayList<>(chunk.size());
        Map<Long, RecyclingCandidate> candidates = new HashMap<>();
        for (RecyclingCandidate c : chunk) {
            candidates.put(c.leadId(), c);
            StageEngine.decide(LeadStage.at(Stage.MQL, c.mqlAt()), new StageEvent.Unanswered(c.mqlAt()), policy, asOf)
                    .move().ifPresent(t -> recyclings.add(new StageTransitions.Recycling(new LeadMove(c.leadId(), t),
                            c.mqlAt())));
        }
        List<LeadMove> moved = transitions.recycle(recyclings, "sla-check #" + runId, runId);
        if (moved.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("UPDATE sla_breach SET recycled_at = ?, recycled_run_id = ? WHERE lead_id = ? AND mql_at = ?",
                moved, moved.size(), (ps, m) -> {
                    Instants.bind(ps, 1, m.transition().at());
                    ps.setLong(2, runId);
                    ps.setLong(3, m.leadId());
                    Instants.bind(ps, 4, candidates.get(m.leadId()).mqlAt());
                });
        runs.countRecycled(runId, moved.size());
        SlaDecisionWriter.afterCommit(() -> moved.forEach(m -> log.info(
                "Recycled lead {} to nurture: no follow-up since it became MQL at {}",
                candidates.get(m.leadId()).leadKey(), candidates.get(m.leadId()).mqlAt())));
    }
}

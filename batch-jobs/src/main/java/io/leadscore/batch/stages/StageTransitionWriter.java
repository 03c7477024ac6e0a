package io.leadscore.batch.stages;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.StageEngine;
import io.leadscore.scoring.stages.StageEvent;
import io.leadscore.scoring.stages.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Applies a chunk of leads' events to their current stages (read in one
 * query) by the stage engine's rules, and stores every move.
 */
public class StageTransitionWriter implements ItemWriter<LeadStageEvents> {
    private final StageTransitions transitions;
    private final Policy policy;
    private final Instant now;
    private final String actor;
    private final long runId;

    /**
     * @param policy the policy in force (follow-ups and deals do not read it; the engine takes it for every event)
     * @param now    when the moves are decided
     */
    public StageTransitionWriter(StageTransitions transitions, Policy policy, Instant now, String actor, long runId) {
        this.transitions = transitions;
        this.policy = policy;
        this.now = now;
        this.actor = actor;
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends LeadStageEvents> chunk) {
        List<Long> ids = new ArrayList<>(chunk.size());
        for (LeadStageEvents lead : chunk) {
            ids.add(lead.leadId());
        }
        Map<Long, LeadStage> stages = transitions.stages(ids);
        List<StageTransitions.LeadMove> moves = new ArrayList<>();
        for (LeadStageEvents lead : chunk) {
            LeadStage stage = stages.get(lead.leadId());
            for (StageEvent event : lead.events()) {
                Optional<Transition> move = StageEngine.decide(stage, event, policy, now).move();
                if (move.isPresent()) {
                    moves.add(new StageTransitions.LeadMove(lead.leadId(), move.get()));
                    stage = stage.after(move.get());
                }
            }
        }
        transitions.record(moves, actor, runId);
    }
}

package io.leadscore.batch.stages;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.domain.StageEvent;
import io.leadscore.scoring.domain.StageMachine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Applies a chunk of leads' events to their current stages (read in one query)
 * and writes every move: the audit trail row, and the lead's stage.
 */
public class StageTransitionWriter implements ItemWriter<LeadStageEvents> {
    private final NamedParameterJdbcTemplate jdbc;
    private final String actor;
    private final long runId;

    public StageTransitionWriter(NamedParameterJdbcTemplate jdbc, String actor, long runId) {
        this.jdbc = jdbc;
        this.actor = actor;
        this.runId = runId;
    }

    private record Written(long leadId, Stage from, Stage to, Instant at, String reason) {
    }

    @Override
    public void write(Chunk<? extends LeadStageEvents> chunk) {
        List<Long> ids = new ArrayList<>(chunk.size());
        for (LeadStageEvents lead : chunk) {
            ids.add(lead.leadId());
        }
        // the chunk's leads come in id order: one primary-key range (a long IN list is re-checked row by row)
        Map<Long, Stage> stages = new HashMap<>();
        java.util.Set<Long> wanted = new java.util.HashSet<>(ids);
        jdbc.query("SELECT id, stage FROM lead WHERE id BETWEEN :from AND :to",
                new MapSqlParameterSource("from", ids.get(0)).addValue("to", ids.get(ids.size() - 1)), rs -> {
                    if (wanted.contains(rs.getLong(1))) {
                        stages.put(rs.getLong(1), Stage.valueOf(rs.getString(2)));
                    }
                });
        List<Written> moves = new ArrayList<>();
        Map<Long, Written> last = new HashMap<>();
        for (LeadStageEvents lead : chunk) {
            Stage stage = stages.get(lead.leadId());
            for (StageEvent event : lead.events()) {
                Optional<StageMachine.Move> move = StageMachine.next(stage, event);
                if (move.isPresent()) {
                    Written written = new Written(lead.leadId(), stage, move.get().to(), event.at(), move.get().reason());
                    moves.add(written);
                    last.put(lead.leadId(), written);
                    stage = move.get().to();
                }
            }
        }
        if (moves.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().batchUpdate("INSERT INTO stage_transition (lead_id, from_stage, to_stage, occurred_at, reason,"
                        + " actor, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)", moves, moves.size(), (ps, m) -> {
                    ps.setLong(1, m.leadId());
                    ps.setString(2, m.from().name());
                    ps.setString(3, m.to().name());
                    Instants.bind(ps, 4, m.at());
                    ps.setString(5, m.reason());
                    ps.setString(6, actor);
                    ps.setLong(7, runId);
                });
        List<Written> finals = new ArrayList<>(last.values());
        jdbc.getJdbcTemplate().batchUpdate("UPDATE lead SET stage = ?, stage_changed_at = ? WHERE id = ?",
                finals, finals.size(), (ps, m) -> {
                    ps.setString(1, m.to().name());
                    Instants.bind(ps, 2, m.at());
                    ps.setLong(3, m.leadId());
                });
    }
}

package io.leadscore.batch.slacheck;

import io.leadscore.batch.store.Instants;
import io.leadscore.scoring.domain.Stage;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Returns a chunk of stale MQLs to nurture with JDBC batches: the lead's stage
 * and state (only if it is still an overdue MQL of the same MQL time, so a
 * lead an import moved meanwhile is left alone), then for the leads moved the
 * audit trail row (reason {@value SlaCheck#RECYCLED_REASON}, this run as actor)
 * and the recycling time on their breach.
 */
class RecyclingWriter implements ItemWriter<RecyclingCandidate> {
    private static final Logger log = LoggerFactory.getLogger(RecyclingWriter.class);

    private final JdbcTemplate jdbc;
    private final SlaCheckRuns runs;
    private final long runId;
    private final Instant asOf;

    RecyclingWriter(JdbcTemplate jdbc, SlaCheckRuns runs, long runId, Instant asOf) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.runId = runId;
        this.asOf = asOf;
    }

    @Override
    public void write(Chunk<? extends RecyclingCandidate> chunk) {
        List<? extends RecyclingCandidate> items = chunk.getItems();
        int[][] counts = jdbc.batchUpdate("UPDATE lead SET stage = ?, stage_changed_at = ?, sla_state = ?"
                        + " WHERE id = ? AND mql_at = ? AND stage = ? AND sla_state = ?",
                items, items.size(), (ps, c) -> {
                    ps.setString(1, Stage.NURTURE.name());
                    Instants.bind(ps, 2, asOf);
                    ps.setString(3, SlaState.RECYCLED.name());
                    ps.setLong(4, c.leadId());
                    Instants.bind(ps, 5, c.mqlAt());
                    ps.setString(6, Stage.MQL.name());
                    ps.setString(7, SlaState.OVERDUE.name());
                });
        List<RecyclingCandidate> moved = new ArrayList<>(items.size());
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    moved.add(items.get(i));
                }
                i++;
            }
        }
        if (moved.isEmpty()) {
            return;
        }
        String actor = "sla-check #" + runId;
        jdbc.batchUpdate("INSERT INTO stage_transition (lead_id, from_stage, to_stage, occurred_at, reason, actor, run_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                moved, moved.size(), (ps, c) -> {
                    ps.setLong(1, c.leadId());
                    ps.setString(2, Stage.MQL.name());
                    ps.setString(3, Stage.NURTURE.name());
                    Instants.bind(ps, 4, asOf);
                    ps.setString(5, SlaCheck.RECYCLED_REASON);
                    ps.setString(6, actor);
                    ps.setLong(7, runId);
                });
        jdbc.batchUpdate("UPDATE sla_breach SET recycled_at = ?, recycled_run_id = ? WHERE lead_id = ? AND mql_at = ?",
                moved, moved.size(), (ps, c) -> {
                    Instants.bind(ps, 1, asOf);
                    ps.setLong(2, runId);
                    ps.setLong(3, c.leadId());
                    Instants.bind(ps, 4, c.mqlAt());
                });
        runs.countRecycled(runId, moved.size());
        SlaDecisionWriter.afterCommit(() -> moved.forEach(c -> log.info(
                "Recycled lead {} to nurture: no follow-up since it became MQL at {}", c.leadKey(), c.mqlAt())));
    }
}

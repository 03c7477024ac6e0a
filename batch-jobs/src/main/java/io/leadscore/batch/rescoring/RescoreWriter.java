package io.leadscore.batch.rescoring;

import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.Instants;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk of rescored leads with JDBC batches, in the chunk's
 * transaction: one score-history row per lead (keyed by run and lead), the
 * lead's current score, engagement state and watermark, and the stage moves
 * (through the stage repository, which also starts the SLA clock of a new
 * MQL). It writes only; what to write was decided by the processor.
 */
class RescoreWriter implements ItemWriter<ScoredLead>, StepExecutionListener {
    private static final String SCORE_COLUMNS = "score = ?, grade = ?, scored_at = ?, run_id = ?, model_version = ?,"
            + " reasons = COALESCE(?, reasons), features_as_of = ?, features_settings = ?, activity_watermark = ?,"
            + " pending_from = ?, features = ?";

    private final JdbcTemplate jdbc;
    private final StageTransitions transitions;
    private final String modelVersion;
    private final String settingsKey;
    private final Instant asOf;
    private final RescoreProgress progress;
    private long runId;

    /**
     * @param progress where the leads written are counted for the progress line, or {@code null}
     */
    RescoreWriter(JdbcTemplate jdbc, StageTransitions transitions, ChampionModel champion, Instant asOf,
                  RescoreProgress progress) {
        this.jdbc = jdbc;
        this.transitions = transitions;
        this.modelVersion = champion.version();
        this.settingsKey = champion.settingsKey();
        this.asOf = asOf;
        this.progress = progress;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
    }

    /** The run the writes are recorded under, when no step tells it (the plain-JDBC floor). */
    void runId(long runId) {
        this.runId = runId;
    }

    @Override
    public void write(Chunk<? extends ScoredLead> chunk) {
        List<? extends ScoredLead> scored = chunk.getItems();
        jdbc.batchUpdate("INSERT INTO score_history (run_id, lead_id, score, grade) VALUES (?, ?, ?, ?)",
                scored, scored.size(), (ps, s) -> {
                    ps.setLong(1, runId);
                    ps.setLong(2, s.leadId());
                    ps.setDouble(3, s.score());
                    ps.setString(4, s.grade().name());
                });
        List<ScoredLead> updates = new ArrayList<>(scored.size());
        List<ScoredLead> inserts = new ArrayList<>();
        List<StageTransitions.LeadMove> moves = new ArrayList<>();
        for (ScoredLead s : scored) {
            (s.neverScored() ? inserts : updates).add(s);
            if (s.move() != null) {
                moves.add(new StageTransitions.LeadMove(s.leadId(), s.move()));
            }
        }
        jdbc.batchUpdate("UPDATE lead_score SET " + SCORE_COLUMNS + " WHERE lead_id = ?", updates, updates.size(),
                this::bindScore);
        jdbc.batchUpdate("INSERT INTO lead_score (score, grade, scored_at, run_id, model_version, reasons,"
                        + " features_as_of, features_settings, activity_watermark, pending_from, features, lead_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts, inserts.size(), this::bindScore);
        transitions.record(moves, "rescore #" + runId, runId);
        if (progress != null) {
            progress.scored(scored.size());
        }
    }

    /** The columns of {@link #SCORE_COLUMNS} in order, then the lead id: the same for an update and an insert. */
    private void bindScore(PreparedStatement ps, ScoredLead s) throws SQLException {
        ps.setDouble(1, s.score());
        ps.setString(2, s.grade().name());
        Instants.bind(ps, 3, asOf);
        ps.setLong(4, runId);
        ps.setString(5, modelVersion);
        ps.setString(6, s.move() == null ? null : s.move().reason());
        Instants.bind(ps, 7, asOf);
        ps.setString(8, settingsKey);
        ps.setLong(9, s.watermark());
        if (s.pendingFrom() == null) {
            ps.setNull(10, Types.BIGINT);
        } else {
            ps.setLong(10, s.pendingFrom());
        }
        ps.setBytes(11, s.state());
        ps.setLong(12, s.leadId());
    }
}

package io.leadscore.batch.rescoring;

import io.leadscore.batch.stages.StageTransitions;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.PostgresCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.sql.Statement;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.scoring.stages.LeadStage;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

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

    private static final List<String> HISTORY_COLUMNS = List.of("run_id", "lead_id", "score", "grade");

    private final JdbcTemplate jdbc;
    private final StageTransitions transitions;
    private final String modelVersion;
    private final String settingsKey;
    private final Instant asOf;
    private final RescoreProgress progress;
    private final StoreDialect dialect;
    private final boolean history;
    private long runId;
    private String actor;

    /**
     * @param progress where the leads written are counted for the progress line, or {@code null}
     */
    RescoreWriter(JdbcTemplate jdbc, StageTransitions transitions, ChampionModel champion, Instant asOf,
                  RescoreProgress progress, StoreDialect dialect) {
        this(jdbc, transitions, champion, asOf, progress, dialect, true);
    }

    /**
     * @param history whether to write score history rows: a run's, yes; a live event's score is no run of its own
     *                (the lead's current score carries it, as of its time)
     */
    RescoreWriter(JdbcTemplate jdbc, StageTransitions transitions, ChampionModel champion, Instant asOf,
                  RescoreProgress progress, StoreDialect dialect, boolean history) {
        this.dialect = dialect;
        this.history = history;
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

    /** The run the writes are recorded under, when no step tells it (the plain-JDBC floor, a live event). */
    void runId(long runId) {
        this.runId = runId;
    }

    /** Who the audit trail names for the moves (default: the run, {@code rescore #N}). */
    void actor(String actor) {
        this.actor = actor;
    }

    @Override
    public void write(Chunk<? extends ScoredLead> chunk) {
        write(chunk.getItems(), null);
    }

    /**
     * Writes rescored leads. The later write by event time wins: a lead's current score, state and stage move are
     * written only if the store's score is as of no later time than this one — a live event that rescored the lead
     * after this run began keeps its state, and the run's move of that lead (decided from what it read before) is
     * dropped; so is any move of a lead whose stage changed since it was read. The leads' rows are locked first, in
     * ascending id order, the order the live event flow takes them in too.
     *
     * @param locked the leads' stages read under their row locks, or {@code null} to lock them here
     * @return the leads whose score was written
     */
    List<ScoredLead> write(List<? extends ScoredLead> scored, Map<Long, LeadStage> locked) {
        if (scored.isEmpty()) {
            return List.of();
        }
        if (locked == null) {
            long low = Long.MAX_VALUE;
            long high = Long.MIN_VALUE;
            for (ScoredLead s : scored) {
                low = Math.min(low, s.leadId());
                high = Math.max(high, s.leadId());
            }
            locked = transitions.lockRange(low, high);
        }
        if (history) {
            writeHistory(scored);
        }
        List<ScoredLead> written = new ArrayList<>(scored.size());
        List<ScoredLead> absent = new ArrayList<>();
        // a run's write yields only to a live score of a later time (a run as of an earlier time than the last one
        // rescores back in time, as it always did); a live write yields to any score of a later time
        int[][] counts = jdbc.batchUpdate("UPDATE lead_score SET " + SCORE_COLUMNS + " WHERE lead_id = ? AND ("
                + (history ? "run_id <> " + StageTransitions.LIVE_RUN + " OR " : "")
                + "features_as_of IS NULL OR features_as_of <= ?)", scored, scored.size(),
                (ps, s) -> {
                    bindScore(ps, s);
                    Instants.bind(ps, 13, s.asOf());
                });
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                ScoredLead s = scored.get(i++);
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    written.add(s);
                } else {
                    absent.add(s);
                }
            }
        }
        if (!absent.isEmpty()) {
            // no row, or one as of a later time: insert where there is none
            int[][] inserted = jdbc.batchUpdate(insertIfAbsent(), absent, absent.size(), this::bindScore);
            int j = 0;
            for (int[] batch : inserted) {
                for (int count : batch) {
                    ScoredLead s = absent.get(j++);
                    if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                        written.add(s);
                    }
                }
            }
        }
        List<StageTransitions.LeadMove> moves = new ArrayList<>();
        Map<Long, LeadStage> read = new HashMap<>();
        for (ScoredLead s : written) {
            if (s.move() != null) {
                moves.add(new StageTransitions.LeadMove(s.leadId(), s.move()));
                read.put(s.leadId(), s.read());
            }
        }
        transitions.recordIfUnchanged(moves, read, locked, actor != null ? actor : "rescore #" + runId, runId);
        if (progress != null) {
            progress.scored(scored.size());
        }
        return written;
    }

    /** One score-history row per lead: COPY on PostgreSQL (about a third of a chunk's rows), a JDBC batch on H2. */
    private void writeHistory(List<? extends ScoredLead> scored) {
        PostgresCopy.Binder<ScoredLead> bind = (ps, s) -> {
            ps.setLong(1, runId);
            ps.setLong(2, s.leadId());
            ps.setDouble(3, s.score());
            ps.setString(4, s.grade().name());
        };
        if (dialect == StoreDialect.POSTGRESQL) {
            Connection connection = DataSourceUtils.getConnection(jdbc.getDataSource());
            try {
                PostgresCopy.copy(connection, "score_history", HISTORY_COLUMNS, scored, bind);
            } catch (SQLException e) {
                throw PostgresCopy.translate(jdbc, "copying score history", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, jdbc.getDataSource());
            }
        } else {
            jdbc.batchUpdate("INSERT INTO score_history (run_id, lead_id, score, grade) VALUES (?, ?, ?, ?)",
                    scored, scored.size(), bind::bind);
        }
    }

    private String insertIfAbsent() {
        String columns = "score, grade, scored_at, run_id, model_version, reasons, features_as_of, features_settings,"
                + " activity_watermark, pending_from, features, lead_id";
        return switch (dialect) {
            case POSTGRESQL -> "INSERT INTO lead_score (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (lead_id) DO NOTHING";
            case H2 -> "MERGE INTO lead_score t USING (VALUES (CAST(? AS DOUBLE PRECISION), CAST(? AS CHAR(1)),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR),"
                    + " CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(64)), CAST(? AS BIGINT), CAST(? AS BIGINT),"
                    + " CAST(? AS VARBINARY), CAST(? AS BIGINT))) s (" + columns + ") ON t.lead_id = s.lead_id"
                    + " WHEN NOT MATCHED THEN INSERT (" + columns + ") VALUES (s.score, s.grade, s.scored_at, s.run_id,"
                    + " s.model_version, s.reasons, s.features_as_of, s.features_settings, s.activity_watermark,"
                    + " s.pending_from, s.features, s.lead_id)";
        };
    }

    /** The columns of {@link #SCORE_COLUMNS} in order, then the lead id: the same for an update and an insert. */
    private void bindScore(PreparedStatement ps, ScoredLead s) throws SQLException {
        ps.setDouble(1, s.score());
        ps.setString(2, s.grade().name());
        Instants.bind(ps, 3, s.asOf());
        ps.setLong(4, runId);
        ps.setString(5, modelVersion);
        ps.setString(6, s.move() == null ? null : s.move().reason());
        Instants.bind(ps, 7, s.asOf());
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

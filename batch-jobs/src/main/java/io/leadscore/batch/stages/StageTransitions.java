package io.leadscore.batch.stages;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.PostgresCopy;
import io.leadscore.batch.webhooks.Outbox;
import io.leadscore.batch.webhooks.OutboxEvent;
import io.leadscore.batch.webhooks.WebhookEventType;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.stages.LeadStage;
import io.leadscore.scoring.stages.Transition;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The lead's stage in the store, and its audit trail: the one place that
 * writes {@code stage_transition}, and the stage columns of {@code lead} with
 * it, inside the caller's transaction. The moves come from the stage engine
 * ({@code StageEngine}); this class only stores them.
 *
 * <p>How, by store: on H2 in JDBC batches (one update a lead, one insert a
 * move). On PostgreSQL a chunk's leads move in one set-based update (their new
 * stages sent as arrays, joined to the leads by primary key) and, from
 * {@value #COPY_FROM} moves on, the audit rows go in with COPY: a batch costs
 * PostgreSQL a statement execution per row, most of an import's stage update.
 *
 * <p>What a move writes on the lead: its stage and when it entered it; a move
 * to MQL also starts the lead's SLA clock ({@code mql_at}, and
 * {@code sla_state = 'OPEN'}, the SLA check's contract), a recycling marks the
 * SLA watch ended ({@code sla_state = 'RECYCLED'}).
 *
 * <p>The moves subscribers hear of (a new MQL, a recycling, sales' acceptance
 * or rejection: {@link WebhookEventType#of}) go to the webhook outbox in the
 * same transaction, so an event exists exactly when its move committed.
 */
@Component
public final class StageTransitions {
    private static final String INSERT = "INSERT INTO stage_transition (lead_id, from_stage, to_stage, occurred_at,"
            + " reason, actor, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** Audit rows from this many on go to PostgreSQL with COPY (fewer, a live request's: one batch round trip). */
    static final int COPY_FROM = 64;
    private static final String MOVE_TO_MQL = "UPDATE lead SET stage = 'MQL', stage_changed_at = ?, mql_at = ?,"
            + " sla_state = 'OPEN' WHERE id = ?";
    private static final String MOVE = "UPDATE lead SET stage = ?, stage_changed_at = ? WHERE id = ?";
    private static final String MOVE_ALL = "UPDATE lead SET stage = m.stage, stage_changed_at = m.at,"
            + " mql_at = CASE WHEN m.stage = 'MQL' THEN m.at ELSE lead.mql_at END,"
            + " sla_state = CASE WHEN m.stage = 'MQL' THEN 'OPEN' ELSE lead.sla_state END"
            + " FROM unnest(CAST(? AS BIGINT[]), CAST(? AS VARCHAR[]), CAST(? AS TIMESTAMPTZ[])) AS m (id, stage, at)"
            + " WHERE lead.id = m.id";

    /**
     * The run id the live flow records its moves under (no run: a request of its own); its moves' events are news to
     * every subscriber ({@link Outbox#write(List, boolean)}). The rows it stores ({@code import_run} of follow-ups
     * and deals: import runs are job instance ids from 1, so the import's stage step never takes them up again) and
     * the scores it writes ({@code lead_score.run_id}) carry the same id.
     */
    public static final long LIVE_RUN = 0;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    public StageTransitions(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** One move of one lead (store id). */
    public record LeadMove(long leadId, Transition transition) {
        public LeadMove {
            Objects.requireNonNull(transition, "transition");
        }
    }

    /**
     * The stages of the given leads (store ids, ascending: read as one id range), with when they entered them;
     * leads that do not exist are missing from the map.
     */
    public Map<Long, LeadStage> stages(List<Long> ascendingIds) {
        Map<Long, LeadStage> stages = new HashMap<>();
        if (ascendingIds.isEmpty()) {
            return stages;
        }
        // a primary-key range, not a long IN list (which H2 re-checks row by row)
        Set<Long> wanted = new HashSet<>(ascendingIds);
        jdbc.query("SELECT id, stage, stage_changed_at FROM lead WHERE id BETWEEN ? AND ?", rs -> {
            if (wanted.contains(rs.getLong(1))) {
                stages.put(rs.getLong(1), LeadStage.at(Stage.valueOf(rs.getString(2)), Instants.read(rs, 3)));
            }
        }, ascendingIds.get(0), ascendingIds.get(ascendingIds.size() - 1));
        return stages;
    }

    /**
     * Records the first stage of leads just inserted (their rows carry it already): audit rows only.
     *
     * @throws IllegalArgumentException when a move is not a first stage
     */
    public void arrived(List<LeadMove> arrivals, String actor, long runId) {
        for (LeadMove move : arrivals) {
            if (move.transition().from() != null) {
                throw new IllegalArgumentException("Invalid arrival of lead " + move.leadId() + ": it comes from "
                        + move.transition().from() + ", expected no stage before");
            }
        }
        trail(arrivals, actor, runId);
    }

    /**
     * Moves leads: every move goes to the audit trail in the order given, and each lead's row takes the stage of
     * its last move.
     */
    public void record(List<LeadMove> moves, String actor, long runId) {
        if (moves.isEmpty()) {
            return;
        }
        Map<Long, Transition> last = new LinkedHashMap<>();
        for (LeadMove move : moves) {
            last.put(move.leadId(), move.transition());
        }
        if (!setBased(last)) {
            List<Map.Entry<Long, Transition>> mqls = new ArrayList<>();
            List<Map.Entry<Long, Transition>> others = new ArrayList<>();
            for (Map.Entry<Long, Transition> lead : last.entrySet()) {
                (lead.getValue().to() == Stage.MQL ? mqls : others).add(lead);
            }
            if (!mqls.isEmpty()) {
                jdbc.batchUpdate(MOVE_TO_MQL, mqls, mqls.size(), (ps, lead) -> {
                    Instants.bind(ps, 1, lead.getValue().at());
                    Instants.bind(ps, 2, lead.getValue().at());
                    ps.setLong(3, lead.getKey());
                });
            }
            if (!others.isEmpty()) {
                jdbc.batchUpdate(MOVE, others, others.size(), (ps, lead) -> {
                    ps.setString(1, lead.getValue().to().name());
                    Instants.bind(ps, 2, lead.getValue().at());
                    ps.setLong(3, lead.getKey());
                });
            }
        }
        trail(moves, actor, runId);
        announce(moves, m -> m.transition().to() == Stage.MQL ? m.transition().at() : null, runId == LIVE_RUN);
    }

    /**
     * Moves leads as {@link #record} does, but only those still at the stage, entered at the time, that the moves
     * were decided from: the caller has locked the leads' rows, and a lead another writer moved meanwhile (a live event
     * while the nightly run was deciding, or the other way round) keeps the later move and loses this one. Used
     * where deciders and writers may run at once (the rescoring and the live event flow, on PostgreSQL).
     *
     * @param read   the stage each lead was read at, by store id
     * @param locked the stage each lead is at now, read under the lock of its row ({@link #lock}, {@link #lockRange})
     * @return the moves made
     */
    public List<LeadMove> recordIfUnchanged(List<LeadMove> moves, Map<Long, LeadStage> read,
                                            Map<Long, LeadStage> locked, String actor, long runId) {
        List<LeadMove> kept = new ArrayList<>(moves.size());
        for (LeadMove move : moves) {
            LeadStage before = read.get(move.leadId());
            LeadStage current = locked.get(move.leadId());
            if (before != null && current != null && before.stage() == current.stage()
                    && Objects.equals(before.enteredAt(), current.enteredAt())) {
                kept.add(move);
            }
        }
        record(kept, actor, runId);
        return kept;
    }

    /**
     * Locks the rows of the leads with store ids in a range (a chunk of the rescoring: ascending, the order every
     * writer takes them in) and reads their stages.
     */
    public Map<Long, LeadStage> lockRange(long fromInclusive, long toInclusive) {
        Map<Long, LeadStage> stages = new HashMap<>();
        jdbc.query("SELECT id, stage, stage_changed_at FROM lead WHERE id BETWEEN ? AND ? ORDER BY id FOR UPDATE", rs -> {
            stages.put(rs.getLong(1), LeadStage.at(Stage.valueOf(rs.getString(2)), Instants.read(rs, 3)));
        }, fromInclusive, toInclusive);
        return stages;
    }

    /** Locks the leads' rows (ascending ids, the order every writer takes them in) and reads their stages. */
    public Map<Long, LeadStage> lock(List<Long> ascendingIds) {
        Map<Long, LeadStage> stages = new HashMap<>();
        read(ascendingIds, " ORDER BY id FOR UPDATE", stages);
        return stages;
    }

    /**
     * Reads the leads' stages as this transaction left them, locking (ascending ids) only those it does not hold
     * yet: the rows in {@code held} were locked by {@link #lock} earlier in the same transaction and stay locked
     * until it ends, so a second lock on them would only repeat the work.
     */
    public Map<Long, LeadStage> lockOthers(List<Long> ascendingIds, Set<Long> held) {
        List<Long> others = new ArrayList<>();
        List<Long> mine = new ArrayList<>();
        for (Long id : ascendingIds) {
            (held.contains(id) ? mine : others).add(id);
        }
        Map<Long, LeadStage> stages = new HashMap<>();
        read(others, " ORDER BY id FOR UPDATE", stages);
        read(mine, "", stages);
        return stages;
    }

    private void read(List<Long> ids, String suffix, Map<Long, LeadStage> stages) {
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc);
        for (int from = 0; from < ids.size(); from += 1_000) {
            named.query("SELECT id, stage, stage_changed_at FROM lead WHERE id IN (:ids)" + suffix,
                    Map.of("ids", ids.subList(from, Math.min(ids.size(), from + 1_000))), rs -> {
                        stages.put(rs.getLong(1), LeadStage.at(Stage.valueOf(rs.getString(2)), Instants.read(rs, 3)));
                    });
        }
    }

    /**
     * Returns stale MQLs to nurture, each only if it is still an overdue MQL of the given MQL time (a lead an
     * import moved meanwhile is left alone), and records the moves made.
     *
     * @return the moves made
     */
    public List<LeadMove> recycle(List<Recycling> recyclings, String actor, long runId) {
        if (recyclings.isEmpty()) {
            return List.of();
        }
        int[][] counts = jdbc.batchUpdate("UPDATE lead SET stage = ?, stage_changed_at = ?, sla_state = 'RECYCLED'"
                        + " WHERE id = ? AND mql_at = ? AND stage = ? AND sla_state = 'OVERDUE'",
                recyclings, recyclings.size(), (ps, r) -> {
                    ps.setString(1, r.move().transition().to().name());
                    Instants.bind(ps, 2, r.move().transition().at());
                    ps.setLong(3, r.move().leadId());
                    Instants.bind(ps, 4, r.mqlAt());
                    ps.setString(5, r.move().transition().from().name());
                });
        List<LeadMove> moved = new ArrayList<>(recyclings.size());
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    moved.add(recyclings.get(i).move());
                }
                i++;
            }
        }
        trail(moved, actor, runId);
        Map<Long, Instant> episodes = new HashMap<>();
        recyclings.forEach(r -> episodes.put(r.move().leadId(), r.mqlAt()));
        announce(moved, m -> episodes.get(m.leadId()), runId == LIVE_RUN);
        return moved;
    }

    /** A recycling move of an MQL, and the MQL time it is for. */
    public record Recycling(LeadMove move, Instant mqlAt) {
        public Recycling {
            Objects.requireNonNull(move, "move");
            Objects.requireNonNull(mqlAt, "mqlAt");
            if (move.transition().from() != Stage.MQL) {
                throw new IllegalArgumentException("Invalid recycling of lead " + move.leadId() + ": from "
                        + move.transition().from() + ", expected from MQL");
            }
        }
    }

    private void trail(List<LeadMove> moves, String actor, long runId) {
        if (moves.isEmpty()) {
            return;
        }
        PostgresCopy.Binder<LeadMove> bind = (ps, m) -> {
            Transition t = m.transition();
            ps.setLong(1, m.leadId());
            ps.setString(2, t.from() == null ? null : t.from().name());
            ps.setString(3, t.to().name());
            Instants.bind(ps, 4, t.at());
            ps.setString(5, t.reason());
            ps.setString(6, actor);
            ps.setLong(7, runId);
        };
        if (moves.size() >= COPY_FROM) {
            // PostgreSQL: one COPY, in the order given (the ids follow it as they do with a batch)
            Boolean copied = jdbc.execute((ConnectionCallback<Boolean>) connection -> {
                if (!PostgresCopy.supports(connection)) {
                    return false;
                }
                PostgresCopy.copyInsert(connection, INSERT, moves, bind);
                return true;
            });
            if (Boolean.TRUE.equals(copied)) {
                return;
            }
        }
        jdbc.batchUpdate(INSERT, moves, moves.size(), bind::bind);
    }

    /**
     * PostgreSQL: moves the leads' rows in one statement, each lead's new stage and time sent as arrays and joined to
     * the leads by primary key (an index lookup per lead at any store size, and one round trip however many leads
     * move), with what {@link #MOVE_TO_MQL} and {@link #MOVE} would write one by one.
     *
     * @param last each lead's last move (store id to move)
     * @return false on another store (nothing written)
     */
    private boolean setBased(Map<Long, Transition> last) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            if (!PostgresCopy.supports(connection)) {
                return false;
            }
            Long[] ids = new Long[last.size()];
            String[] stages = new String[last.size()];
            String[] times = new String[last.size()];
            int i = 0;
            for (Map.Entry<Long, Transition> lead : last.entrySet()) {
                ids[i] = lead.getKey();
                stages[i] = lead.getValue().to().name();
                times[i] = DateTimeFormatter.ISO_INSTANT.format(lead.getValue().at());
                i++;
            }
            try (PreparedStatement ps = connection.prepareStatement(MOVE_ALL)) {
                ps.setArray(1, connection.createArrayOf("bigint", ids));
                ps.setArray(2, connection.createArrayOf("varchar", stages));
                ps.setArray(3, connection.createArrayOf("text", times));
                ps.executeUpdate();
            }
            return true;
        }));
    }

    /** The moves subscribers hear of, to the outbox; {@code mqlAt} names a move's MQL episode when it is known. */
    private void announce(List<LeadMove> moves, Function<LeadMove, Instant> mqlAt, boolean live) {
        List<OutboxEvent> events = new ArrayList<>();
        for (LeadMove m : moves) {
            Transition t = m.transition();
            WebhookEventType.of(t).ifPresent(type -> events.add(new OutboxEvent(type, m.leadId(), t.at(), t.to(),
                    t.from(), mqlAt.apply(m), t.reason())));
        }
        outbox.write(events, live);
    }
}

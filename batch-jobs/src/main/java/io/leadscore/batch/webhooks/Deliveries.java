package io.leadscore.batch.webhooks;

import io.leadscore.batch.store.Instants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deliveries of the outbox's events, and their retry state. A worker
 * {@link #claim}s due deliveries (moving each one's next attempt a lease
 * ahead, so two workers, in one process or in several on PostgreSQL, never
 * take the same one, and one that dies mid-send leaves it to be taken again
 * when its lease runs out), sends them outside any transaction, and records
 * the outcome ({@link #delivered}, {@link #failed}). Nothing of it lives only
 * in memory: a restart resumes where the store says.
 */
@Component
public class Deliveries {
    /** Longest error text kept per delivery (the column's size). */
    public static final int MAX_ERROR = 500;
    private static final String VIEW = "SELECT d.id, e.event_id, e.event_type, l.lead_key, e.occurred_at, d.subscriber_id,"
            + " s.url, d.status, d.attempts, d.created_at, d.last_attempt_at, d.last_status_code, d.last_error,"
            + " d.next_attempt_at, d.delivered_at, d.claim FROM webhook_delivery d"
            + " JOIN webhook_event e ON e.id = d.event_id JOIN webhook_subscriber s ON s.id = d.subscriber_id"
            + " LEFT JOIN lead l ON l.id = e.lead_id";

    private final JdbcTemplate jdbc;

    public Deliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public enum Status {
        PENDING, DELIVERED, FAILED, CANCELLED
    }

    /**
     * A delivery a worker took: what to send, where, and the token its outcome is recorded with.
     *
     * @param origin   where its subscriber was defined
     * @param attempts the attempts made before this one
     */
    public record Claimed(long id, String claim, long subscriberId, Subscriber.Origin origin, String url, String eventId,
                          String eventType, String body, int attempts, Instant recordedAt) {
    }

    /** A delivery as ops and admins see it. */
    public record View(long id, String eventId, String eventType, String leadId, Instant occurredAt, long subscriberId,
                       String url, Status status, int attempts, Instant createdAt, Instant lastAttemptAt,
                       Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant deliveredAt,
                       boolean sending) {
    }

    /**
     * Takes up to {@code max} deliveries due at {@code now}, soonest due first, each for {@code lease}.
     */
    @Transactional
    public List<Claimed> claim(Instant now, Duration lease, int max) {
        if (max < 1) {
            return List.of();
        }
        List<Long> due = jdbc.query("SELECT id FROM webhook_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?"
                + " ORDER BY next_attempt_at, id FETCH FIRST " + max + " ROWS ONLY",
                ps -> Instants.bind(ps, 1, now), (rs, i) -> rs.getLong(1));
        if (due.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        Instant until = now.plus(lease);
        int[][] counts = jdbc.batchUpdate("UPDATE webhook_delivery SET next_attempt_at = ?, claim = ?"
                + " WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?", due, due.size(), (ps, id) -> {
                    Instants.bind(ps, 1, until);
                    ps.setString(2, token);
                    ps.setLong(3, id);
                    Instants.bind(ps, 4, now);
                });
        boolean any = false;
        for (int[] batch : counts) {
            for (int count : batch) {
                any |= count > 0 || count == Statement.SUCCESS_NO_INFO;
            }
        }
        if (!any) {
            return List.of();
        }
        return jdbc.query("SELECT d.id, d.claim, d.subscriber_id, s.origin, s.url, e.event_id, e.event_type, e.body,"
                + " d.attempts, e.recorded_at FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id"
                + " JOIN webhook_subscriber s ON s.id = d.subscriber_id WHERE d.claim = ? ORDER BY d.next_attempt_at, d.id",
                (rs, i) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        Subscriber.Origin.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getInt(9), Instants.read(rs, 10)), token);
    }

    /**
     * Records a 2xx answer.
     *
     * @return whether it was recorded: {@code false} when the claim had lapsed and another worker took the delivery
     */
    public boolean delivered(Claimed delivery, Instant at, int statusCode) {
        boolean recorded = jdbc.update("UPDATE webhook_delivery SET status = 'DELIVERED', attempts = attempts + 1,"
                + " last_attempt_at = ?, last_status_code = ?, last_error = NULL, delivered_at = ?, next_attempt_at = NULL,"
                + " claim = NULL WHERE id = ? AND claim = ?", ps -> {
                    Instants.bind(ps, 1, at);
                    ps.setInt(2, statusCode);
                    Instants.bind(ps, 3, at);
                    ps.setLong(4, delivery.id());
                    ps.setString(5, delivery.claim());
                }) > 0;
        if (recorded && delivery.attempts() > 0) {
            // a retry went through: the receiver is back, so what waits out its backoff for it is due now, not
            // minutes later (a first attempt's success says nothing new, and costs no query)
            jdbc.update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE status = 'PENDING' AND claim IS NULL"
                    + " AND attempts > 0 AND next_attempt_at > ? AND subscriber_id = ?", ps -> {
                        Instants.bind(ps, 1, at);
                        Instants.bind(ps, 2, at);
                        ps.setLong(3, delivery.subscriberId());
                    });
        }
        return recorded;
    }

    /**
     * Records a failed attempt: tried again at {@code next}, or given up when it is {@code null}.
     *
     * @param statusCode the receiver's answer, or {@code null} when none came
     * @return whether it was recorded: {@code false} when the claim had lapsed and another worker took the delivery
     */
    public boolean failed(Claimed delivery, Instant at, Integer statusCode, String error, Instant next) {
        String text = error == null ? "" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 3) + "..." : error;
        return jdbc.update("UPDATE webhook_delivery SET status = ?, attempts = attempts + 1, last_attempt_at = ?,"
                + " last_status_code = ?, last_error = ?, next_attempt_at = ?, claim = NULL WHERE id = ? AND claim = ?",
                ps -> {
                    ps.setString(1, next == null ? Status.FAILED.name() : Status.PENDING.name());
                    Instants.bind(ps, 2, at);
                    if (statusCode == null) {
                        ps.setNull(3, Types.INTEGER);
                    } else {
                        ps.setInt(3, statusCode);
                    }
                    ps.setString(4, text);
                    Instants.bind(ps, 5, next);
                    ps.setLong(6, delivery.id());
                    ps.setString(7, delivery.claim());
                }) > 0;
    }

    /** The most recent deliveries first, of one status or all. */
    public List<View> recent(Status status, int limit) {
        List<Object> args = new ArrayList<>();
        String where = "";
        if (status != null) {
            where = " WHERE d.status = ?";
            args.add(status.name());
        }
        return jdbc.query(VIEW + where + " ORDER BY d.id DESC FETCH FIRST " + limit + " ROWS ONLY", Deliveries::view,
                args.toArray());
    }

    public Optional<View> find(long id) {
        return jdbc.query(VIEW + " WHERE d.id = ?", Deliveries::view, id).stream().findFirst();
    }

    /** The body of a delivery's event, as it is signed and sent. */
    public Optional<String> body(long id) {
        return jdbc.query("SELECT e.body FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id WHERE d.id = ?",
                (rs, i) -> rs.getString(1), id).stream().findFirst();
    }

    /** Counts of deliveries per status. */
    public Map<Status, Long> counts() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT status, COUNT(*) FROM webhook_delivery GROUP BY status",
                rs -> {
                    counts.put(Status.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /**
     * Sends a delivery again as soon as a worker is free: one given up, delivered or cancelled is made pending, one
     * waiting for its next attempt is brought forward. Not one being sent, nor one whose subscriber is removed.
     *
     * @return whether it was scheduled
     */
    public boolean redeliver(long id, Instant at) {
        return jdbc.update("UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = ?, claim = NULL"
                + " WHERE id = ? AND claim IS NULL AND EXISTS (SELECT 1 FROM webhook_subscriber s"
                + " WHERE s.id = webhook_delivery.subscriber_id AND s.removed_at IS NULL)", ps -> {
                    Instants.bind(ps, 1, at);
                    ps.setLong(2, id);
                }) > 0;
    }

    /**
     * Forgets deliveries settled before {@code before} (delivered, given up, cancelled), and events left without any.
     *
     * @return the deliveries removed
     */
    @Transactional
    public int prune(Instant before) {
        int removed = jdbc.update("DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND created_at < ?",
                ps -> Instants.bind(ps, 1, before));
        jdbc.update("DELETE FROM webhook_event WHERE recorded_at < ? AND NOT EXISTS"
                + " (SELECT 1 FROM webhook_delivery d WHERE d.event_id = webhook_event.id)", ps -> Instants.bind(ps, 1, before));
        return removed;
    }

    private static View view(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt(12);
        Integer statusCode = rs.wasNull() ? null : code;
        return new View(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Instants.read(rs, 5),
                rs.getLong(6), rs.getString(7), Status.valueOf(rs.getString(8)), rs.getInt(9), Instants.read(rs, 10),
                Instants.read(rs, 11), statusCode, rs.getString(13), Instants.read(rs, 14), Instants.read(rs, 15),
                rs.getString(16) != null);
    }
}

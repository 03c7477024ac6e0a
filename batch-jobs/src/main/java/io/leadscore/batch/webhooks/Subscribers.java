package io.leadscore.batch.webhooks;

import io.leadscore.batch.store.Instants;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The webhook subscribers in the store: those added over the API or the
 * console, and those of the {@code --config} file, which {@code serve} writes
 * here when it starts ({@link #syncConfigured}) so that every process writing
 * to the outbox (a nightly run from cron too) knows who wants what. Secrets
 * are stored sealed ({@link SecretSeal}) and leave this class only towards the
 * delivery worker ({@link #signing}).
 */
@Component
public class Subscribers {
    private static final String COLUMNS = "id, url, event_types, origin, secret_env, created_at, created_by, removed_at";

    private final JdbcTemplate jdbc;
    private final SecretSeal seal;

    public Subscribers(JdbcTemplate jdbc, SecretSeal seal) {
        this.jdbc = jdbc;
        this.seal = seal;
    }

    /** A subscriber of the config file: its URL, events and the environment variable holding its secret. */
    public record Configured(String url, Set<WebhookEventType> events, String secretEnv) {
    }

    /** How a subscriber's deliveries are signed: its stored secret, or the variable that holds it. */
    public record Signing(String secret, String secretEnv) {
        @Override
        public String toString() {
            return "Signing[secretEnv=" + secretEnv + "]";
        }
    }

    /** The subscribers not removed, oldest first. */
    public List<Subscriber> active() {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscriber WHERE removed_at IS NULL ORDER BY id",
                Subscribers::map);
    }

    public Optional<Subscriber> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscriber WHERE id = ?", Subscribers::map, id).stream()
                .findFirst();
    }

    /** Adds a subscriber of origin API; the caller has checked the URL and the secret. */
    @Transactional
    public Subscriber add(String url, Set<WebhookEventType> events, String secret, String by, Instant at) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("INSERT INTO webhook_subscriber (url, event_types,"
                    + " secret, origin, created_at, created_by) VALUES (?, ?, ?, 'API', ?, ?)", new String[] {"id"});
            ps.setString(1, url);
            ps.setString(2, wire(events));
            ps.setString(3, seal.seal(secret));
            Instants.bind(ps, 4, at);
            ps.setString(5, by);
            return ps;
        }, key);
        return find(key.getKeyAs(Number.class).longValue()).orElseThrow();
    }

    /**
     * Removes a subscriber: it gets nothing more, and its deliveries not made yet are cancelled. Its row stays, for
     * the delivery history.
     *
     * @return whether a subscriber was removed (false: no such subscriber, or removed already)
     */
    @Transactional
    public boolean remove(long id, Instant at) {
        int removed = jdbc.update("UPDATE webhook_subscriber SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                ps -> {
                    Instants.bind(ps, 1, at);
                    ps.setLong(2, id);
                });
        if (removed > 0) {
            jdbc.update("UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL, claim = NULL"
                    + " WHERE subscriber_id = ? AND status = 'PENDING'", id);
        }
        return removed > 0;
    }

    /**
     * Makes the store's subscribers of origin CONFIG those of the config file: a URL new to it is added (from
     * {@code at} on), a known one takes the configured events and variable, one no longer configured is removed.
     */
    @Transactional
    public void syncConfigured(List<Configured> configured, Instant at) {
        Map<String, Subscriber> known = new HashMap<>();
        for (Subscriber s : active()) {
            if (s.origin() == Subscriber.Origin.CONFIG) {
                known.put(s.url(), s);
            }
        }
        for (Configured c : configured) {
            Subscriber existing = known.remove(c.url());
            if (existing == null) {
                jdbc.update("INSERT INTO webhook_subscriber (url, event_types, secret_env, origin, created_at, created_by)"
                        + " VALUES (?, ?, ?, 'CONFIG', ?, 'config file')", ps -> {
                            ps.setString(1, c.url());
                            ps.setString(2, wire(c.events()));
                            ps.setString(3, c.secretEnv());
                            Instants.bind(ps, 4, at);
                        });
            } else {
                jdbc.update("UPDATE webhook_subscriber SET event_types = ?, secret_env = ? WHERE id = ?",
                        wire(c.events()), c.secretEnv(), existing.id());
            }
        }
        for (Subscriber gone : known.values()) {
            remove(gone.id(), at);
        }
    }

    /**
     * How the deliveries of a subscriber are signed.
     *
     * @throws SecretSeal.SealBrokenException when its stored secret cannot be opened with this installation's key
     */
    public Optional<Signing> signing(long id) {
        return jdbc.query("SELECT secret, secret_env FROM webhook_subscriber WHERE id = ?",
                (rs, i) -> new Signing(rs.getString(1), rs.getString(2)), id).stream().findFirst()
                .map(s -> s.secret() == null ? s : new Signing(seal.open(s.secret()), s.secretEnv()));
    }

    /**
     * Seals the secrets stored before secrets were sealed ({@code serve} does it when it starts).
     *
     * @return how many it sealed
     */
    @Transactional
    public int sealStoredSecrets() {
        Map<Long, String> plain = new HashMap<>();
        jdbc.query("SELECT id, secret FROM webhook_subscriber WHERE secret IS NOT NULL", rs -> {
            String secret = rs.getString(2);
            if (!SecretSeal.isSealed(secret)) {
                plain.put(rs.getLong(1), secret);
            }
        });
        plain.forEach((id, secret) -> jdbc.update("UPDATE webhook_subscriber SET secret = ? WHERE id = ? AND secret = ?",
                seal.seal(secret), id, secret));
        return plain.size();
    }

    static String wire(Set<WebhookEventType> events) {
        return EnumSet.copyOf(events).stream().map(WebhookEventType::wireName).collect(Collectors.joining(","));
    }

    static Set<WebhookEventType> events(String wire) {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String name : wire.split(",")) {
            if (!name.isBlank()) {
                events.add(WebhookEventType.fromWire(name.strip()));
            }
        }
        return events;
    }

    private static Subscriber map(ResultSet rs, int row) throws SQLException {
        return new Subscriber(rs.getLong(1), rs.getString(2), events(rs.getString(3)),
                Subscriber.Origin.valueOf(rs.getString(4)), rs.getString(5), Instants.read(rs, 6), rs.getString(7),
                Instants.read(rs, 8));
    }
}

package io.leadscore.batch.webhooks;

import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.batch.store.StoreDialect;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.policy.Policy;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SLA's alerts for subscribers (docs/events.md): {@code sla.warning}
 * once three quarters of an MQL's SLA have passed with no follow-up,
 * {@code sla.breached} once all of it has. {@link #fire} finds the MQLs that
 * reached either point by a time and fires each alert once per MQL episode
 * (lead and MQL time): the alert's row in {@code sla_alert}, whose key refuses
 * a second one, and its event in the outbox commit together, so a restart or a
 * second {@code serve} process on the same PostgreSQL store never fires it
 * again. An MQL that reached both points before anyone looked (the server was
 * down) gets only the breach; its warning is marked fired without an event.
 *
 * <p>Only leads still at MQL are watched; episodes older than the policy's
 * recycling time are left to the nightly SLA check.
 */
@Component
public class SlaAlerts {
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final PolicyStore policies;
    private final TransactionTemplate transactions;
    private final String insertAlert;

    public SlaAlerts(JdbcTemplate jdbc, Outbox outbox, PolicyStore policies, PlatformTransactionManager transactions,
                     StoreDialect dialect) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.policies = policies;
        this.transactions = new TransactionTemplate(transactions);
        this.insertAlert = switch (dialect) {
            case POSTGRESQL -> "INSERT INTO sla_alert (lead_id, mql_at, kind, alert_at, fired_at) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING";
            case H2 -> "MERGE INTO sla_alert t USING (VALUES (CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE),"
                    + " CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE)))"
                    + " s (lead_id, mql_at, kind, alert_at, fired_at)"
                    + " ON t.lead_id = s.lead_id AND t.mql_at = s.mql_at AND t.kind = s.kind"
                    + " WHEN NOT MATCHED THEN INSERT (lead_id, mql_at, kind, alert_at, fired_at)"
                    + " VALUES (s.lead_id, s.mql_at, s.kind, s.alert_at, s.fired_at)";
        };
    }

    /** The SLA points an alert is for. */
    public enum Kind {
        WARNING(WebhookEventType.SLA_WARNING), BREACHED(WebhookEventType.SLA_BREACHED);

        private final WebhookEventType event;

        Kind(WebhookEventType event) {
            this.event = event;
        }
    }

    /** When the warning of an MQL episode is due: three quarters of the SLA after it became an MQL. */
    public static Instant warningAt(Instant mqlAt, Policy policy) {
        Duration sla = Duration.between(mqlAt, policy.slaDueAt(mqlAt));
        return mqlAt.plus(sla.multipliedBy(3).dividedBy(4));
    }

    private record Episode(long leadId, Instant mqlAt, String why) {
    }

    private record Alert(Episode episode, Kind kind, Instant at, boolean announce) {
    }

    /**
     * Fires the alerts due by {@code now}, in transactions of up to {@value #BATCH} episodes. One scan at a time
     * in a process (the embedded store serves one process; on PostgreSQL the alerts' key settles a race between
     * processes: the second insert waits for the first to commit, then inserts nothing).
     *
     * @return the alerts fired (events written or not: an alert no subscriber wants fires all the same)
     */
    public synchronized int fire(Instant now) {
        Policy policy = policies.current();
        // recycled by then: the nightly check's
        Instant oldest = now.minus(Duration.ofDays(policy.recycleAfterDays()));
        // the warning of an MQL from this time on is not due yet
        Instant latestMql = now.minus(Duration.between(now, warningAt(now, policy)));
        int fired = 0;
        long afterLead = 0;
        while (true) {
            long after = afterLead;
            List<Episode> episodes = jdbc.query("SELECT l.id, l.mql_at, s.reasons FROM lead l"
                    + " LEFT JOIN lead_score s ON s.lead_id = l.id"
                    + " WHERE l.stage = 'MQL' AND l.mql_at > ? AND l.mql_at <= ? AND l.id > ?"
                    + " AND NOT EXISTS (SELECT 1 FROM sla_alert a WHERE a.lead_id = l.id AND a.mql_at = l.mql_at"
                    + "   AND a.kind = 'BREACHED')"
                    + " AND NOT EXISTS (SELECT 1 FROM followup f WHERE f.lead_id = l.id AND f.occurred_at >= l.mql_at"
                    + "   AND f.occurred_at <= ?)"
                    + " ORDER BY l.id FETCH FIRST " + BATCH + " ROWS ONLY", ps -> {
                        Instants.bind(ps, 1, oldest);
                        Instants.bind(ps, 2, latestMql);
                        ps.setLong(3, after);
                        Instants.bind(ps, 4, now);
                    }, (rs, i) -> new Episode(rs.getLong(1), Instants.read(rs, 2), rs.getString(3)));
            if (episodes.isEmpty()) {
                return fired;
            }
            List<Alert> alerts = new ArrayList<>();
            for (Episode e : episodes) {
                Instant due = policy.slaDueAt(e.mqlAt());
                boolean breached = !now.isBefore(due);
                alerts.add(new Alert(e, Kind.WARNING, warningAt(e.mqlAt(), policy), !breached));
                if (breached) {
                    alerts.add(new Alert(e, Kind.BREACHED, due, true));
                }
            }
            Integer count = transactions.execute(tx -> record(alerts, now));
            fired += count == null ? 0 : count;
            afterLead = episodes.get(episodes.size() - 1).leadId();
            if (episodes.size() < BATCH) {
                return fired;
            }
        }
    }

    /** Inserts the alerts not fired yet and writes the events of those it inserted; returns how many it inserted. */
    private int record(List<Alert> alerts, Instant now) {
        int[][] counts = jdbc.batchUpdate(insertAlert, alerts, alerts.size(), (ps, a) -> {
            ps.setLong(1, a.episode().leadId());
            Instants.bind(ps, 2, a.episode().mqlAt());
            ps.setString(3, a.kind().name());
            Instants.bind(ps, 4, a.at());
            Instants.bind(ps, 5, now);
        });
        List<OutboxEvent> events = new ArrayList<>();
        int inserted = 0;
        int i = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                Alert a = alerts.get(i++);
                if (count > 0 || count == Statement.SUCCESS_NO_INFO) {
                    inserted++;
                    if (a.announce()) {
                        events.add(new OutboxEvent(a.kind().event, a.episode().leadId(), a.at(), Stage.MQL, null,
                                a.episode().mqlAt(), a.episode().why()));
                    }
                }
            }
        }
        outbox.write(events);
        return inserted;
    }
}

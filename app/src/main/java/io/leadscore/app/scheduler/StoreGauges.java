package io.leadscore.app.scheduler;

import io.leadscore.batch.store.Instants;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the store when metrics are scraped, so they hold whoever
 * ran the jobs (this process, the command line, another server): the last
 * completed rescoring (leads scored, MQLs created, drift, age), the leads at
 * MQL now, and the MQLs overdue (breached, not yet followed up). A gauge the
 * store cannot answer reads NaN rather than failing the scrape.
 */
@Component
class StoreGauges implements MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(StoreGauges.class);
    private static final String LAST_RUN = "SELECT %s FROM scoring_run WHERE finished_at IS NOT NULL"
            + " ORDER BY finished_at DESC FETCH FIRST 1 ROWS ONLY";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    StoreGauges(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "leadscore.store.rescoring.last.leads.scored", "Leads scored by the last completed rescoring run",
                s -> s.number(String.format(LAST_RUN, "leads_scored")));
        gauge(registry, "leadscore.store.rescoring.last.mqls.created", "MQLs created by the last completed rescoring run",
                s -> s.number(String.format(LAST_RUN, "mqls_created")));
        gauge(registry, "leadscore.store.rescoring.last.psi", "Score drift (PSI) of the last completed rescoring run",
                s -> s.number(String.format(LAST_RUN, "psi")));
        gauge(registry, "leadscore.store.rescoring.last.age.seconds", "Seconds since the last rescoring run finished",
                StoreGauges::lastRescoringAge);
        gauge(registry, "leadscore.store.mqls", "Leads at the MQL stage now",
                s -> s.number("SELECT COUNT(*) FROM lead WHERE stage = 'MQL'"));
        gauge(registry, "leadscore.store.sla.overdue", "MQLs whose SLA breach has no follow-up yet",
                s -> s.number("SELECT COUNT(*) FROM lead WHERE sla_state = 'OVERDUE'"));
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<StoreGauges> read) {
        Gauge.builder(name, this, s -> {
            try {
                return read.applyAsDouble(s);
            } catch (RuntimeException e) {
                log.debug("Gauge {} could not be read: {}", name, e.getMessage());
                return Double.NaN;
            }
        }).description(description).register(registry);
    }

    private double number(String sql) {
        var rows = jdbc.queryForList(sql, Number.class);
        return rows.isEmpty() || rows.get(0) == null ? Double.NaN : rows.get(0).doubleValue();
    }

    private double lastRescoringAge() {
        var rows = jdbc.query(String.format(LAST_RUN, "finished_at"), (rs, i) -> Instants.read(rs, 1));
        if (rows.isEmpty()) {
            return Double.NaN;
        }
        Instant finished = rows.get(0);
        return Duration.between(finished, clock.instant()).toMillis() / 1000.0;
    }
}

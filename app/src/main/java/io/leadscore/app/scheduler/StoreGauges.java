package io.leadscore.app.scheduler;

import io.leadscore.batch.leads.LeadRecords;
import io.leadscore.batch.slacheck.SlaCheck;
import io.leadscore.batch.store.JobHistory;
import io.leadscore.scoring.domain.Stage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final JobHistory history;
    private final LeadRecords leads;
    private final SlaCheck slaCheck;
    private final Clock clock;

    StoreGauges(JobHistory history, LeadRecords leads, SlaCheck slaCheck, Clock clock) {
        this.history = history;
        this.leads = leads;
        this.slaCheck = slaCheck;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "leadscore.store.rescoring.last.leads.scored", "Leads scored by the last completed rescoring run",
                s -> s.lastRescoring(r -> r.leadsScored()));
        gauge(registry, "leadscore.store.rescoring.last.mqls.created", "MQLs created by the last completed rescoring run",
                s -> s.lastRescoring(r -> r.mqlsCreated()));
        gauge(registry, "leadscore.store.rescoring.last.psi", "Score drift (PSI) of the last completed rescoring run",
                s -> s.lastRescoring(r -> r.psi() == null ? Double.NaN : r.psi()));
        gauge(registry, "leadscore.store.rescoring.last.age.seconds", "Seconds since the last rescoring run finished",
                s -> s.lastRescoring(r -> Duration.between(r.finishedAt(), s.clock.instant()).toMillis() / 1000.0));
        gauge(registry, "leadscore.store.mqls", "Leads at the MQL stage now", s -> s.leads.atStage(Stage.MQL));
        gauge(registry, "leadscore.store.sla.overdue", "MQLs whose SLA breach has no follow-up yet",
                s -> s.slaCheck.overdueNow());
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

    private double lastRescoring(ToDoubleFunction<JobHistory.FinishedRescoring> figure) {
        return history.lastFinishedRescoring().map(figure::applyAsDouble).orElse(Double.NaN);
    }
}

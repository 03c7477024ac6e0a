package io.leadscore.app.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Meters of the runs this process starts (scheduled or asked for): how long
 * they took, leads scored, MQLs created, SLA breaches found, and runs refused
 * because another was in progress. Runs started elsewhere (the command line)
 * show in the store gauges ({@link StoreGauges}).
 */
@Component
class JobMetrics {
    private final MeterRegistry registry;
    private final Counter leadsScored;
    private final Counter mqlsCreated;
    private final Counter slaBreaches;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.leadsScored = Counter.builder("leadscore.rescoring.leads.scored").baseUnit("leads")
                .description("Leads scored by rescoring runs started by this process").register(registry);
        this.mqlsCreated = Counter.builder("leadscore.rescoring.mqls.created").baseUnit("leads")
                .description("Leads that became MQLs in rescoring runs started by this process").register(registry);
        this.slaBreaches = Counter.builder("leadscore.sla.breaches").baseUnit("breaches")
                .description("New SLA breaches found by SLA checks started by this process").register(registry);
    }

    void rescoring(Duration took, boolean completed, long scored, long mqls) {
        timer("leadscore.rescoring.duration", "Duration of rescoring runs started by this process", completed)
                .record(took);
        leadsScored.increment(scored);
        mqlsCreated.increment(mqls);
    }

    void slaCheck(Duration took, boolean completed, long breaches) {
        timer("leadscore.sla.check.duration", "Duration of SLA checks started by this process", completed).record(took);
        slaBreaches.increment(breaches);
    }

    void refused(JobKind kind) {
        Counter.builder("leadscore.jobs.refused").tag("job", kind.jobName())
                .description("Runs not started because another run of the job was in progress").register(registry)
                .increment();
    }

    private Timer timer(String name, String description, boolean completed) {
        return Timer.builder(name).tag("outcome", completed ? "completed" : "failed").description(description)
                .register(registry);
    }
}

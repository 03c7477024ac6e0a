package io.leadscore.app.cli;

import io.leadscore.batch.simulation.StoreBasis;
import io.leadscore.simulator.planning.LeverReport;
import io.leadscore.simulator.planning.PlanResult;
import io.leadscore.simulator.planning.PlanRow;
import io.leadscore.simulator.whatif.ScenarioParameters;
import io.leadscore.simulator.whatif.ScenarioService;
import io.leadscore.simulator.whatif.StoreBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code leadscore plan}: for each threshold × SLA, the leads (and MQLs) it
 * takes to reach quota with probability P; and which single lever raises the
 * chance most.
 */
@Command(name = "plan", description = {
        "The inverse question: how many leads and MQLs are needed to reach quota with probability P, for each",
        "MQL threshold and SLA of the sweep; then the levers: which single change raises the chance most."})
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();

    @Option(names = "--confidence", paramLabel = "P", required = true, description = "the chance of reaching quota to plan for, more than 0 and less than 1, e.g. 0.8")
    double confidence;

    @Option(names = "--sweep-threshold", paramLabel = "LIST", split = ",", description = "thresholds to try, 1 to 50 of them (default: the threshold times 0.5, 0.75, 1, 1.5 and 2)")
    List<Double> thresholds;

    @Option(names = "--sweep-sla-hours", paramLabel = "LIST", split = ",", description = "SLA hours to try, 1 to 50 of them (default: 1,4,8,24,48)")
    List<Double> slaHours;

    @Option(names = "--no-levers", description = "skip the levers view")
    boolean noLevers;

    @Override
    public Integer call() {
        GlobalOptions globals = root.globals();
        ScenarioParameters parameters = scenario.parameters();
        // without the store, the config file's policy (checked here: no store session reads it) is the base
        ScenarioService service = new ScenarioService(ScenarioService.Limits.RANGES)
                .withBasePolicy(parameters.calibrateFromStore() ? null : ConfigFile.policy(globals));
        // the store is read at most once, for the plan and the levers alike
        StoreBasis[] store = new StoreBasis[1];
        Supplier<StoreBase> basis = () -> {
            if (store[0] == null) {
                store[0] = ScenarioOptions.storeBasis(globals, parameters.periodLength());
            }
            return store[0];
        };
        Output out = new Output(System.out, globals.format());
        PlanResult plan = service.plan(parameters, basis, confidence, thresholds, slaHours).run();
        if (store[0] != null) {
            ScenarioOptions.warn(spec, ScenarioOptions.noHandoffWarning(store[0].calibration()));
        }
        // the levers are a view of the table; the JSON and CSV are the plan's rows (docs/cli.md)
        LeverReport levers = noLevers || out.format() != OutputFormat.table ? null
                : service.levers(parameters, basis).run();
        switch (out.format()) {
            case json -> out.line(plan.toJson());
            case csv -> {
                List<List<?>> rows = new ArrayList<>();
                for (PlanRow r : plan.rows()) {
                    rows.add(List.of(r.threshold(), r.slaHours(), r.reachable() ? r.requiredLeads() : "",
                            r.reachable() ? r.requiredMqls() : "", r.pAttain()));
                }
                out.csv(List.of("threshold", "sla_hours", "required_leads", "required_mqls", "p_attain"), rows);
            }
            case table -> {
                out.line(plan.toTable());
                if (levers != null) {
                    out.line("");
                    out.line(levers.toTable());
                }
            }
        }
        return 0;
    }
}

package io.leadscore.app.cli;

import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.ScenarioRanges;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.planning.LeverReport;
import io.leadscore.simulator.planning.LeverSteps;
import io.leadscore.simulator.planning.Levers;
import io.leadscore.simulator.planning.PlanRequest;
import io.leadscore.simulator.planning.PlanResult;
import io.leadscore.simulator.planning.PlanRow;
import io.leadscore.simulator.planning.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();

    @Option(names = "--confidence", paramLabel = "P", required = true, description = "the chance of reaching quota to plan for, more than 0 and less than 1, e.g. 0.8")
    double confidence;

    @Option(names = "--sweep-threshold", paramLabel = "LIST", split = ",", description = "thresholds to try, 1 to 50 of them (default: 5 around the policy's)")
    List<Double> thresholds;

    @Option(names = "--sweep-sla-hours", paramLabel = "LIST", split = ",", description = "SLA hours to try, 1 to 50 of them (default: 1,4,8,24,48)")
    List<Double> slaHours;

    @Option(names = "--no-levers", description = "skip the levers view")
    boolean noLevers;

    @Override
    public Integer call() {
        try {
            ScenarioRanges.CONFIDENCE.check("--confidence", confidence);
            checkSweep("--sweep-threshold", thresholds, ScenarioRanges.THRESHOLD);
            checkSweep("--sweep-sla-hours", slaHours, ScenarioRanges.SLA_HOURS);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        scenario.checkRanges();
        GlobalOptions globals = root.globals();
        Calibration calibration = Calibration.defaults();
        Scenario base = Scenario.defaults();
        StoreScenario store = null;
        if (scenario.calibrateFromStore) {
            store = StoreScenario.read(globals, null, scenario.periodLength());
            calibration = store.calibration;
            base = scenario.storeBase(base, store);
        }
        Scenario s = scenario.scenario(base, store == null ? null : store.policy);
        List<Double> sweepThresholds = thresholds != null ? thresholds : around(s.policy().mqlThreshold());
        List<Double> sweepSla = slaHours != null ? slaHours : List.of(1.0, 4.0, 8.0, 24.0, 48.0);
        PlanRequest request;
        try {
            request = PlanRequest.of(confidence, sweepThresholds, sweepSla);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SimulationOptions options = scenario.options(Planner.DEFAULT_TRIALS);
        PlanResult plan = Planner.plan(s, calibration, options, request);
        LeverReport levers = noLevers ? null : Levers.evaluate(s, calibration, options, LeverSteps.defaults());
        Output out = new Output(System.out, globals.format());
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

    /** A sweep's size and each of its values against their ranges. */
    static void checkSweep(String option, List<Double> values, ScenarioRanges.Range range) {
        if (values == null) {
            return;
        }
        if (!ScenarioRanges.SWEEP_SIZE.contains(values.size())) {
            throw new IllegalArgumentException(option + ": " + values.size() + " values, expected "
                    + ScenarioRanges.SWEEP_SIZE.describe());
        }
        for (Double v : values) {
            range.check(option, v);
        }
    }

    /**
     * Up to five thresholds around the policy's, two steps either side, a step being a quarter of it (at least
     * 0.01), on the 0.01 grid of the threshold curve; those outside (0, 1) are left out.
     */
    static List<Double> around(double t) {
        double step = Math.max(0.01, Math.round(t / 4 * 100) / 100.0);
        List<Double> out = new ArrayList<>();
        for (int k = -2; k <= 2; k++) {
            double v = Math.round((t + k * step) * 100) / 100.0;
            if (v > 0 && v < 1 && !out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }
}

package io.leadscore.app.web.whatif;

import io.leadscore.app.web.ConsoleController;
import io.leadscore.app.web.PageJson;
import io.leadscore.scoring.domain.Timestamps;
import io.leadscore.batch.simulation.StoreBasis;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.whatif.ScenarioParameters;
import io.leadscore.simulator.whatif.ScenarioService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The what-if page: sliders for quota, threshold, SLA, lead volume and reps;
 * the chance of reaching quota and the revenue distribution against the quota
 * line, redrawn from {@code /api/simulate} as they move; the levers; and the
 * threshold × SLA heatmap of the plan.
 */
@ConsoleController
class WhatIfPages {
    /** Trials per what-if on the page: the chance is known to about ±1 point, and an answer comes well inside 2 s. */
    static final int PAGE_TRIALS = 2_000;
    /** Trials per point of the page's heatmap: a 5 × 5 plan in seconds rather than a minute. */
    static final int HEATMAP_TRIALS = 400;
    private static final Logger log = LoggerFactory.getLogger(WhatIfPages.class);

    private final StoreBases stores;
    private final PageJson json;
    private final WhatIfLimits limits;

    WhatIfPages(StoreBases stores, PageJson json, WhatIfLimits limits) {
        this.stores = stores;
        this.json = json;
        this.limits = limits;
    }

    @GetMapping("/whatif")
    String whatIf(Model model) {
        Map<String, Object> page = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("champion", null);
        store.put("error", null);
        // the page's first scenario is what the API answers when nothing is given: the scenario service's defaults
        Scenario first = Scenario.defaults();
        boolean calibrate = false;
        io.leadscore.simulator.calibration.Calibration storeCalibration = null;
        Instant asOf = null;
        try {
            StoreBasis basis = stores.current();
            store.put("as_of", Timestamps.format(basis.asOf()));
            asOf = basis.asOf();
            store.put("champion", basis.champion());
            store.put("policy_version", basis.policyVersion());
            store.put("leads_per_week", basis.leadsPerWeek().orElse(null));
            store.put("last_period_revenue", basis.lastPeriod(StoreBases.QUOTA_DAYS).revenue());
            store.put("last_period_days", StoreBases.QUOTA_DAYS);
            // without a champion there is no score distribution to calibrate from: the built-in defaults
            calibrate = basis.champion() != null;
            storeCalibration = basis.calibration();
            // a store whose deals all came around the hand-off: the page's levers cannot move its forecast
            store.put("no_handoff", calibrate && storeCalibration.paths().noHandoff());
            if (calibrate) {
                ScenarioParameters none = ScenarioParameters.none("").fromStore();
                first = new ScenarioService(WhatIf.WEB).setup(none, () -> basis).scenario();
            }
        } catch (RuntimeException e) {
            log.warn("The store's calibration could not be read for the what-if page: {}", e.getMessage());
            store.put("error", e.getMessage());
        }
        defaults.put("calibrate_from_store", calibrate);
        defaults.put("quota", first.quota());
        defaults.put("period_days", first.periodDays());
        defaults.put("threshold", first.threshold());
        defaults.put("sla_hours", first.policy().slaHours());
        defaults.put("leads_per_week", Math.round(first.leadsPerWeek()));
        defaults.put("reps", first.capacity().reps());
        defaults.put("trials", PAGE_TRIALS);
        defaults.put("heatmap_trials", HEATMAP_TRIALS);
        // what the page may ask of the server: it lowers its trials to stay within the cost budget (WhatIfCost)
        defaults.put("max_cost", limits.maxCost());
        defaults.put("lever_runs", WhatIfCost.LEVER_RUNS);
        defaults.put("cost_builtin", WhatIfCost.forPage(first, io.leadscore.simulator.calibration.Calibration.defaults()));
        defaults.put("cost_store", calibrate ? WhatIfCost.forPage(first, storeCalibration) : null);
        defaults.put("plan_runs_per_point", WhatIfCost.PLAN_RUNS_PER_POINT);
        defaults.put("heatmap_points", ScenarioService.defaultThresholds(first.threshold()).size()
                * ScenarioService.DEFAULT_SLA_SWEEP.size());
        page.put("defaults", defaults);
        page.put("store", store);
        model.addAttribute("pageJson", json.write(page));
        model.addAttribute("store", store);
        model.addAttribute("storeAsOf", asOf);
        return "whatif";
    }
}

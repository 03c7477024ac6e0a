package io.leadscore.app.web.whatif;

import io.leadscore.simulator.SimulationJson;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.backtest.BacktestJson;
import io.leadscore.simulator.planning.LeverReport;
import io.leadscore.simulator.planning.PlanJson;
import io.leadscore.simulator.planning.PlanResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code simulate}, {@code plan} and the levers over HTTP: the command line's
 * scenario parameters as query parameters, and the same JSON it prints with
 * {@code --format json}, written from the simulator's result records
 * (whose schemas the OpenAPI document shows). A request is checked and costed at once (400 when a
 * parameter is out of its range or the cost over the budget), then computed
 * on the what-if pool: 429 with {@code Retry-After} when the pool and its
 * queue are full, and cancelled when the client goes away.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "what-if", description = "Quota simulation, plan and levers (roles leadership, admin)")
class WhatIfApi {
    private static final String LIMITS = " Every parameter has a range (400 outside it); a request may cost at most"
            + " leadscore.what-if.max-cost trial-days (trials × days × simulations × lead volume / 500 a week; default"
            + " 30,000,000); when every worker is busy and the queue is full the answer is 429 with Retry-After. A what-if"
            + " still running after 2 s is answered 200 at once and kept alive with spaces before its JSON (a failure after"
            + " that point is a problem-details body); when the client goes away it is cancelled.";

    private final WhatIf whatIf;
    private final WhatIfPool pool;
    private final KeptBacktests backtests;

    WhatIfApi(WhatIf whatIf, WhatIfPool pool, KeptBacktests backtests) {
        this.whatIf = whatIf;
        this.pool = pool;
        this.backtests = backtests;
    }

    @ExceptionHandler(WhatIfPool.BusyException.class)
    ResponseEntity<ProblemDetail> busy(WhatIfPool.BusyException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage()));
    }

    @GetMapping("/simulate")
    @Operation(summary = "Monte Carlo projection of one quota period",
            description = "As 'leadscore simulate --format json': trials, quota, p_attain, revenue {mean, p10, p50, p90},"
                    + " the expected leads, mqls, sals, sqls, opportunities, wins, sla_breach_rate, the revenue histogram"
                    + " and every assumption with its source. Default 4,000 trials, at most 100,000." + LIMITS)
    @ApiResponse(responseCode = "200", description = "the simulation", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SimulationJson.class)))
    DeferredResult<Object> simulate(@ParameterObject ScenarioRequest scenario, HttpServletResponse response) {
        WhatIf.Prepared<SimulationResult> prepared = whatIf.simulate(scenario);
        return pool.submit(() -> prepared.work().get().toJson(), response);
    }

    @GetMapping("/plan")
    @Operation(summary = "Leads and MQLs needed to reach quota with probability P, per threshold and SLA",
            description = "As 'leadscore plan --format json': a list of {threshold, sla_hours, required_leads,"
                    + " required_mqls, p_attain, required_leads_per_week, reachable, ...}. Default 1,000 trials per point,"
                    + " at most 20,000; at most 10 thresholds and 10 SLA values." + LIMITS)
    @ApiResponse(responseCode = "200", description = "one cell per threshold and SLA, thresholds outer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    array = @ArraySchema(schema = @Schema(implementation = PlanJson.Cell.class))))
    DeferredResult<Object> plan(@ParameterObject ScenarioRequest scenario,
                @Parameter(description = "the chance of reaching quota to plan for, more than 0 and less than 1, e.g. 0.8")
                @RequestParam double confidence,
                @Parameter(name = "sweep-threshold", description = "thresholds to try, comma-separated (default: the scenario's threshold times 0.5, 0.75, 1, 1.5 and 2)")
                @RequestParam(name = "sweep-threshold", required = false) List<Double> thresholds,
                @Parameter(name = "sweep-sla-hours", description = "SLA hours to try, comma-separated (default: 1,4,8,24,48)")
                @RequestParam(name = "sweep-sla-hours", required = false) List<Double> slaHours,
                HttpServletResponse response) {
        WhatIf.Prepared<PlanResult> prepared = whatIf.plan(scenario, confidence, thresholds, slaHours);
        return pool.submit(() -> prepared.work().get().toJson(), response);
    }

    @GetMapping("/levers")
    @Operation(summary = "Which single change raises the chance of reaching quota most",
            description = "Threshold up or down 0.02, SLA halved or doubled, one more rep, 10% more leads, each run on"
                    + " the same random numbers as the base: {trials, seed, base {p_attain, mean_revenue}, best,"
                    + " levers [{lever, change, applicable, p_attain, delta, delta_standard_error, mean_revenue, note}]}."
                    + " Default 1,000 trials, at most 100,000." + LIMITS)
    @ApiResponse(responseCode = "200", description = "the base and every lever", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PlanJson.Levers.class)))
    DeferredResult<Object> levers(@ParameterObject ScenarioRequest scenario, HttpServletResponse response) {
        WhatIf.Prepared<LeverReport> prepared = whatIf.levers(scenario);
        return pool.submit(() -> prepared.work().get().toJson(), response);
    }

    @GetMapping("/backtest")
    @Operation(summary = "How far to trust the simulator on this store: every past period back-tested",
            description = "As 'leadscore simulate --backtest-all --period-days N --format json': periods [{from, to,"
                    + " mqls, wins, revenue: {actual, p10, p50, p90, percentile_rank, inside_p10_p90, crps}}] and summary"
                    + " {mqls, wins, revenue: {coverage_p10_p90, median_abs_error_p50, crps, pit_histogram, ...}}; each"
                    + " period simulated from what the store knew before it, 1,000 trials. Computed once per store change"
                    + " (about a minute on 20,000 leads), then kept; computed on the what-if pool (429 when it is full).")
    @ApiResponse(responseCode = "200", description = "every past period and the summary", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BacktestJson.Series.class)))
    DeferredResult<Object> backtest(@Parameter(name = "period-days", description = "length of each period in days, 7 to 366 (default 90)")
                    @RequestParam(name = "period-days", defaultValue = "90") int periodDays, HttpServletResponse response) {
        KeptBacktests.checkPeriod(periodDays);
        return pool.submit(() -> backtests.current(periodDays).toJson(), response);
    }
}

package io.leadscore.app.web.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.simulator.ScenarioRanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Properties of the what-if API's parameter checks, over a few thousand
 * seeded random requests mixing absent values, values inside their range,
 * its edges, just outside it, and NaN, infinities and extremes:
 * <ul>
 *   <li>a request with a value outside its range is refused, naming the first such parameter and its
 *       range — never run, never another kind of exception;</li>
 *   <li>a request with every value in range is either prepared, at a cost within the budget, or refused for
 *       one of the few rules that join parameters (the budget, the web's trial limits, a period given twice or
 *       by half, an SLA longer than the recycling), with the product's {@link InvalidInputException} (400),
 *       never another {@link IllegalArgumentException} (a bug, 500).</li>
 * </ul>
 * Requests are only prepared here, not computed: the checks are what is under test.
 */
class WhatIfParameterPropertiesTest {
    private static final int CASES = 3_000;
    private static final List<String> JOINT_RULES = List.of("would cost", "Invalid trials", "go together",
            "either period-days or from and to", "expected a date", "an SLA may not be longer than the recycling time",
            "Invalid period", "expected a period of",
            "Invalid sweep");

    static WhatIfPool pool;
    static WhatIf whatIf;
    static final WhatIfLimits LIMITS = new WhatIfLimits(null, null, null, null, null);

    @BeforeAll
    static void service() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        pool = new WhatIfPool(LIMITS, meters, JsonMapper.builder().build());
        whatIf = new WhatIf(null, meters, LIMITS, pool);
    }

    @AfterAll
    static void stop() {
        pool.destroy();
    }

    /** A value for a range: absent, inside, on an edge, just outside, or not a number at all. */
    static Double value(SplittableRandom random, ScenarioRanges.Range range) {
        double span = range.max() - range.min();
        double v = switch (random.nextInt(12)) {
            case 0, 1, 2 -> Double.NaN; // stands for "absent", mapped to null below
            case 3, 4, 5 -> range.min() + random.nextDouble() * Math.min(span, 1e6);
            case 6 -> range.min();
            case 7 -> range.max();
            case 8 -> range.min() - Math.max(1, span * random.nextDouble());
            case 9 -> range.max() + Math.max(1, span * random.nextDouble());
            case 10 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            default -> random.nextBoolean() ? 1e300 : -1e300;
        };
        if (Double.isNaN(v) && random.nextInt(3) > 0) {
            return null;
        }
        if (range.whole() && Double.isFinite(v)) {
            v = Math.rint(v);
        }
        return v;
    }

    static Integer whole(Double v) {
        if (v == null) {
            return null;
        }
        if (Double.isNaN(v) || v >= Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return v <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) Math.rint(v);
    }

    record Case(ScenarioRequest request, String firstOutOfRange) {
    }

    static Case randomCase(SplittableRandom random) {
        Double quota = value(random, ScenarioRanges.QUOTA);
        Integer periodDays = whole(value(random, ScenarioRanges.PERIOD_DAYS));
        Double threshold = value(random, ScenarioRanges.THRESHOLD);
        Double slaHours = value(random, ScenarioRanges.SLA_HOURS);
        Double leadsPerWeek = value(random, ScenarioRanges.LEADS_PER_WEEK);
        Integer reps = whole(value(random, ScenarioRanges.REPS));
        Double touches = value(random, ScenarioRanges.TOUCHES_PER_REP_PER_DAY);
        // trials mostly small, so that a request in range is usually within the budget too
        Integer trials = random.nextInt(3) == 0 ? whole(value(random, ScenarioRanges.TRIALS))
                : Integer.valueOf(1 + random.nextInt(2_000));
        String from = null;
        String to = null;
        switch (random.nextInt(8)) {
            case 0 -> {
                from = "2027-01-01";
                to = "2027-03-31";
            }
            case 1 -> from = "2027-01-01";
            case 2 -> {
                from = "not a date";
                to = "2027-03-31";
            }
            default -> {
            }
        }
        ScenarioRequest request = new ScenarioRequest(quota, periodDays, from, to, threshold, slaHours, leadsPerWeek,
                reps, touches, trials, random.nextLong(), false);
        String first = null;
        Object[][] checks = {{ScenarioRanges.QUOTA, quota}, {ScenarioRanges.PERIOD_DAYS, periodDays},
                {ScenarioRanges.THRESHOLD, threshold}, {ScenarioRanges.SLA_HOURS, slaHours},
                {ScenarioRanges.LEADS_PER_WEEK, leadsPerWeek}, {ScenarioRanges.REPS, reps},
                {ScenarioRanges.TOUCHES_PER_REP_PER_DAY, touches}, {ScenarioRanges.TRIALS, trials}};
        for (Object[] check : checks) {
            ScenarioRanges.Range range = (ScenarioRanges.Range) check[0];
            if (check[1] != null && !range.contains(((Number) check[1]).doubleValue())) {
                first = range.name();
                break;
            }
        }
        return new Case(request, first);
    }

    private static void holds(Case c, Function<ScenarioRequest, WhatIf.Prepared<?>> endpoint, List<String> seen) {
        Throwable thrown = catchThrowable(() -> {
            WhatIf.Prepared<?> prepared = endpoint.apply(c.request());
            assertThat(prepared.cost()).isPositive().isLessThanOrEqualTo(LIMITS.maxCost());
        });
        if (c.firstOutOfRange() != null) {
            assertThat(thrown).as(c.toString()).isInstanceOf(InvalidInputException.class);
            assertThat(thrown.getMessage()).as(c.toString()).startsWith(c.firstOutOfRange() + " ").contains(": expected ");
            seen.add("out of range");
        } else if (thrown != null) {
            assertThat(thrown).as(c.toString()).isInstanceOf(InvalidInputException.class);
            assertThat(JOINT_RULES).as(c + ": " + thrown.getMessage()).anyMatch(rule -> thrown.getMessage().contains(rule));
            seen.add("joint rule");
        } else {
            seen.add("prepared");
        }
    }

    @Test
    void simulateRefusesEveryValueOutOfRangeAndPreparesOnlyWhatIsWithinTheBudget() {
        SplittableRandom random = new SplittableRandom(20_261_206);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            holds(randomCase(random), whatIf::simulate, seen);
        }
        // the generator reaches every outcome, so the properties were tested on each
        assertThat(seen).contains("out of range", "joint rule", "prepared");
    }

    @Test
    void leversAndPlanHoldTheSameProperties() {
        SplittableRandom random = new SplittableRandom(7);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < CASES / 3; i++) {
            holds(randomCase(random), whatIf::levers, seen);
            Case c = randomCase(random);
            double confidence = random.nextInt(10) == 0 ? random.nextDouble() * 3 - 1 : 0.05 + 0.9 * random.nextDouble();
            Case plan = ScenarioRanges.CONFIDENCE.contains(confidence) || c.firstOutOfRange() != null ? c
                    : new Case(c.request(), null);
            if (!ScenarioRanges.CONFIDENCE.contains(confidence)) {
                Throwable thrown = catchThrowable(() -> whatIf.plan(c.request(), confidence, List.of(0.1), List.of(24.0)));
                assertThat(thrown).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("confidence ");
                continue;
            }
            holds(plan, r -> whatIf.plan(r, confidence, List.of(0.1, 0.2), List.of(4.0, 24.0)), seen);
        }
        assertThat(seen).contains("out of range", "joint rule", "prepared");
    }
}

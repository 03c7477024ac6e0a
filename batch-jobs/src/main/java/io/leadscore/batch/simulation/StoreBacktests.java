package io.leadscore.batch.simulation;

import io.leadscore.batch.funnelreport.FunnelActuals;
import io.leadscore.batch.funnelreport.PeriodActuals;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.SimulationOptions;
import io.leadscore.simulator.SimulationResult;
import io.leadscore.simulator.Simulator;
import io.leadscore.simulator.backtest.Actuals;
import io.leadscore.simulator.backtest.Backtest;
import io.leadscore.simulator.backtest.BacktestPeriod;
import io.leadscore.simulator.backtest.BacktestResult;
import io.leadscore.simulator.backtest.BacktestSeries;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Back-tests on the store: a past period simulated from what was known before
 * it — the store's calibration as of the period's start, and the scenario it
 * suggested then (its weekly volume, its team, the policy) — against what
 * happened in it, counted as the funnel report counts
 * ({@link FunnelActuals}). {@link #all} does it for every past period with
 * enough history before it (a rolling origin).
 */
@Service
public class StoreBacktests {
    /**
     * Days of leads a period needs before it to be back-tested: a year, so that the life tables have seen deals
     * through to their close (enterprise cycles run 90 to 180 days and more, lost deals longer), the volume a
     * full season, and its forecasts' misses can be measured. With half a year the first periods' open deals
     * are judged on a few early closes, mostly the quick ones.
     */
    public static final int MIN_HISTORY_DAYS = 365;
    /** Trials per period unless asked otherwise: the percentiles of a period to about a point. */
    public static final int DEFAULT_TRIALS = 2_000;

    private final StoreCalibration store;
    private final FunnelActuals actuals;
    private final PolicyStore policies;

    public StoreBacktests(StoreCalibration store, FunnelActuals actuals, PolicyStore policies) {
        this.store = store;
        this.actuals = actuals;
        this.policies = policies;
    }

    /** Told when each period starts being simulated. */
    public interface Progress {
        Progress NONE = (done, total, from, to) -> { };

        void period(int done, int total, LocalDate from, LocalDate to);
    }

    /**
     * The periods of {@code periodDays} days ending where the store's data ends, going back while at least
     * {@link #MIN_HISTORY_DAYS} days of leads lie before a period; oldest first. Empty for a store too young.
     */
    public List<LocalDate[]> periods(int periodDays, Instant now) {
        if (periodDays < 1 || periodDays > 3660) {
            throw new IllegalArgumentException("Invalid period: " + periodDays + " days, expected 1 to 3660");
        }
        Optional<Instant> first = store.dataStart();
        if (first.isEmpty()) {
            return List.of();
        }
        LocalDate end = dataEndDay(now);
        LocalDate earliestStart = first.get().atZone(ZoneOffset.UTC).toLocalDate().plusDays(MIN_HISTORY_DAYS);
        List<LocalDate[]> periods = new ArrayList<>();
        for (LocalDate to = end; !to.minusDays(periodDays).isBefore(earliestStart); to = to.minusDays(periodDays)) {
            periods.add(0, new LocalDate[] {to.minusDays(periodDays), to});
        }
        return periods;
    }

    /** When the store's data begins: its first lead's creation; empty without leads. */
    public Optional<Instant> dataStart() {
        return store.dataStart();
    }

    /**
     * The first day the store knows nothing of: the day after its latest lead or activity (never after
     * {@code now}'s day). A back-test period must end by then: what happened after it is not in the store.
     */
    public LocalDate dataEndDay(Instant now) {
        Instant dataEnd = store.dataEnd(now);
        LocalDate end = dataEnd.atZone(ZoneOffset.UTC).toLocalDate();
        return dataEnd.equals(end.atStartOfDay(ZoneOffset.UTC).toInstant()) ? end : end.plusDays(1);
    }

    /** Every past period of {@code periodDays} days with enough history before it, oldest first. */
    public BacktestSeries all(int periodDays, SimulationOptions options, Instant now, Progress progress) {
        List<LocalDate[]> periods = periods(periodDays, now);
        List<BacktestPeriod> checked = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            LocalDate[] p = periods.get(i);
            progress.period(i, periods.size(), p[0], p[1]);
            checked.add(new BacktestPeriod(p[0], p[1], one(p[0], p[1], options).check()));
        }
        progress.period(periods.size(), periods.size(), null, null);
        return new BacktestSeries(checked);
    }

    /** One period: the simulation from what was known before {@code from}, and its checks against what happened. */
    public Checked one(LocalDate from, LocalDate to, SimulationOptions options) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Invalid back-test period: " + from + " is not before " + to);
        }
        Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.atStartOfDay(ZoneOffset.UTC).toInstant();
        int days = (int) Duration.between(start, end).toDays();
        PeriodBasis basis = basis(start, days);
        Scenario scenario = basis.scenario(Scenario.defaults().toBuilder().period(from, to.minusDays(1)).build());
        SimulationResult result = Simulator.run(scenario, basis.calibration(), options);
        PeriodActuals happened = actuals.period(start, end);
        double revenue = happened.revenue().doubleValue();
        Actuals a = happened.mqls() == null ? Actuals.withoutMqls(happened.wins(), revenue, happened.mqlHistory())
                : new Actuals(happened.mqls(), happened.wins(), revenue, happened.mqlHistory());
        return new Checked(result, happened, Backtest.check(result, a));
    }

    /** A period's simulation, what happened in it, and where the one fell in the other. */
    public record Checked(SimulationResult simulated, PeriodActuals actuals, BacktestResult check) {
    }

    /**
     * What the store suggests as of {@code asOf} for a period of {@code periodDays} days: its calibration, its
     * policy, its forecast weekly volume (seasonal once a year and a quarter of leads lie before), its team
     * (reps who followed up leads in the period of the same length before) and a quota of that period's revenue
     * plus 10%.
     */
    public PeriodBasis basis(Instant asOf, int periodDays) {
        Calibration calibration = Calibration.fromObservations(store.observe(asOf));
        Policy policy = policies.current();
        Instant previous = asOf.minus(Duration.ofDays(periodDays));
        return new PeriodBasis(asOf, calibration, policy, store.leadsPerWeek(asOf, periodDays), store.activeReps(previous, asOf),
                store.revenueWon(previous, asOf));
    }
}

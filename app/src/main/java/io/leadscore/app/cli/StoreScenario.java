package io.leadscore.app.cli;

import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code simulate} and {@code plan} take from the store when asked: the
 * calibration as of a time, the policy, the observed lead volume. Kept apart so that commands without a store never
 * load Spring.
 */
final class StoreScenario {
    final Calibration calibration;
    final Policy policy;
    final Optional<Double> leadsPerWeek;
    /** Revenue won in the period of the same length just before the calibration time. */
    final double lastPeriodRevenue;
    /** Reps who followed up leads in that period. */
    final Optional<Integer> reps;

    private StoreScenario(Calibration calibration, Policy policy, Optional<Double> leadsPerWeek,
                          double lastPeriodRevenue, Optional<Integer> reps) {
        this.calibration = calibration;
        this.policy = policy;
        this.leadsPerWeek = leadsPerWeek;
        this.lastPeriodRevenue = lastPeriodRevenue;
        this.reps = reps;
    }

    /**
     * The quota when none is given: the revenue won in the last period of the same length, plus 10% growth,
     * rounded to three significant digits; empty when the store shows no revenue.
     */
    Optional<Double> defaultQuota() {
        return io.leadscore.simulator.Scenario.growthQuota(lastPeriodRevenue);
    }

    /**
     * @param asOf        calibrate from what was known before this time; {@code null} for where the data ends
     * @param periodDays  the length of the simulated period, for the default quota
     */
    static StoreScenario read(GlobalOptions globals, Instant asOf, int periodDays) {
        try (StoreSession session = StoreSession.open(globals)) {
            return read(session, asOf, periodDays);
        }
    }

    /**
     * @param asOf calibrate from what was known before this time; {@code null} for "now, or where the store's
     *             data ends if that is earlier"
     */
    static StoreScenario read(StoreSession session, Instant asOf, int periodDays) {
        {
            StoreCalibration store = session.bean(StoreCalibration.class);
            if (asOf == null) {
                asOf = store.dataEnd(Instant.now());
            }
            Calibration calibration = Calibration.fromObservations(store.observe(asOf));
            Policy policy = session.bean(PolicyStore.class).current();
            Instant periodStart = asOf.minus(java.time.Duration.ofDays(periodDays));
            return new StoreScenario(calibration, policy, store.leadsPerWeek(asOf),
                    store.revenueWon(periodStart, asOf), store.activeReps(periodStart, asOf));
        }
    }
}

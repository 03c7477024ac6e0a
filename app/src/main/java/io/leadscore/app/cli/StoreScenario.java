package io.leadscore.app.cli;

import io.leadscore.batch.simulation.StoreCalibration;
import io.leadscore.batch.store.PolicyStore;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.backtest.Actuals;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code simulate} and {@code plan} take from the store when asked: the
 * calibration as of a time, the policy, the observed lead volume, and for a
 * back-test what happened. Kept apart so that commands without a store never
 * load Spring.
 */
final class StoreScenario {
    final Calibration calibration;
    final Policy policy;
    final Optional<Double> leadsPerWeek;
    final Actuals actuals;
    final long rescoringRunsInPeriod;

    private StoreScenario(Calibration calibration, Policy policy, Optional<Double> leadsPerWeek, Actuals actuals,
                          long rescoringRunsInPeriod) {
        this.calibration = calibration;
        this.policy = policy;
        this.leadsPerWeek = leadsPerWeek;
        this.actuals = actuals;
        this.rescoringRunsInPeriod = rescoringRunsInPeriod;
    }

    /**
     * @param asOf        calibrate from what was known before this time
     * @param periodEnd   for a back-test, the end of the simulated period (actuals are read for
     *                    [asOf, periodEnd)); {@code null} otherwise
     */
    static StoreScenario read(GlobalOptions globals, Instant asOf, Instant periodEnd) {
        try (StoreSession session = StoreSession.open(globals)) {
            return read(session, asOf, periodEnd);
        }
    }

    /**
     * @param asOf calibrate from what was known before this time; {@code null} for "now, or where the store's
     *             data ends if that is earlier"
     */
    static StoreScenario read(StoreSession session, Instant asOf, Instant periodEnd) {
        {
            StoreCalibration store = session.bean(StoreCalibration.class);
            if (asOf == null) {
                asOf = store.dataEnd(Instant.now());
            }
            Calibration calibration = Calibration.fromObservations(store.observe(asOf));
            Policy policy = session.bean(PolicyStore.class).current();
            Actuals actuals = periodEnd == null ? null : store.actuals(asOf, periodEnd);
            long runs = periodEnd == null ? 0 : store.rescoringRuns(asOf, periodEnd);
            return new StoreScenario(calibration, policy, store.leadsPerWeek(asOf), actuals, runs);
        }
    }
}

package io.leadscore.simulator.whatif;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a store says about a what-if asked with {@code calibrate-from-store}:
 * the calibration as of a time, the policy in force, the weekly lead volume,
 * and the revenue won and the team of the period just before that time. The
 * store module reads it; the what-if takes it as its base.
 */
public interface StoreBase {
    /** The time the calibration looks back from. */
    Instant asOf();

    Calibration calibration();

    Policy policy();

    /** The observed weekly volume, empty when the store has no leads. */
    Optional<Double> leadsPerWeek();

    /** The revenue won and the reps who followed up leads in the {@code days} days before {@link #asOf()}. */
    LastPeriod lastPeriod(int days);

    /**
     * @param revenue revenue won in the period
     * @param reps    reps who followed up leads in it, empty when none did
     */
    record LastPeriod(double revenue, Optional<Integer> reps) {
    }
}

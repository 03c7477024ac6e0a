package io.leadscore.batch.simulation;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.Scenario;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store says about the next period as of a time: the simulator's
 * calibration, the policy in force, the weekly lead volume, the team and the
 * revenue of the last period of the same length.
 *
 * @param asOf               the time the store is read as of
 * @param calibration        the calibration from the store and its champion
 * @param policy             the policy in force
 * @param leadsPerWeek       the observed weekly volume, if the store has leads
 * @param reps               reps who followed up leads in the last period, if any did
 * @param lastPeriodRevenue  revenue won in the last period
 */
public record PeriodBasis(Instant asOf, Calibration calibration, Policy policy, Optional<Double> leadsPerWeek,
                         Optional<Integer> reps, double lastPeriodRevenue) {
    public PeriodBasis {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(leadsPerWeek, "leadsPerWeek");
        Objects.requireNonNull(reps, "reps");
    }

    /** The quota a store suggests: last period's revenue plus 10% ({@link Scenario#growthQuota}). */
    public Optional<Double> quota() {
        return Scenario.growthQuota(lastPeriodRevenue);
    }

    /** {@code base} with the store's policy, volume, team and quota where it has them. */
    public Scenario scenario(Scenario base) {
        Scenario.Builder b = base.toBuilder().policy(policy);
        leadsPerWeek.ifPresent(b::leadsPerWeek);
        reps.ifPresent(b::reps);
        quota().ifPresent(b::quota);
        return b.build();
    }
}

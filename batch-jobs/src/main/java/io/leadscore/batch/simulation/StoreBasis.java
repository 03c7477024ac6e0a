package io.leadscore.batch.simulation;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.calibration.Calibration;
import io.leadscore.simulator.whatif.StoreBase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the store gives a what-if ({@link StoreCalibration#basis}): the
 * calibration as of a time, the policy in force and its version, the weekly
 * lead volume, the champion, and — read when first asked for each period
 * length, then kept — the revenue won and the team of the period before.
 */
public final class StoreBasis implements StoreBase {
    private final Instant asOf;
    private final Calibration calibration;
    private final Policy policy;
    private final int policyVersion;
    private final Optional<Double> leadsPerWeek;
    private final String champion;
    private final Duration took;
    private final StoreCalibration store;
    private final Map<Integer, LastPeriod> lastPeriods = new ConcurrentHashMap<>();

    StoreBasis(Instant asOf, Calibration calibration, Policy policy, int policyVersion, Optional<Double> leadsPerWeek,
               String champion, Duration took, StoreCalibration store) {
        this.asOf = asOf;
        this.calibration = calibration;
        this.policy = policy;
        this.policyVersion = policyVersion;
        this.leadsPerWeek = leadsPerWeek;
        this.champion = champion;
        this.took = took;
        this.store = store;
    }

    @Override
    public Instant asOf() {
        return asOf;
    }

    @Override
    public Calibration calibration() {
        return calibration;
    }

    @Override
    public Policy policy() {
        return policy;
    }

    public int policyVersion() {
        return policyVersion;
    }

    @Override
    public Optional<Double> leadsPerWeek() {
        return leadsPerWeek;
    }

    /** The champion's version, or {@code null} without one. */
    public String champion() {
        return champion;
    }

    /** How long reading the calibration took. */
    public Duration took() {
        return took;
    }

    @Override
    public LastPeriod lastPeriod(int days) {
        if (days < 1) {
            throw new IllegalArgumentException("Invalid period: " + days + " days, expected at least 1");
        }
        return lastPeriods.computeIfAbsent(days, d -> {
            Instant start = asOf.minus(Duration.ofDays(d));
            return new LastPeriod(store.revenueWon(start, asOf), store.activeReps(start, asOf));
        });
    }
}

package io.leadscore.app.web.whatif;

import io.leadscore.scoring.policy.Policy;
import io.leadscore.simulator.calibration.Calibration;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the store gives a what-if: the calibration as of where its data ends,
 * the policy in force, the weekly lead volume, and last period's won revenue
 * (the page's first quota) and team.
 *
 * @param asOf               the time the calibration looks back from
 * @param calibration        the simulator's calibration from the store and its champion
 * @param policy             the policy in force
 * @param policyVersion      its version
 * @param leadsPerWeek       the observed weekly volume, if the store has leads
 * @param lastPeriodRevenue  revenue won in the {@value StoreBases#QUOTA_DAYS} days before {@code asOf}
 * @param lastPeriodReps     reps who followed up leads in those days, if any did
 * @param champion           the champion's version, or {@code null}
 * @param took               how long reading the store took
 */
public record StoreBasis(Instant asOf, Calibration calibration, Policy policy, int policyVersion,
                         Optional<Double> leadsPerWeek, double lastPeriodRevenue, Optional<Integer> lastPeriodReps,
                         String champion, Duration took) {
}

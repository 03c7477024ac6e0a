package io.leadscore.simulator.planning;

/**
 * The size of each single change the levers view tries.
 *
 * @param thresholdStep how far the threshold moves up or down, in (0, 0.5)
 * @param slaFactor     the SLA is divided (shorter) or multiplied (longer) by this, &gt; 1
 * @param extraReps     reps added, &ge; 1
 * @param leadIncrease  relative increase in weekly leads, &gt; 0
 */
public record LeverSteps(double thresholdStep, double slaFactor, int extraReps, double leadIncrease) {

    public LeverSteps {
        if (!(thresholdStep > 0 && thresholdStep < 0.5)) {
            throw new IllegalArgumentException("Invalid threshold step: " + thresholdStep + ", expected (0, 0.5)");
        }
        if (!(slaFactor > 1) || Double.isInfinite(slaFactor)) {
            throw new IllegalArgumentException("Invalid SLA factor: " + slaFactor + ", expected a number > 1");
        }
        if (extraReps < 1) {
            throw new IllegalArgumentException("Invalid extra reps: " + extraReps + ", expected >= 1");
        }
        if (!(leadIncrease > 0) || Double.isInfinite(leadIncrease)) {
            throw new IllegalArgumentException("Invalid lead increase: " + leadIncrease + ", expected a positive share");
        }
    }

    /** Threshold ±0.02, SLA halved or doubled, one more rep, 10% more leads. */
    public static LeverSteps defaults() {
        return new LeverSteps(0.02, 2, 1, 0.10);
    }
}

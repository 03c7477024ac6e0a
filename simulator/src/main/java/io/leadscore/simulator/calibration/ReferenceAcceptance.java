package io.leadscore.simulator.calibration;

import java.util.Objects;

/**
 * An MQL→SAL rate from observed follow-ups and the response decay whose
 * reference response time says where that rate holds
 * ({@link ResponseDecayFit#atReference}).
 *
 * @param mqlToSal the acceptance rate at {@code decay.referenceHours()}
 * @param decay    the decay, its reference set to the history's effective response time
 */
public record ReferenceAcceptance(StageRate mqlToSal, ResponseDecay decay) {

    public ReferenceAcceptance {
        Objects.requireNonNull(mqlToSal, "mqlToSal");
        Objects.requireNonNull(decay, "decay");
    }
}

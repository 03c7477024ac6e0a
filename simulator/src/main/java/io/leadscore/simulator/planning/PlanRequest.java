package io.leadscore.simulator.planning;

import java.util.List;
import java.util.Objects;

/**
 * What to plan: the confidence wanted and the sweep of thresholds and SLAs.
 *
 * @param confidence        required chance of reaching quota, in (0, 1)
 * @param thresholds        MQL thresholds to try, each in (0, 1), at least one
 * @param slaHours          SLA hours to try, each &gt; 0, at least one
 * @param relativeTolerance the search stops when the bracket on weekly volume is narrower than this share of it
 *                          (or half a lead per week), in (0, 0.5]
 * @param maxVolumeFactor   volumes above this multiple of the starting volume are not tried (a cell beyond
 *                          it is reported unreachable), &gt; 1
 */
public record PlanRequest(double confidence, List<Double> thresholds, List<Double> slaHours, double relativeTolerance,
                          double maxVolumeFactor) {

    public static final double DEFAULT_RELATIVE_TOLERANCE = 0.01;
    public static final double DEFAULT_MAX_VOLUME_FACTOR = 20;

    public PlanRequest {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("Invalid confidence: " + confidence + ", expected a probability strictly between 0 and 1");
        }
        thresholds = List.copyOf(Objects.requireNonNull(thresholds, "thresholds"));
        slaHours = List.copyOf(Objects.requireNonNull(slaHours, "slaHours"));
        if (thresholds.isEmpty() || slaHours.isEmpty()) {
            throw new IllegalArgumentException("Invalid sweep: " + thresholds.size() + " thresholds and " + slaHours.size()
                    + " SLA values, expected at least one of each");
        }
        for (double t : thresholds) {
            if (!(t > 0 && t < 1)) {
                throw new IllegalArgumentException("Invalid threshold in sweep: " + t + ", expected a score strictly between 0 and 1");
            }
        }
        for (double h : slaHours) {
            if (!(h > 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("Invalid SLA hours in sweep: " + h + ", expected a positive number");
            }
        }
        if (!(relativeTolerance > 0 && relativeTolerance <= 0.5)) {
            throw new IllegalArgumentException("Invalid relative tolerance: " + relativeTolerance + ", expected (0, 0.5]");
        }
        if (!(maxVolumeFactor > 1) || Double.isInfinite(maxVolumeFactor)) {
            throw new IllegalArgumentException("Invalid maximum volume factor: " + maxVolumeFactor + ", expected a number > 1");
        }
    }

    /** A sweep with the default tolerance (1%) and volume limit (20× the starting volume). */
    public static PlanRequest of(double confidence, List<Double> thresholds, List<Double> slaHours) {
        return new PlanRequest(confidence, thresholds, slaHours, DEFAULT_RELATIVE_TOLERANCE, DEFAULT_MAX_VOLUME_FACTOR);
    }
}

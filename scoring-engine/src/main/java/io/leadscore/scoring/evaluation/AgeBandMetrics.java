package io.leadscore.scoring.evaluation;

import java.util.Objects;

/**
 * How a model did on the validation leads of one age band: AUC, PR-AUC, log loss and calibration (ECE and the
 * reliability bins) of its scores at that age, measured as {@link Evaluator#evaluate(double[], double[], int[])}
 * measures the whole window.
 *
 * @param band    the ages
 * @param metrics the figures on the band's rows
 */
public record AgeBandMetrics(AgeBand band, ModelMetrics metrics) {
    public AgeBandMetrics {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(metrics, "metrics");
    }
}

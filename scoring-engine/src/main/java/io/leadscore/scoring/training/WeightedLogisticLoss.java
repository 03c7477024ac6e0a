package io.leadscore.scoring.training;

import smile.base.cart.Loss;
import smile.math.MathEx;

import java.util.Arrays;

/**
 * Smile's binomial logistic loss ({@code Loss.logistic}) whose leaf value weighs each row by its sample count, as
 * Smile's least-squares loss does and its logistic loss does not: a row drawn three times for a tree counts three
 * times in its leaf's Newton step, as it does in the split search. With counts of 0 and 1 it computes what Smile's
 * loss computes, operation for operation, so a model trained on such samples is the same bit for bit.
 */
final class WeightedLogisticLoss implements Loss {
    /** The labels as −1 and +1. */
    private final int[] y;
    private final double[] response;
    /** The model's raw output on each row so far (Smile's name for it). */
    private final double[] residual;

    WeightedLogisticLoss(int[] labels) {
        int n = labels.length;
        y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = 2 * labels[i] - 1;
        }
        response = new double[n];
        residual = new double[n];
    }

    @Override
    public double output(int[] nodeSamples, int[] sampleCount) {
        double numerator = 0;
        double denominator = 0;
        for (int i : nodeSamples) {
            double count = sampleCount[i];
            double abs = Math.abs(response[i]);
            numerator += response[i] * count;
            denominator += abs * (2.0 - abs) * count;
        }
        return numerator / denominator;
    }

    @Override
    public double intercept(double[] ignored) {
        double mu = MathEx.mean(y);
        double b = 0.5 * Math.log((1 + mu) / (1 - mu));
        Arrays.fill(residual, b);
        return b;
    }

    @Override
    public double[] response() {
        for (int i = 0; i < y.length; i++) {
            response[i] = 2.0 * y[i] / (1 + Math.exp(2 * y[i] * residual[i]));
        }
        return response;
    }

    @Override
    public double[] residual() {
        return residual;
    }

    @Override
    public String toString() {
        return "weighted logistic";
    }
}

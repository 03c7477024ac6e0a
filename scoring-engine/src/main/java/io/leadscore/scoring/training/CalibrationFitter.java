package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.Calibration;
import io.leadscore.scoring.scoring.CalibrationMethod;
import io.leadscore.scoring.scoring.IsotonicCalibration;
import io.leadscore.scoring.scoring.PlattCalibration;
import io.leadscore.scoring.scoring.Uncalibrated;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Fits the map from raw score to probability on the validation window.
 *
 * <h2>Honest figures</h2>
 * A calibration fitted on a window and evaluated on the same window flatters itself (an isotonic fit on
 * n rows can match their outcomes almost exactly). {@link #crossFitted} therefore splits the window into two
 * halves (alternate rows, so each half spans the whole window in time), fits on one half and scores the other,
 * both ways round: every lead gets a probability from a calibration that never saw its outcome, and those are
 * the probabilities the reported metrics are computed from. The calibration that ships, {@link #fit}, is then
 * fitted on the whole window; with twice the data it is, if anything, slightly better than the figures say.
 */
public final class CalibrationFitter {

    /** Newton iterations for Platt scaling; Lin, Lin and Weng (2007) converge in far fewer. */
    private static final int PLATT_MAX_ITERATIONS = 100;
    private static final double PLATT_MIN_STEP = 1e-10;
    private static final double PLATT_SIGMA = 1e-12;
    private static final double PLATT_GRADIENT_EPSILON = 1e-5;

    private CalibrationFitter() {
    }

    /**
     * @param method    how to calibrate
     * @param raw       raw scores of the validation leads
     * @param labels    their outcomes, 0 or 1
     * @param algorithm the model family (decides the uncalibrated link)
     */
    public static Calibration fit(CalibrationMethod method, double[] raw, int[] labels, Algorithm algorithm) {
        check(raw, labels, 1);
        return switch (method) {
            case PLATT -> platt(raw, labels);
            case ISOTONIC -> isotonic(raw, labels);
            case NONE -> new Uncalibrated(algorithm);
        };
    }

    /**
     * Out-of-fold probabilities: rows at even positions calibrated by a fit on the odd ones and vice versa.
     *
     * @return one probability per row
     */
    public static double[] crossFitted(CalibrationMethod method, double[] raw, int[] labels, Algorithm algorithm) {
        check(raw, labels, 2);
        double[] out = new double[raw.length];
        for (int half = 0; half < 2; half++) {
            int fitParity = 1 - half;
            int[] fitRows = IntStream.range(0, raw.length).filter(i -> i % 2 == fitParity).toArray();
            double[] fitRaw = new double[fitRows.length];
            int[] fitLabels = new int[fitRows.length];
            for (int k = 0; k < fitRows.length; k++) {
                fitRaw[k] = raw[fitRows[k]];
                fitLabels[k] = labels[fitRows[k]];
            }
            Calibration calibration = fit(method, fitRaw, fitLabels, algorithm);
            for (int i = half; i < raw.length; i += 2) {
                out[i] = calibration.probability(raw[i]);
            }
        }
        return out;
    }

    private static void check(double[] raw, int[] labels, int minRows) {
        if (raw.length != labels.length) {
            throw new IllegalArgumentException(String.format("Invalid calibration data: %d scores and %d labels", raw.length, labels.length));
        }
        if (raw.length < minRows) {
            throw new IllegalArgumentException("Invalid calibration data: " + raw.length + " rows, expected at least " + minRows);
        }
        for (int i = 0; i < raw.length; i++) {
            if (!Double.isFinite(raw[i])) {
                throw new IllegalArgumentException("Invalid raw score of row " + i + ": " + raw[i]);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("Invalid label of row " + i + ": " + labels[i] + ", expected 0 or 1");
            }
        }
    }

    /**
     * Platt scaling by Newton's method with backtracking, as in Lin, Lin and Weng, "A note on Platt's
     * probabilistic outputs for support vector machines" (2007), with Platt's smoothed targets
     * {@code (N₊ + 1) / (N₊ + 2)} and {@code 1 / (N₋ + 2)} so that a window without converters (or without
     * non-converters) still gives finite parameters.
     */
    static PlattCalibration platt(double[] f, int[] labels) {
        int n = f.length;
        int positives = 0;
        for (int label : labels) {
            positives += label;
        }
        int negatives = n - positives;
        double hiTarget = (positives + 1.0) / (positives + 2.0);
        double loTarget = 1.0 / (negatives + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = labels[i] == 1 ? hiTarget : loTarget;
        }
        // Lin et al.'s parametrisation: P(1 | f) = 1 / (1 + exp(A f + B)).
        double a = 0;
        double b = Math.log((negatives + 1.0) / (positives + 1.0));
        double fval = objective(f, t, a, b);
        for (int iteration = 0; iteration < PLATT_MAX_ITERATIONS; iteration++) {
            double h11 = PLATT_SIGMA;
            double h22 = PLATT_SIGMA;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double fApB = f[i] * a + b;
                double p;
                double q;
                if (fApB >= 0) {
                    double e = Math.exp(-fApB);
                    p = e / (1.0 + e);
                    q = 1.0 / (1.0 + e);
                } else {
                    double e = Math.exp(fApB);
                    p = 1.0 / (1.0 + e);
                    q = e / (1.0 + e);
                }
                double d2 = p * q;
                h11 += f[i] * f[i] * d2;
                h22 += d2;
                h21 += f[i] * d2;
                double d1 = t[i] - p;
                g1 += f[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < PLATT_GRADIENT_EPSILON && Math.abs(g2) < PLATT_GRADIENT_EPSILON) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            while (step >= PLATT_MIN_STEP) {
                double newA = a + step * dA;
                double newB = b + step * dB;
                double newf = objective(f, t, newA, newB);
                if (newf < fval + 0.0001 * step * gd) {
                    a = newA;
                    b = newB;
                    fval = newf;
                    break;
                }
                step /= 2;
            }
            if (step < PLATT_MIN_STEP) {
                break;
            }
        }
        return new PlattCalibration(-a, -b);
    }

    private static double objective(double[] f, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            double fApB = f[i] * a + b;
            sum += fApB >= 0 ? t[i] * fApB + Math.log1p(Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
        }
        return sum;
    }

    /**
     * Pool-adjacent-violators over the rows sorted by raw score, equal raw scores pooled first. Each final block
     * contributes a knot at its lowest and at its highest raw score, both at the block's conversion rate.
     */
    static IsotonicCalibration isotonic(double[] raw, int[] labels) {
        int n = raw.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> raw[i]));
        // Blocks as parallel arrays: sum of outcomes, weight, lowest and highest raw score.
        double[] sum = new double[n];
        double[] weight = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; ) {
            double x = raw[order[k]];
            double s = 0;
            int w = 0;
            while (k < n && raw[order[k]] == x) {
                s += labels[order[k++]];
                w++;
            }
            sum[blocks] = s;
            weight[blocks] = w;
            lo[blocks] = x;
            hi[blocks] = x;
            blocks++;
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                hi[blocks - 2] = hi[blocks - 1];
                blocks--;
            }
        }
        double[] knots = new double[2 * blocks];
        double[] probabilities = new double[2 * blocks];
        int m = 0;
        for (int k = 0; k < blocks; k++) {
            double p = sum[k] / weight[k];
            knots[m] = lo[k];
            probabilities[m++] = p;
            if (hi[k] > lo[k]) {
                knots[m] = hi[k];
                probabilities[m++] = p;
            }
        }
        return new IsotonicCalibration(Arrays.copyOf(knots, m), Arrays.copyOf(probabilities, m));
    }
}

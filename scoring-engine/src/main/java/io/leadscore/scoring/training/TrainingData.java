package io.leadscore.scoring.training;

import io.leadscore.scoring.features.FeatureSchema;

import java.time.Instant;
import java.util.Objects;

/**
 * Labelled feature vectors of leads whose outcome is known, built for one {@link FeatureSchema}, with the
 * time window the leads were taken from (recorded in the model's provenance).
 *
 * @param schema the columns of {@code x}
 * @param x      one row per lead, {@code schema.size()} finite values each; copied
 * @param y      1 for a lead that converted within the label horizon, 0 otherwise; copied
 * @param from   start of the window (inclusive)
 * @param to     end of the window (exclusive), not before {@code from}
 */
public record TrainingData(FeatureSchema schema, double[][] x, int[] y, Instant from, Instant to) {

    public TrainingData {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Invalid window: " + from + " to " + to + ", expected the end not before the start");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(String.format("Invalid training data: %d rows and %d labels", x.length, y.length));
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("Invalid training data: no rows");
        }
        int p = schema.size();
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException(String.format("Invalid row %d: %d values, expected %d (schema %s)",
                        i, x[i].length, p, schema.fingerprint()));
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("Invalid value of feature " + schema.get(j).name() + " in row " + i
                            + ": " + x[i][j] + ", expected a finite number");
                }
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("Invalid label of row " + i + ": " + y[i] + ", expected 0 or 1");
            }
            rows[i] = x[i].clone();
        }
        x = rows;
        y = y.clone();
    }

    public int rows() {
        return y.length;
    }

    public int positives() {
        int positives = 0;
        for (int label : y) {
            positives += label;
        }
        return positives;
    }

    /** The rows one after the other, for batch scoring. */
    public double[] flatRows() {
        int p = schema.size();
        double[] flat = new double[x.length * p];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, flat, i * p, p);
        }
        return flat;
    }

    @Override
    public double[][] x() {
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        return copy;
    }

    @Override
    public int[] y() {
        return y.clone();
    }

    /** The rows themselves, for Smile to copy into its own frame without an extra copy here; never changed. */
    double[][] rowsForTraining() {
        return x;
    }

    @Override
    public String toString() {
        return "TrainingData[" + rows() + " rows, " + positives() + " positives, " + schema + ", " + from + " to " + to + "]";
    }
}

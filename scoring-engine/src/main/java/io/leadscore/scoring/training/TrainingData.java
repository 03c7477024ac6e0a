package io.leadscore.scoring.training;

import io.leadscore.scoring.features.FeatureSchema;

import java.time.Instant;
import java.util.Objects;

/**
 * Labelled feature vectors whose outcome is known, built for one {@link FeatureSchema}, with the time window they
 * were taken from (recorded in the model's provenance). A row is a lead looked at at one time (a snapshot); a lead
 * may have several rows, tied together by {@code groups}.
 *
 * @param schema  the columns of {@code x}
 * @param x       one row per snapshot, {@code schema.size()} finite values each; copied
 * @param y       1 for a snapshot whose lead converted within the label horizon, 0 otherwise; copied
 * @param from    start of the window (inclusive)
 * @param to      end of the window (exclusive), not before {@code from}
 * @param groups  the lead of each row as a number: boosting draws one row per lead for each tree, so that each lead
 *                weighs the same whatever its number of rows; {@code null} for one lead per row
 * @param ageDays each row's lead age in days, for metrics by age band; {@code null} when unknown
 */
public record TrainingData(FeatureSchema schema, double[][] x, int[] y, Instant from, Instant to, int[] groups,
                           double[] ageDays) {

    /** One row per lead, ages unknown. */
    public TrainingData(FeatureSchema schema, double[][] x, int[] y, Instant from, Instant to) {
        this(schema, x, y, from, to, null, null);
    }

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
        if (groups != null) {
            if (groups.length != y.length) {
                throw new IllegalArgumentException(String.format("Invalid training data: %d rows and %d groups", y.length, groups.length));
            }
            for (int i = 0; i < groups.length; i++) {
                if (groups[i] < 0) {
                    throw new IllegalArgumentException("Invalid group of row " + i + ": " + groups[i] + ", expected 0 or more");
                }
            }
            groups = groups.clone();
        }
        if (ageDays != null) {
            if (ageDays.length != y.length) {
                throw new IllegalArgumentException(String.format("Invalid training data: %d rows and %d ages", y.length, ageDays.length));
            }
            for (int i = 0; i < ageDays.length; i++) {
                if (!(ageDays[i] >= 0) || Double.isInfinite(ageDays[i])) {
                    throw new IllegalArgumentException("Invalid age of row " + i + ": " + ageDays[i] + ", expected a finite number of days, 0 or more");
                }
            }
            ageDays = ageDays.clone();
        }
    }

    @Override
    public int[] groups() {
        return groups == null ? null : groups.clone();
    }

    @Override
    public double[] ageDays() {
        return ageDays == null ? null : ageDays.clone();
    }

    /** Whether some lead has more than one row. */
    public boolean hasGroups() {
        return groups != null;
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

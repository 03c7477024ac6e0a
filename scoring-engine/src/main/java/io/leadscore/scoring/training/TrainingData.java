package io.leadscore.scoring.training;

import io.leadscore.scoring.features.FeatureSchema;

import java.time.Instant;
import java.util.Objects;

/**
 * Labelled feature vectors whose outcome is known, built for one {@link FeatureSchema}, with the time window they
 * were taken from (recorded in the model's provenance). A row is a lead looked at at one time (a snapshot); a lead
 * may have several rows, tied together by {@code groups}.
 *
 * <p>The values are held column by column ({@code schema.size()} arrays of one value per row), the layout Smile's
 * trees read: the trainer wraps these arrays in its data frame without copying them, so a set of snapshots is held
 * once while a model is fitted. Immutable: every accessor returns a copy.
 */
public final class TrainingData {

    private final FeatureSchema schema;
    private final double[][] columns;
    private final int[] y;
    private final Instant from;
    private final Instant to;
    private final int[] groups;
    private final double[] ageDays;

    /**
     * @param schema  the columns of {@code x}
     * @param x       one row per snapshot, {@code schema.size()} finite values each; copied
     * @param y       1 for a snapshot whose lead converted within the label horizon, 0 otherwise; copied
     * @param from    start of the window (inclusive)
     * @param to      end of the window (exclusive), not before {@code from}
     * @param groups  the lead of each row as a number: boosting draws one row per lead for each tree, so that each lead
     *                weighs the same whatever its number of rows; {@code null} for one lead per row
     * @param ageDays each row's lead age in days, for metrics by age band; {@code null} when unknown
     */
    public TrainingData(FeatureSchema schema, double[][] x, int[] y, Instant from, Instant to, int[] groups,
                        double[] ageDays) {
        this(schema, transpose(schema, x, y), y, from, to, groups, ageDays, true);
    }

    /** One row per lead, ages unknown. */
    public TrainingData(FeatureSchema schema, double[][] x, int[] y, Instant from, Instant to) {
        this(schema, x, y, from, to, null, null);
    }

    /**
     * Training data over columns that the caller hands over: {@code columns[j][i]} is feature j of row i. The
     * columns are validated but not copied; the caller must not change them afterwards (a
     * {@code io.leadscore.scoring.labels.TrainingSet} shares its own, which it never changes, so that its snapshots
     * are held once). Other arguments as in the row constructor, and copied.
     */
    public static TrainingData ofColumns(FeatureSchema schema, double[][] columns, int[] y, Instant from, Instant to,
                                         int[] groups, double[] ageDays) {
        return new TrainingData(schema, columns, y, from, to, groups, ageDays, false);
    }

    private TrainingData(FeatureSchema schema, double[][] columns, int[] y, Instant from, Instant to, int[] groups,
                         double[] ageDays, boolean transposed) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Invalid window: " + from + " to " + to + ", expected the end not before the start");
        }
        int n = y.length;
        if (n == 0) {
            throw new NotEnoughOutcomesException("Invalid training data: no rows");
        }
        int p = schema.size();
        if (!transposed) {
            if (columns.length != p) {
                throw new IllegalArgumentException(String.format("Invalid training data: %d columns, expected %d (schema %s)",
                        columns.length, p, schema.fingerprint()));
            }
            for (int j = 0; j < p; j++) {
                if (columns[j].length != n) {
                    throw new IllegalArgumentException(String.format("Invalid column %d (%s): %d values for %d labels",
                            j, schema.get(j).name(), columns[j].length, n));
                }
                double[] column = columns[j];
                for (int i = 0; i < n; i++) {
                    if (!Double.isFinite(column[i])) {
                        throw invalidValue(schema, j, i, column[i]);
                    }
                }
            }
        }
        this.columns = columns;
        for (int i = 0; i < n; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("Invalid label of row " + i + ": " + y[i] + ", expected 0 or 1");
            }
        }
        this.y = y.clone();
        if (groups != null) {
            if (groups.length != n) {
                throw new IllegalArgumentException(String.format("Invalid training data: %d rows and %d groups", n, groups.length));
            }
            for (int i = 0; i < groups.length; i++) {
                if (groups[i] < 0) {
                    throw new IllegalArgumentException("Invalid group of row " + i + ": " + groups[i] + ", expected 0 or more");
                }
            }
            groups = groups.clone();
        }
        this.groups = groups;
        if (ageDays != null) {
            if (ageDays.length != n) {
                throw new IllegalArgumentException(String.format("Invalid training data: %d rows and %d ages", n, ageDays.length));
            }
            for (int i = 0; i < ageDays.length; i++) {
                if (!(ageDays[i] >= 0) || Double.isInfinite(ageDays[i])) {
                    throw new IllegalArgumentException("Invalid age of row " + i + ": " + ageDays[i] + ", expected a finite number of days, 0 or more");
                }
            }
            ageDays = ageDays.clone();
        }
        this.ageDays = ageDays;
    }

    /** Validates the rows and copies them into columns. */
    private static double[][] transpose(FeatureSchema schema, double[][] x, int[] y) {
        Objects.requireNonNull(schema, "schema");
        if (x.length != y.length) {
            throw new IllegalArgumentException(String.format("Invalid training data: %d rows and %d labels", x.length, y.length));
        }
        int p = schema.size();
        int n = x.length;
        double[][] columns = new double[p][n];
        for (int i = 0; i < n; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException(String.format("Invalid row %d: %d values, expected %d (schema %s)",
                        i, x[i].length, p, schema.fingerprint()));
            }
            for (int j = 0; j < p; j++) {
                double value = x[i][j];
                if (!Double.isFinite(value)) {
                    throw invalidValue(schema, j, i, value);
                }
                columns[j][i] = value;
            }
        }
        return columns;
    }

    private static IllegalArgumentException invalidValue(FeatureSchema schema, int feature, int row, double value) {
        return new IllegalArgumentException("Invalid value of feature " + schema.get(feature).name() + " in row " + row
                + ": " + value + ", expected a finite number");
    }

    public FeatureSchema schema() {
        return schema;
    }

    /** Start of the window (inclusive). */
    public Instant from() {
        return from;
    }

    /** End of the window (exclusive). */
    public Instant to() {
        return to;
    }

    /** The lead of each row as a number, or {@code null} for one lead per row. */
    public int[] groups() {
        return groups == null ? null : groups.clone();
    }

    /** Each row's lead age in days, or {@code null} when unknown. */
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

    /** A copy of the rows, one array per snapshot. */
    public double[][] x() {
        int n = y.length;
        double[][] rows = new double[n][schema.size()];
        for (int j = 0; j < columns.length; j++) {
            double[] column = columns[j];
            for (int i = 0; i < n; i++) {
                rows[i][j] = column[i];
            }
        }
        return rows;
    }

    /** The rows one after the other, for batch scoring. */
    public double[] flatRows() {
        return flatRows(0, y.length);
    }

    /** Rows {@code [first, first + count)} one after the other, for batch scoring a block at a time. */
    public double[] flatRows(int first, int count) {
        Objects.checkFromIndexSize(first, count, y.length);
        int p = columns.length;
        double[] flat = new double[count * p];
        for (int j = 0; j < p; j++) {
            double[] column = columns[j];
            for (int i = 0; i < count; i++) {
                flat[i * p + j] = column[first + i];
            }
        }
        return flat;
    }

    public int[] y() {
        return y.clone();
    }

    /** The columns themselves, for Smile to wrap in its frame without a copy; never changed. */
    double[][] columnsForTraining() {
        return columns;
    }

    /** The labels themselves, never changed. */
    int[] labelsForTraining() {
        return y;
    }

    @Override
    public String toString() {
        return "TrainingData[" + rows() + " rows, " + positives() + " positives, " + schema + ", " + from + " to " + to + "]";
    }
}

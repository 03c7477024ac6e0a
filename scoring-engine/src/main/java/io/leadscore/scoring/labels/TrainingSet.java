package io.leadscore.scoring.labels;

import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.features.FeatureSpace;
import io.leadscore.scoring.training.TrainingData;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Labelled point-in-time snapshots ordered by their time: rows {@code [0, trainRows)} are the training window,
 * the rest the validation window ({@link #split()}). Row i describes lead {@link #leadIds()}[i] as of
 * {@link #snapshotAt()}[i], when it was {@link #ageDays()}[i] days old and still open, with label 1 when it produced
 * a won deal within the horizon of that time ({@link LabelRule}). A lead has one row per snapshot: in the training
 * window at most {@link TrainingSetConfig#maxSnapshotsPerLead()} of them (the trainer draws snapshots by lead, so a
 * long-lived lead does not outweigh a short-lived one), in the validation window every one (calibration and
 * evaluation see each open lead at each scheduled age, however long it stayed open).
 *
 * <p>The feature values are held column by column, the training window's apart from the validation window's, so that
 * {@link #trainingData()} hands the training window to the trainer without a copy (Smile's trees read columns): a
 * set of snapshots is held once while a model is fitted on it.
 *
 * <p>Immutable: every array accessor returns a copy (rows are assembled from the columns), so take what you need
 * once.
 */
public final class TrainingSet {

    /**
     * What the builder saw.
     *
     * @param histories         lead histories read
     * @param notYetCreated     leads created at or after the as-of time (they did not exist then)
     * @param censored          leads left out because even their first snapshot is still inside its horizon
     * @param converted         snapshots labelled 1
     * @param notConverted      snapshots labelled 0
     * @param leads             leads with at least one labelled snapshot
     * @param censoredSnapshots snapshots left out because their horizon had not passed (one per lead at most: the
     *                          first such one ends the lead's spine)
     * @param sampledOut        eligible snapshots of the training window left out by the per-lead cap
     */
    public record Counts(int histories, int notYetCreated, int censored, int converted, int notConverted, int leads,
                         int censoredSnapshots, int sampledOut) {
        /** Labelled snapshots (rows). */
        public int labelled() {
            return converted + notConverted;
        }
    }

    private final TrainingSetConfig config;
    private final Instant asOf;
    private final FeatureSpace featureSpace;
    private final double[][] trainColumns;
    private final double[][] validationColumns;
    private final int[] y;
    private final String[] leadIds;
    private final long[] createdAt;
    private final long[] snapshotAt;
    private final int[] groups;
    private final OutOfTimeSplit split;
    private final Counts counts;

    /**
     * Takes ownership of the arrays; only {@link TrainingSetBuilder} creates sets.
     *
     * @param trainColumns      feature j of training row i at {@code [j][i]}, rows {@code [0, split.trainRows())}
     * @param validationColumns feature j of validation row i (row {@code split.trainRows() + i} of the set) at
     *                          {@code [j][i]}
     */
    TrainingSet(TrainingSetConfig config, Instant asOf, FeatureSpace featureSpace, double[][] trainColumns,
                double[][] validationColumns, int[] y, String[] leadIds, long[] createdAt, long[] snapshotAt, int[] groups,
                OutOfTimeSplit split, Counts counts) {
        this.config = config;
        this.asOf = asOf;
        this.featureSpace = featureSpace;
        this.trainColumns = trainColumns;
        this.validationColumns = validationColumns;
        this.y = y;
        this.leadIds = leadIds;
        this.createdAt = createdAt;
        this.snapshotAt = snapshotAt;
        this.groups = groups;
        this.split = split;
        this.counts = counts;
    }

    public TrainingSetConfig config() {
        return config;
    }

    /** The time the set was built as of: nothing known only later was used. */
    public Instant asOf() {
        return asOf;
    }

    /** The schema and settings a model trained on this set is stored with. */
    public FeatureSpace featureSpace() {
        return featureSpace;
    }

    public FeatureSchema schema() {
        return featureSpace.schema();
    }

    public FeatureSettings settings() {
        return featureSpace.settings();
    }

    public OutOfTimeSplit split() {
        return split;
    }

    public Counts counts() {
        return counts;
    }

    public int rows() {
        return y.length;
    }

    /** Every row, training then validation. */
    public double[][] x() {
        return rows(0, y.length);
    }

    public int[] y() {
        return y.clone();
    }

    public double[][] trainX() {
        return rows(0, split.trainRows());
    }

    public int[] trainY() {
        return Arrays.copyOfRange(y, 0, split.trainRows());
    }

    public double[][] validationX() {
        return rows(split.trainRows(), y.length);
    }

    public int[] validationY() {
        return Arrays.copyOfRange(y, split.trainRows(), y.length);
    }

    /**
     * The training window as training data: one row per snapshot, tied to its lead for sampling by lead, with the
     * leads' ages. The feature values are shared with this set, not copied (neither ever changes them).
     */
    public TrainingData trainingData() {
        return TrainingData.ofColumns(schema(), trainColumns, trainY(), split.trainFrom(), split.trainTo(),
                trainGroups(), trainAgeDays());
    }

    /** The validation window as training data, with the leads' ages (for metrics by age band); shared as above. */
    public TrainingData validationData() {
        return TrainingData.ofColumns(schema(), validationColumns, validationY(), split.validationFrom(),
                split.validationTo(), null, validationAgeDays());
    }

    /** A copy of one row. */
    public double[] row(int index) {
        Objects.checkIndex(index, y.length);
        boolean training = index < split.trainRows();
        double[][] columns = training ? trainColumns : validationColumns;
        int i = training ? index : index - split.trainRows();
        double[] row = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            row[j] = columns[j][i];
        }
        return row;
    }

    /** Each row's lead: a view of the set, read in place (a loop over the rows may ask for it at every row). */
    public List<String> leadIds() {
        return Collections.unmodifiableList(Arrays.asList(leadIds));
    }

    /** Each row's lead's creation: a view, as {@link #leadIds()}. */
    public List<Instant> createdAt() {
        return instants(createdAt);
    }

    /** When each row looks at its lead: only events strictly before it are in the row. A view, as {@link #leadIds()}. */
    public List<Instant> snapshotAt() {
        return instants(snapshotAt);
    }

    private static List<Instant> instants(long[] epochMillis) {
        return new AbstractList<>() {
            @Override
            public Instant get(int index) {
                return Instant.ofEpochMilli(epochMillis[index]);
            }

            @Override
            public int size() {
                return epochMillis.length;
            }
        };
    }

    /** Each row's lead age at its snapshot, in days. */
    public double[] ageDays() {
        double[] ages = new double[snapshotAt.length];
        for (int i = 0; i < ages.length; i++) {
            ages[i] = (snapshotAt[i] - createdAt[i]) / 86_400_000.0;
        }
        return ages;
    }

    /**
     * The training set's settings as a model's provenance records them ({@link TrainingSetConfig#describe}), with
     * the oldest lead age each window holds (whole days): ages beyond them are ones the model never saw.
     */
    public java.util.Map<String, String> describe() {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>(config.describe());
        map.put(OLDEST_TRAINED, Long.toString((long) Math.floor(Arrays.stream(trainAgeDays()).max().orElse(0))));
        map.put(OLDEST_VALIDATED, Long.toString((long) Math.floor(Arrays.stream(validationAgeDays()).max().orElse(0))));
        return map;
    }

    /**
     * The oldest lead age, in whole days, a model's training or validation snapshots held, from its provenance's
     * record of its training set ({@link #describe}); empty for a model that did not record them.
     */
    public static java.util.OptionalLong oldestSeenDays(java.util.Map<String, String> described) {
        String trained = described.get(OLDEST_TRAINED);
        String validated = described.get(OLDEST_VALIDATED);
        return trained == null || validated == null ? java.util.OptionalLong.empty()
                : java.util.OptionalLong.of(Math.max(Long.parseLong(trained), Long.parseLong(validated)));
    }

    /** The provenance key of the oldest lead age, in whole days, among the training snapshots. */
    public static final String OLDEST_TRAINED = "oldestTrainedAgeDays";
    /** The provenance key of the oldest lead age, in whole days, among the validation snapshots. */
    public static final String OLDEST_VALIDATED = "oldestValidatedAgeDays";

    public double[] trainAgeDays() {
        return Arrays.copyOfRange(ageDays(), 0, split.trainRows());
    }

    public double[] validationAgeDays() {
        return Arrays.copyOfRange(ageDays(), split.trainRows(), y.length);
    }

    /** Each row's lead as a number, the same for every row of one lead (for sampling by lead). */
    public int[] groups() {
        return groups.clone();
    }

    public int[] trainGroups() {
        return Arrays.copyOfRange(groups, 0, split.trainRows());
    }

    private double[][] rows(int from, int to) {
        double[][] copy = new double[to - from][];
        for (int i = from; i < to; i++) {
            copy[i - from] = row(i);
        }
        return copy;
    }

    @Override
    public String toString() {
        return "TrainingSet[as of " + asOf + ", " + rows() + " snapshots of " + counts.leads() + " leads ("
                + split.trainRows() + " training, " + split.validationRows() + " validation), " + counts.converted()
                + " converted, " + schema() + "]";
    }
}

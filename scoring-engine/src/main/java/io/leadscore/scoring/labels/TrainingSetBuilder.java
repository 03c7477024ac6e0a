package io.leadscore.scoring.labels;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.features.FeatureSpace;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link TrainingSet} from lead histories streamed one at a time, using only what was known
 * at the as-of time: leads created before it, activities before it, deals opened and wins closed before
 * it ({@link LabelRule}).
 *
 * <p>Each history is reduced as it arrives: censored leads are dropped, a labelled lead keeps its lead
 * record, its label and its engagement state at the snapshot time as a few dozen bytes; its activities
 * and deals are not kept. Once every history is in, {@link #build()} orders the labelled leads by
 * creation time, cuts the most recent {@link TrainingSetConfig#validationFraction()} off as the
 * validation window, learns the feature space from the training window only, and extracts every row
 * with the same {@link FeatureExtractor} that scores leads.
 *
 * <p>Not thread-safe; one builder builds one set.
 */
public final class TrainingSetBuilder {
    private static final Comparator<Row> BY_CREATION =
            Comparator.comparing((Row r) -> r.lead.createdAt()).thenComparing(r -> r.lead.leadId());

    private final TrainingSetConfig config;
    private final Instant asOf;
    private final LabelRule rule;
    private final EngagementState state;
    private final List<Row> rows = new ArrayList<>();
    private final Set<String> leadIds = new HashSet<>();
    private int histories;
    private int notYetCreated;
    private int censored;
    private boolean built;

    /** A labelled lead reduced to what the set needs. */
    private record Row(Lead lead, byte[] state, long snapshotMillis, boolean converted) {
    }

    public TrainingSetBuilder(TrainingSetConfig config, Instant asOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.rule = config.labelRule();
        this.state = config.features().engagementSettings().newState(asOf);
    }

    /** Builds the set from every history in one go. */
    public static TrainingSet build(Iterable<LeadHistory> histories, Instant asOf, TrainingSetConfig config) {
        TrainingSetBuilder builder = new TrainingSetBuilder(config, asOf);
        for (LeadHistory history : histories) {
            builder.add(history);
        }
        return builder.build();
    }

    /**
     * Takes one lead's history; its activities may come in any order.
     *
     * @throws IllegalArgumentException when the lead was added before
     * @throws IllegalStateException    after {@link #build()}
     */
    public void add(LeadHistory history) {
        if (built) {
            throw new IllegalStateException("The training set was already built");
        }
        Lead lead = history.lead();
        if (!leadIds.add(lead.leadId())) {
            throw new IllegalArgumentException("Lead " + lead.leadId() + " appears twice in the training histories");
        }
        histories++;
        if (!rule.exists(lead, asOf)) {
            notYetCreated++;
            return;
        }
        Outcome outcome = rule.outcome(lead, history.deals(), asOf);
        if (outcome == Outcome.CENSORED) {
            censored++;
            return;
        }
        Instant snapshot = rule.fillRowState(state, lead, history.activities(), history.deals(), asOf);
        rows.add(new Row(lead, state.toBytes(), snapshot.toEpochMilli(), outcome == Outcome.CONVERTED));
    }

    /**
     * Orders, splits, learns the feature space from the training window and extracts every row.
     *
     * @throws IllegalArgumentException when fewer than two leads are labelled, or all of them were created
     *                                  at one instant (no split in time is possible)
     * @throws IllegalStateException    when called twice
     */
    public TrainingSet build() {
        if (built) {
            throw new IllegalStateException("The training set was already built");
        }
        built = true;
        int n = rows.size();
        if (n < 2) {
            throw new IllegalArgumentException("Not enough labelled leads as of " + asOf + ": " + n + " of " + histories
                    + " (" + censored + " still inside their " + rule.horizonDays() + "-day horizon, " + notYetCreated
                    + " created later); need at least 2");
        }
        rows.sort(BY_CREATION);
        int cut = splitIndex(n);
        List<Lead> trainingLeads = new AbstractList<>() {
            @Override
            public Lead get(int index) {
                return rows.get(index).lead;
            }

            @Override
            public int size() {
                return cut;
            }
        };
        FeatureSpace space = FeatureSpace.learn(trainingLeads, config.features());
        FeatureExtractor extractor = space.extractor();
        FeatureSettings settings = space.settings();
        EngagementState reader = settings.newState(asOf);
        int width = space.schema().size();
        double[][] x = new double[n][];
        int[] y = new int[n];
        String[] ids = new String[n];
        long[] created = new long[n];
        long[] snapshots = new long[n];
        int converted = 0;
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            reader.readFrom(row.state);
            x[i] = new double[width];
            extractor.extractInto(row.lead, reader, row.snapshotMillis, x[i]);
            y[i] = row.converted ? 1 : 0;
            converted += y[i];
            ids[i] = row.lead.leadId();
            created[i] = row.lead.createdAt().toEpochMilli();
            snapshots[i] = row.snapshotMillis;
            rows.set(i, null);
        }
        rows.clear();
        OutOfTimeSplit split = new OutOfTimeSplit(cut, n - cut, Instant.ofEpochMilli(created[0]),
                Instant.ofEpochMilli(created[cut - 1]), Instant.ofEpochMilli(created[cut]), Instant.ofEpochMilli(created[n - 1]));
        TrainingSet.Counts counts = new TrainingSet.Counts(histories, notYetCreated, censored, converted, n - converted);
        return new TrainingSet(config, asOf, space, x, y, ids, created, snapshots, split, counts);
    }

    /**
     * The first validation row: the most recent {@code validationFraction} of the rows (at least one),
     * moved earlier while it would separate leads created at the same instant.
     */
    private int splitIndex(int n) {
        int validation = Math.max(1, (int) Math.round(n * config.validationFraction()));
        int cut = Math.max(1, n - validation);
        while (cut > 0 && createdAt(cut - 1).equals(createdAt(cut))) {
            cut--;
        }
        if (cut == 0) {
            throw new IllegalArgumentException("No out-of-time split possible: the " + (n - validation)
                    + " oldest labelled leads were all created at " + createdAt(0) + ", together with the first"
                    + " validation lead");
        }
        return cut;
    }

    private Instant createdAt(int row) {
        return rows.get(row).lead.createdAt();
    }
}

package io.leadscore.scoring.labels;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.features.FeatureSpace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a {@link TrainingSet} of point-in-time snapshots from lead histories streamed one at a time, using only
 * what was known at the as-of time.
 *
 * <p>For each lead, a snapshot at every age of the {@link SnapshotSchedule} while the lead is open (no opportunity
 * opened strictly before it) and before the as-of time; a snapshot whose horizon has not passed by the as-of time is
 * censored and left out, and so are all later ones of the lead. A lead with more eligible snapshots than
 * {@link TrainingSetConfig#maxSnapshotsPerLead()} keeps a seeded random subset of them for training; the validation
 * window holds every eligible snapshot in it, sampled or not.
 *
 * <p>Why the cap stops at the validation window: a lead that stays open has more eligible snapshots than one that
 * converts early, so a per-lead cap keeps each snapshot of a converter and only some of a lead that stays open. Within
 * an age band, converters would then be over-represented, and the calibration fitted on the window, and every rate
 * measured on it, would lean towards them. Training draws snapshots by lead and does not mind; calibration and
 * evaluation see each open lead at each scheduled age once, as the nightly job meets it.
 *
 * <p>A lead's snapshots are built the way the nightly job builds its feature state: one {@link EngagementState},
 * rolled forward from the lead's creation through its snapshot times, taking at each step the activities of the
 * interval ({@link EngagementState#advanceTo} then {@link EngagementState#add}). Each snapshot keeps its state as a
 * few dozen bytes; the activities themselves are not kept.
 *
 * <p>{@link #build()} orders the snapshots by time, holds the most recent {@link TrainingSetConfig#validationFraction()}
 * of the sampled ones out for validation, with every snapshot the cap left out from the same instant on (out of time: the model trained on what was seen before the cut is judged on leads of every age
 * looked at after it), learns the feature space from the training window's leads only, and extracts every row with
 * the {@link FeatureExtractor} that scores leads.
 *
 * <p>Not thread-safe; one builder builds one set.
 */
public final class TrainingSetBuilder {
    private static final Comparator<Row> BY_TIME = Comparator.comparingLong((Row r) -> r.snapshotMillis)
            .thenComparing(r -> r.lead.leadId());

    private final TrainingSetConfig config;
    private final Instant asOf;
    private final long asOfMillis;
    private final long horizonMillis;
    private final LabelRule rule;
    private final SnapshotSchedule schedule;
    private final EngagementState state;
    private final List<Row> rows = new ArrayList<>();
    /**
     * Snapshots the cap left out of the sample while the cut is not known yet (validation by fraction): those from the
     * cut on join the validation window, the others are dropped.
     */
    private final List<Row> reserve = new ArrayList<>();
    private final long holdoutFromMillis;
    private final Set<String> leadIds = new HashSet<>();
    private long[] ages = new long[16];
    private boolean[] labels = new boolean[16];
    private boolean[] sampled = new boolean[16];
    private long[] times = new long[256];
    private Activity[] sorted = new Activity[256];
    private int histories;
    private int notYetCreated;
    private int censoredLeads;
    private int censoredSnapshots;
    private int sampledOut;
    private boolean built;

    /** One snapshot of a lead reduced to what the set needs. */
    private record Row(Lead lead, byte[] state, long snapshotMillis, boolean converted) {
    }

    public TrainingSetBuilder(TrainingSetConfig config, Instant asOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.asOfMillis = asOf.toEpochMilli();
        this.rule = config.labelRule();
        this.horizonMillis = rule.horizon().toMillis();
        this.schedule = config.schedule();
        this.state = config.features().engagementSettings().newState(asOf);
        this.holdoutFromMillis = config.holdoutFrom() == null ? Long.MIN_VALUE : config.holdoutFrom().toEpochMilli();
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
        long created = lead.createdAt().toEpochMilli();
        long opportunity = rule.firstOpportunity(history.deals(), asOf).map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        int eligible = 0;
        boolean censored = false;
        for (int k = 0; ; k++) {
            long t = created + schedule.ageMillis(k);
            if (t >= asOfMillis || opportunity < t) {
                break;
            }
            if (t + horizonMillis > asOfMillis) {
                censored = true;
                censoredSnapshots++;
                break;
            }
            if (eligible == ages.length) {
                ages = Arrays.copyOf(ages, eligible * 2);
                labels = Arrays.copyOf(labels, eligible * 2);
                sampled = new boolean[eligible * 2];
            }
            ages[eligible] = t;
            labels[eligible] = rule.outcomeAt(history.deals(), Instant.ofEpochMilli(t), asOf) == Outcome.CONVERTED;
            eligible++;
        }
        if (eligible == 0) {
            if (censored) {
                censoredLeads++;
            }
            return;
        }
        // with a holdout date the validation window is known: the cap draws among the training window's snapshots
        int drawn = eligible;
        while (config.holdoutFrom() != null && drawn > 0 && ages[drawn - 1] >= holdoutFromMillis) {
            drawn--;
        }
        sample(lead.leadId(), drawn);
        Arrays.fill(sampled, drawn, eligible, true);
        rollForward(lead, history.activities(), eligible);
    }

    /**
     * Marks at most {@code maxSnapshotsPerLead} of the first {@code eligible} snapshots (those the cap draws among) as
     * sampled ({@link #sampled}):
     * all of them when there are no more, else a seeded random subset (a partial Fisher–Yates shuffle of the indexes),
     * the same for the same lead and seed whatever else is in the set.
     */
    private void sample(String leadId, int eligible) {
        int max = config.maxSnapshotsPerLead();
        if (eligible <= max) {
            Arrays.fill(sampled, 0, eligible, true);
            return;
        }
        Arrays.fill(sampled, 0, eligible, false);
        SplittableRandom random = new SplittableRandom(config.samplingSeed() * 0x9E3779B97F4A7C15L
                ^ leadId.hashCode() * 0xC2B2AE3D27D4EB4FL);
        int[] index = new int[eligible];
        for (int i = 0; i < eligible; i++) {
            index[i] = i;
        }
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(eligible - i);
            int swap = index[i];
            index[i] = index[j];
            index[j] = swap;
            sampled[index[i]] = true;
        }
    }

    /**
     * The nightly job's roll-forward, from the lead's creation through its eligible snapshot times: a sampled snapshot
     * becomes a row, one left out by the cap a reserve row (when it may fall in the validation window).
     */
    private void rollForward(Lead lead, List<Activity> activities, int eligible) {
        int n = activities.size();
        if (times.length < n) {
            times = new long[Math.max(n, times.length * 2)];
            sorted = new Activity[times.length];
        }
        for (int i = 0; i < n; i++) {
            sorted[i] = activities.get(i);
        }
        Arrays.sort(sorted, 0, n, Comparator.comparing(Activity::occurredAt));
        for (int i = 0; i < n; i++) {
            times[i] = sorted[i].occurredAt().toEpochMilli();
        }
        state.reset(Math.min(lead.createdAt().toEpochMilli(), ages[0]));
        int next = 0;
        for (int s = 0; s < eligible; s++) {
            long t = ages[s];
            if (!sampled[s] && t < holdoutFromMillis) {
                sampledOut++;
                continue;
            }
            state.advanceTo(t);
            while (next < n && times[next] < t) {
                state.add(sorted[next].type(), times[next]);
                next++;
            }
            // with a holdout date, a snapshot in the window is a validation row whether sampled or not
            (sampled[s] || config.holdoutFrom() != null ? rows : reserve).add(new Row(lead, state.toBytes(), t, labels[s]));
        }
        Arrays.fill(sorted, 0, n, null);
    }

    /**
     * Orders, splits, learns the feature space from the training window and extracts every row.
     *
     * @throws IllegalArgumentException when fewer than two snapshots are labelled, or all of them were taken at one
     *                                  instant (no split in time is possible)
     * @throws IllegalStateException    when called twice
     */
    public TrainingSet build() {
        if (built) {
            throw new IllegalStateException("The training set was already built");
        }
        built = true;
        int n = rows.size();
        if (n < 2) {
            throw new io.leadscore.scoring.training.NotEnoughOutcomesException("Not enough labelled snapshots as of " + asOf + ": " + n + " from "
                    + histories + " leads (" + censoredLeads + " leads whose every snapshot is still inside its "
                    + rule.horizonDays() + "-day horizon, " + notYetCreated + " created later); need at least 2");
        }
        rows.sort(BY_TIME);
        int cut = splitIndex(n);
        // the validation window: the sampled snapshots from the cut on and every reserve snapshot as recent
        long cutMillis = rows.get(cut).snapshotMillis;
        for (Row row : reserve) {
            if (row.snapshotMillis >= cutMillis) {
                rows.add(row);
            } else {
                sampledOut++;
            }
        }
        reserve.clear();
        rows.subList(cut, rows.size()).sort(BY_TIME);
        n = rows.size();
        Map<String, Integer> group = new HashMap<>();
        Set<String> inTraining = new HashSet<>();
        List<Lead> trainingLeads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Lead lead = rows.get(i).lead;
            group.putIfAbsent(lead.leadId(), group.size());
            if (i < cut && inTraining.add(lead.leadId())) {
                trainingLeads.add(lead);
            }
        }
        FeatureSpace space = FeatureSpace.learn(trainingLeads, config.features());
        FeatureExtractor extractor = space.extractor();
        FeatureSettings settings = space.settings();
        EngagementState reader = settings.newState(asOf);
        int width = space.schema().size();
        // column by column, each window apart: the layout the trainer hands to Smile without a copy
        double[][] trainColumns = new double[width][cut];
        double[][] validationColumns = new double[width][n - cut];
        double[] x = new double[width];
        int[] y = new int[n];
        String[] ids = new String[n];
        long[] created = new long[n];
        long[] snapshots = new long[n];
        int[] groups = new int[n];
        int converted = 0;
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            reader.readFrom(row.state);
            extractor.extractInto(row.lead, reader, row.snapshotMillis, x);
            double[][] columns = i < cut ? trainColumns : validationColumns;
            int at = i < cut ? i : i - cut;
            for (int j = 0; j < width; j++) {
                columns[j][at] = x[j];
            }
            y[i] = row.converted ? 1 : 0;
            converted += y[i];
            ids[i] = row.lead.leadId();
            created[i] = row.lead.createdAt().toEpochMilli();
            snapshots[i] = row.snapshotMillis;
            groups[i] = group.get(ids[i]);
            rows.set(i, null);
        }
        rows.clear();
        OutOfTimeSplit split = new OutOfTimeSplit(cut, n - cut, Instant.ofEpochMilli(snapshots[0]),
                Instant.ofEpochMilli(snapshots[cut - 1]), Instant.ofEpochMilli(snapshots[cut]),
                Instant.ofEpochMilli(snapshots[n - 1]));
        TrainingSet.Counts counts = new TrainingSet.Counts(histories, notYetCreated, censoredLeads, converted, n - converted,
                group.size(), censoredSnapshots, sampledOut);
        return new TrainingSet(config, asOf, space, trainColumns, validationColumns, y, ids, created, snapshots, groups, split, counts);
    }

    /**
     * The first validation row: the first snapshot at or after {@link TrainingSetConfig#holdoutFrom()} when it is
     * set, else the most recent {@code validationFraction} of the snapshots (at least one), moved earlier while it
     * would separate snapshots taken at the same instant.
     */
    private int splitIndex(int n) {
        if (config.holdoutFrom() != null) {
            long from = config.holdoutFrom().toEpochMilli();
            int cut = 0;
            while (cut < n && rows.get(cut).snapshotMillis < from) {
                cut++;
            }
            if (cut == 0 || cut == n) {
                throw new io.leadscore.scoring.training.NotEnoughOutcomesException("No out-of-time split at " + config.holdoutFrom() + ": the " + n
                        + " snapshots were taken from " + Instant.ofEpochMilli(rows.get(0).snapshotMillis) + " to "
                        + Instant.ofEpochMilli(rows.get(n - 1).snapshotMillis) + ", and the holdout must leave"
                        + " snapshots on both sides");
            }
            return cut;
        }
        int validation = Math.max(1, (int) Math.round(n * config.validationFraction()));
        int cut = Math.max(1, n - validation);
        while (cut > 0 && rows.get(cut - 1).snapshotMillis == rows.get(cut).snapshotMillis) {
            cut--;
        }
        if (cut == 0) {
            throw new io.leadscore.scoring.training.NotEnoughOutcomesException("No out-of-time split possible: the " + (n - validation)
                    + " oldest snapshots were all taken at " + Instant.ofEpochMilli(rows.get(0).snapshotMillis)
                    + ", together with the first validation snapshot");
        }
        return cut;
    }
}

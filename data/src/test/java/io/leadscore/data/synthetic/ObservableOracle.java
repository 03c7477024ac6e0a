package io.leadscore.data.synthetic;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.EngagementState;
import io.leadscore.scoring.features.FeatureConfig;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSpace;
import io.leadscore.scoring.labels.LabelRule;
import io.leadscore.scoring.labels.LeadHistory;
import io.leadscore.scoring.labels.TrainingSet;
import io.leadscore.scoring.policy.Policy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.regression.GradientTreeBoost;

/**
 * The best ranking the past allows: P(a won deal within H of the snapshot | what is observable at the snapshot).
 *
 * <p>{@code p_by_age} is the truth given everything the generator had drawn before the snapshot, latent traits
 * (intent, revival, each window's strength) included, which no model can see. What the past allows is its
 * expectation over those latent draws given the observable history O<sub>t</sub> — the lead's fields and its
 * activity before t: E[label | O<sub>t</sub>] = E[{@code p_by_age} | O<sub>t</sub>] (the tower rule, since the
 * label is a draw with chance {@code p_by_age} given the latent state). That conditional expectation is the
 * least-squares regression of {@code p_by_age} on O<sub>t</sub>, and it is estimated here by the generator's own
 * Monte Carlo: on the snapshots of the training window (the latent state drawn by the generator, p known exactly),
 * gradient-boosted regression trees (least squares, 150 trees of depth 6, shrinkage 0.1, on at most 30,000 of
 * them) fit {@code p_by_age} on a summary of O<sub>t</sub> richer than the product's features — the product's vector
 * beside the exact count of every activity type over the last 30, 91, 182 and 365 days and over the lead's life,
 * recency, active days over 64 days, and a slow (91-day half-life) decayed count per type. Regressing the latent
 * truth rather than the 0/1 outcome removes the outcome's noise (a Rao–Blackwell estimate), so the oracle learns
 * from the same leads far more than any model of the outcome can.
 */
final class ObservableOracle {
    private static final int TREES = 150;
    private static final int MAX_ROWS = 30_000;
    private static final int[] BINS_DAYS = {30, 91, 182, 365};
    private static final String TARGET = "p";

    private final FeatureExtractor summary;
    private final Map<String, LeadHistory> byId = new HashMap<>();
    private final GradientTreeBoost regression;
    private final int width;
    /** The columns of the summary the regression reads ({@link #informativeColumns}). */
    private final int[] columns;

    /** Whether the regression reads the product's feature vector alone, without the oracle's richer summary. */
    private final boolean productFeaturesOnly;

    /**
     * Fits the oracle on the training rows of {@code set}.
     *
     * @param truth the generator's truth of row i of the set (its {@code p_by_age} at the row's age)
     */
    ObservableOracle(TrainingSet set, List<LeadHistory> histories, Instant until, double[] truth) {
        this(set, histories, until, truth, false);
    }

    /**
     * The same regression on the product's feature vector alone: how much of what the oracle sees the features carry.
     * When it ranks as well as the oracle, what the model misses is not in the features but in what it learns from
     * outcomes alone.
     */
    static ObservableOracle ofProductFeatures(TrainingSet set, List<LeadHistory> histories, Instant until, double[] truth) {
        return new ObservableOracle(set, histories, until, truth, true);
    }

    private ObservableOracle(TrainingSet set, List<LeadHistory> histories, Instant until, double[] truth,
            boolean productFeaturesOnly) {
        this.productFeaturesOnly = productFeaturesOnly;
        histories.forEach(h -> byId.put(h.lead().leadId(), h));
        List<Lead> leads = new ArrayList<>();
        histories.forEach(h -> leads.add(h.lead()));
        EnumSet<ActivityType> all = EnumSet.allOf(ActivityType.class);
        summary = FeatureSpace.learn(leads, FeatureConfig.builder().policy(Policy.defaults()).halfLifeDays(91)
                .activeDaysWindow(64).maxLevels(1).minLevelCount(Integer.MAX_VALUE)
                .windowedTypes(List.of()).signalTypes(List.of()).totalTypes(all)
                .excludedFields(List.of("sales_verdict", "employees", "annual_revenue", "website_score")).build())
                .extractor();
        width = productFeaturesOnly ? set.schema().size()
                : set.schema().size() + BINS_DAYS.length * all.size() + summary.schema().size();
        int train = set.split().trainRows();
        int[] rows = sample(train, MAX_ROWS);
        double[][] x = new double[rows.length][];
        double[] y = new double[rows.length];
        EngagementState state = summary.newState(until);
        Snapshots snapshots = new Snapshots(set);
        for (int i = 0; i < rows.length; i++) {
            x[i] = row(set, snapshots, rows[i], state);
            y[i] = truth[rows[i]];
        }
        columns = informativeColumns(x);
        DataFrame data = DataFrame.of(project(x), names()).merge(DoubleVector.of(TARGET, y));
        regression = GradientTreeBoost.fit(Formula.lhs(TARGET), data, Loss.ls(), TREES, 6, 32, 20, 0.1, 0.5);
    }

    /** The oracle's probability for rows {@code from} … of the set (the holdout). */
    double[] predict(TrainingSet set, int from) {
        double[] p = new double[set.rows() - from];
        EngagementState state = summary.newState(set.asOf());
        double[][] x = new double[p.length][];
        Snapshots snapshots = new Snapshots(set);
        for (int i = 0; i < p.length; i++) {
            x[i] = row(set, snapshots, from + i, state);
        }
        DataFrame data = DataFrame.of(project(x), names());
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.max(0, regression.predict(data.get(i)));
        }
        return p;
    }

    /** The set's lead of each row and its snapshot time, taken once: the set's accessors copy every row's. */
    private record Snapshots(List<String> leadIds, List<Instant> at) {
        Snapshots(TrainingSet set) {
            this(set.leadIds(), set.snapshotAt());
        }
    }

    private double[] row(TrainingSet set, Snapshots snapshots, int index, EngagementState state) {
        LeadHistory h = byId.get(snapshots.leadIds().get(index));
        Instant t = snapshots.at().get(index);
        double[] product = set.row(index);
        double[] out = new double[width];
        System.arraycopy(product, 0, out, 0, product.length);
        if (productFeaturesOnly) {
            return out;
        }
        int at = product.length;
        long tm = t.toEpochMilli();
        int types = ActivityType.values().length;
        for (var a : h.activities()) {
            long ago = tm - a.occurredAt().toEpochMilli();
            if (ago <= 0) {
                continue;
            }
            int type = a.type().ordinal();
            double days = ago / (double) 86_400_000.0;
            for (int b = 0; b < BINS_DAYS.length; b++) {
                if (days <= BINS_DAYS[b]) {
                    out[at + b * types + type]++;
                }
            }
        }
        at += BINS_DAYS.length * types;
        LabelRule.fillState(state, h.activities(), t);
        double[] rich = summary.extract(h.lead(), state, t);
        System.arraycopy(rich, 0, out, at, rich.length);
        return out;
    }

    /**
     * The columns that can split the fitting sample: neither constant nor a copy of an earlier column (the product's
     * windowed counts and the oracle's own bins overlap). A tree never splits on a constant column and, between equal
     * columns, always on the first, so leaving them out changes no tree, only the time each split search takes.
     */
    private int[] informativeColumns(double[][] x) {
        Map<Integer, List<double[]>> byHash = new HashMap<>();
        List<Integer> indices = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            double[] column = new double[x.length];
            boolean constant = true;
            for (int i = 0; i < x.length; i++) {
                column[i] = x[i][c];
                constant &= column[i] == column[0];
            }
            List<double[]> same = byHash.computeIfAbsent(Arrays.hashCode(column), h -> new ArrayList<>());
            if (constant || same.stream().anyMatch(other -> Arrays.equals(other, column))) {
                continue;
            }
            same.add(column);
            indices.add(c);
        }
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    private double[][] project(double[][] x) {
        double[][] out = new double[x.length][columns.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < columns.length; j++) {
                out[i][j] = x[i][columns[j]];
            }
        }
        return out;
    }

    private String[] names() {
        String[] names = new String[columns.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "o" + columns[i];
        }
        return names;
    }

    private static int[] sample(int n, int max) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        return Arrays.copyOf(all, max);
    }
}

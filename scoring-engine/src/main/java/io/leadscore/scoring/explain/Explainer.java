package io.leadscore.scoring.explain;

import io.leadscore.scoring.features.FeatureDefinition;
import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.features.ReasonPhraser;
import io.leadscore.scoring.scoring.CompiledModel;
import io.leadscore.scoring.scoring.LinearModel;
import io.leadscore.scoring.scoring.TreeEnsemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explains a compiled model's raw score lead by lead.
 *
 * <ul>
 *   <li>Trees: exact path-dependent TreeSHAP (Lundberg et al. 2018) over the node covers, with the weights of
 *       every leaf precomputed once per model ({@link LeafShap}; {@link TreeShap}, the paper's Algorithm 2,
 *       for trees too deep for it); the expected value is the cover-weighted mean of the ensemble's output.</li>
 *   <li>Logistic regression: {@code w_j (x_j − mean_j) / scale_j}, the exact Shapley values of a linear model
 *       with independent features; the expected value is the intercept, the raw score at the mean lead.</li>
 * </ul>
 * The contributions add up to {@code raw score − expected value} up to floating-point rounding (far below 1e-9).
 * Reasons sum the contributions of features that share a {@link FeatureDefinition#source()} (the one-hot
 * levels and missing indicator of a field count as one reason) and keep the three largest each way.
 *
 * <p>Immutable and thread-safe.
 */
public final class Explainer {

    /** Reasons shown each way. */
    public static final int REASONS_EACH_WAY = 3;

    private final CompiledModel model;
    private final FeatureSchema schema;
    private final double expectedValue;
    /** The precomputed TreeSHAP of a tree ensemble; null for a linear model or trees deeper than it handles. */
    private final LeafShap leafShap;
    /** Per feature, the index of its source in {@link #sources} (sources in order of first appearance). */
    private final int[] sourceOf;
    private final String[] sources;

    public Explainer(CompiledModel model, FeatureSchema schema) {
        this.model = Objects.requireNonNull(model, "model");
        this.schema = Objects.requireNonNull(schema, "schema");
        if (model.featureCount() != schema.size()) {
            throw new IllegalArgumentException(String.format("The model reads %d features, the schema has %d",
                    model.featureCount(), schema.size()));
        }
        if (model instanceof TreeEnsemble trees) {
            expectedValue = trees.scale() * (trees.base() + TreeShap.expectedLeafSum(trees));
            leafShap = trees.maxDepth() <= LeafShap.MAX_DEPTH ? new LeafShap(trees) : null;
        } else {
            expectedValue = ((LinearModel) model).intercept();
            leafShap = null;
        }
        sourceOf = new int[schema.size()];
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int j = 0; j < schema.size(); j++) {
            sourceOf[j] = index.computeIfAbsent(schema.get(j).source(), s -> index.size());
        }
        sources = index.keySet().toArray(new String[0]);
    }

    /** The raw score of the average lead. */
    public double expectedValue() {
        return expectedValue;
    }

    /**
     * Writes each feature's contribution to {@code out} (overwriting it).
     *
     * @param x   the lead's feature vector
     * @param out at least {@code schema.size()} long
     */
    public void contributions(double[] x, double[] out) {
        schema.checkVector(x);
        if (out.length < x.length) {
            throw new IllegalArgumentException("Invalid output size: " + out.length + ", expected at least " + x.length);
        }
        if (model instanceof TreeEnsemble trees) {
            Arrays.fill(out, 0, x.length, 0.0);
            if (leafShap != null) {
                leafShap.accumulate(x, out);
            } else {
                new TreeShap(trees).accumulate(x, out);
            }
            double scale = trees.scale();
            for (int j = 0; j < x.length; j++) {
                out[j] *= scale;
            }
        } else {
            LinearModel linear = (LinearModel) model;
            for (int j = 0; j < x.length; j++) {
                out[j] = linear.standardised(j, x[j]) * linear.weight(j);
            }
        }
    }

    /**
     * @param x       the lead's feature vector
     * @param phraser puts each source of a reason into words
     */
    public Explanation explain(double[] x, ReasonPhraser phraser) {
        Objects.requireNonNull(phraser, "phraser");
        double[] phi = new double[schema.size()];
        contributions(x, phi);
        double fit = 0;
        double engagement = 0;
        int n = sources.length;
        double[] bySource = new double[n];
        double[] strongestInSource = new double[n];
        FeatureGroup[] groupOfSource = new FeatureGroup[n];
        for (int j = 0; j < phi.length; j++) {
            FeatureDefinition f = schema.get(j);
            if (f.group() == FeatureGroup.FIT) {
                fit += phi[j];
            } else {
                engagement += phi[j];
            }
            int s = sourceOf[j];
            bySource[s] += phi[j];
            double strength = Math.abs(phi[j]);
            // The group of a source is that of its strongest feature, the first of equals.
            if (groupOfSource[s] == null || strength > strongestInSource[s]) {
                strongestInSource[s] = strength;
                groupOfSource[s] = f.group();
            }
        }
        List<Integer> raising = new ArrayList<>();
        List<Integer> lowering = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (bySource[s] > 0) {
                raising.add(s);
            } else if (bySource[s] < 0) {
                lowering.add(s);
            }
        }
        Comparator<Integer> byStrength = Comparator.<Integer>comparingDouble(s -> -Math.abs(bySource[s]))
                .thenComparing(s -> sources[s]);
        raising.sort(byStrength);
        lowering.sort(byStrength);
        return new Explanation(schema, model.rawScore(x), expectedValue, phi, fit, engagement,
                reasons(raising, bySource, groupOfSource, phraser, x), reasons(lowering, bySource, groupOfSource, phraser, x));
    }

    private List<Reason> reasons(List<Integer> ranked, double[] bySource, FeatureGroup[] groups,
                                 ReasonPhraser phraser, double[] x) {
        List<Reason> reasons = new ArrayList<>(REASONS_EACH_WAY);
        for (int k = 0; k < Math.min(REASONS_EACH_WAY, ranked.size()); k++) {
            int s = ranked.get(k);
            reasons.add(new Reason(sources[s], groups[s], bySource[s], phraser.phrase(sources[s], schema, x.clone())));
        }
        return reasons;
    }
}

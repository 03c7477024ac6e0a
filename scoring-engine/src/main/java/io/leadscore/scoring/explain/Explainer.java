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
 *   <li>Trees: exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2) over the node covers; the
 *       expected value is the cover-weighted mean of the ensemble's output.</li>
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

    public Explainer(CompiledModel model, FeatureSchema schema) {
        this.model = Objects.requireNonNull(model, "model");
        this.schema = Objects.requireNonNull(schema, "schema");
        if (model.featureCount() != schema.size()) {
            throw new IllegalArgumentException(String.format("The model reads %d features, the schema has %d",
                    model.featureCount(), schema.size()));
        }
        if (model instanceof TreeEnsemble trees) {
            expectedValue = trees.scale() * (trees.base() + TreeShap.expectedLeafSum(trees));
        } else {
            expectedValue = ((LinearModel) model).intercept();
        }
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
            new TreeShap(trees).accumulate(x, out);
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
        Map<String, double[]> bySource = new LinkedHashMap<>();
        Map<String, FeatureGroup> groupOfSource = new LinkedHashMap<>();
        Map<String, Double> strongestInSource = new LinkedHashMap<>();
        for (int j = 0; j < phi.length; j++) {
            FeatureDefinition f = schema.get(j);
            if (f.group() == FeatureGroup.FIT) {
                fit += phi[j];
            } else {
                engagement += phi[j];
            }
            bySource.computeIfAbsent(f.source(), s -> new double[1])[0] += phi[j];
            double strength = Math.abs(phi[j]);
            Double strongest = strongestInSource.get(f.source());
            if (strongest == null || strength > strongest) {
                strongestInSource.put(f.source(), strength);
                groupOfSource.put(f.source(), f.group());
            }
        }
        List<Map.Entry<String, double[]>> raising = new ArrayList<>();
        List<Map.Entry<String, double[]>> lowering = new ArrayList<>();
        for (Map.Entry<String, double[]> e : bySource.entrySet()) {
            double c = e.getValue()[0];
            if (c > 0) {
                raising.add(e);
            } else if (c < 0) {
                lowering.add(e);
            }
        }
        Comparator<Map.Entry<String, double[]>> byStrength =
                Comparator.<Map.Entry<String, double[]>>comparingDouble(e -> -Math.abs(e.getValue()[0]))
                        .thenComparing(Map.Entry::getKey);
        raising.sort(byStrength);
        lowering.sort(byStrength);
        return new Explanation(schema, model.rawScore(x), expectedValue, phi, fit, engagement,
                reasons(raising, groupOfSource, phraser, x), reasons(lowering, groupOfSource, phraser, x));
    }

    private List<Reason> reasons(List<Map.Entry<String, double[]>> ranked, Map<String, FeatureGroup> groups,
                                 ReasonPhraser phraser, double[] x) {
        List<Reason> reasons = new ArrayList<>(REASONS_EACH_WAY);
        for (int k = 0; k < Math.min(REASONS_EACH_WAY, ranked.size()); k++) {
            String source = ranked.get(k).getKey();
            reasons.add(new Reason(source, groups.get(source), ranked.get(k).getValue()[0],
                    phraser.phrase(source, schema, x.clone())));
        }
        return reasons;
    }
}

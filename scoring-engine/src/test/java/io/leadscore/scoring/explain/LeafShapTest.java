package io.leadscore.scoring.explain;

import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.training.TrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The precomputed TreeSHAP against Lundberg et al.'s Algorithm 2 ({@link TreeShap}) and against Shapley values by
 * their definition, on random trees built to reach every case: features split on again along a path (both ways),
 * leads on a threshold and NaN, trees of a lone leaf, paths too wide for a table.
 */
class LeafShapTest {

    @Test
    void equalsBruteForceShapleyValuesOnRandomSmallEnsembles() {
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            int features = 1 + random.nextInt(7);
            TreeEnsemble trees = randomEnsemble(random, features, 1 + random.nextInt(4), 1 + random.nextInt(5));
            for (int i = 0; i < 5; i++) {
                double[] x = randomLead(random, features);

                double[] phi = leafShap(trees, x);

                assertThat(phi).as("round %d, lead %s", round, Arrays.toString(x))
                        .containsExactly(BruteForceShapley.values(trees, x), within(1e-12));
            }
        }
    }

    @Test
    void equalsAlgorithmTwoOnRandomDeepEnsembles() {
        Random random = new Random(2);
        int tabled = 0;
        int computed = 0;
        for (int round = 0; round < 60; round++) {
            int features = 2 + random.nextInt(20);
            TreeEnsemble trees = randomEnsemble(random, features, 1 + random.nextInt(20), 2 + random.nextInt(13));
            LeafShap shap = new LeafShap(trees);
            tabled += shap.tableSize() > 0 ? 1 : 0;
            computed += widestPath(trees) > LeafShap.MAX_TABLE_FEATURES ? 1 : 0;
            for (int i = 0; i < 20; i++) {
                double[] x = randomLead(random, features);
                double[] expected = new double[features];
                new TreeShap(trees).accumulate(x, expected);
                double[] phi = new double[features];

                shap.accumulate(x, phi);

                assertThat(phi).as("round %d, lead %s", round, Arrays.toString(x))
                        .containsExactly(expected, within(1e-12));
            }
        }
        // Both ways of weighting a leaf were taken.
        assertThat(tabled).isGreaterThan(10);
        assertThat(computed).isGreaterThan(5);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"GRADIENT_BOOSTING", "RANDOM_FOREST"})
    void givesTrainedModelsTheContributionsAndReasonsOfAlgorithmTwo(Algorithm algorithm) {
        TreeEnsemble trees = (TreeEnsemble) TrainedModels.result(algorithm).model();
        FeatureSchema schema = TrainedModels.validation().schema();
        Explainer explainer = new Explainer(trees, schema);
        double[] phi = new double[schema.size()];

        for (double[] x : TrainedModels.validation().x()) {
            double[] expected = new double[schema.size()];
            new TreeShap(trees).accumulate(x, expected);
            for (int j = 0; j < expected.length; j++) {
                expected[j] *= trees.scale();
            }
            explainer.contributions(x, phi);
            assertThat(phi).containsExactly(expected, within(1e-12));

            Explanation e = explainer.explain(x, ExplainerTest.PHRASER);
            List<Map.Entry<String, Double>> up = new ArrayList<>();
            List<Map.Entry<String, Double>> down = new ArrayList<>();
            ranked(schema, expected, up, down);
            assertReasons(e.raising(), up);
            assertReasons(e.lowering(), down);
        }
    }

    @Test
    void takesTheGroupOfASourceFromItsStrongestFeature() {
        TreeEnsemble trees = (TreeEnsemble) TrainedModels.result(Algorithm.GRADIENT_BOOSTING).model();
        FeatureSchema schema = TrainedModels.validation().schema();
        Explainer explainer = new Explainer(trees, schema);
        double[] x = TrainedModels.validation().x()[3];

        Explanation e = explainer.explain(x, ExplainerTest.PHRASER);

        double[] phi = e.contributions();
        for (Reason r : e.raising()) {
            int strongest = -1;
            for (int j = 0; j < schema.size(); j++) {
                if (schema.get(j).source().equals(r.source())
                        && (strongest < 0 || Math.abs(phi[j]) > Math.abs(phi[strongest]))) {
                    strongest = j;
                }
            }
            FeatureGroup group = schema.get(strongest).group();
            assertThat(r.group()).isEqualTo(group);
        }
    }

    private static void assertReasons(List<Reason> reasons, List<Map.Entry<String, Double>> expected) {
        assertThat(reasons).hasSize(Math.min(Explainer.REASONS_EACH_WAY, expected.size()));
        for (int k = 0; k < reasons.size(); k++) {
            assertThat(reasons.get(k).source()).isEqualTo(expected.get(k).getKey());
            assertThat(reasons.get(k).contribution()).isCloseTo(expected.get(k).getValue(), within(1e-12));
        }
    }

    /** The reasons as defined: contributions summed by source, strongest first, then by name. */
    private static void ranked(FeatureSchema schema, double[] phi, List<Map.Entry<String, Double>> up,
                               List<Map.Entry<String, Double>> down) {
        Map<String, Double> bySource = new LinkedHashMap<>();
        for (int j = 0; j < phi.length; j++) {
            bySource.merge(schema.get(j).source(), phi[j], Double::sum);
        }
        for (Map.Entry<String, Double> e : bySource.entrySet()) {
            if (e.getValue() > 0) {
                up.add(e);
            } else if (e.getValue() < 0) {
                down.add(e);
            }
        }
        Comparator<Map.Entry<String, Double>> order = Comparator.<Map.Entry<String, Double>>comparingDouble(
                e -> -Math.abs(e.getValue())).thenComparing(Map.Entry::getKey);
        up.sort(order);
        down.sort(order);
    }

    private static double[] leafShap(TreeEnsemble trees, double[] x) {
        double[] phi = new double[x.length];
        new LeafShap(trees).accumulate(x, phi);
        for (int j = 0; j < phi.length; j++) {
            phi[j] *= trees.scale();
        }
        return phi;
    }

    /** Values on a small grid, so leads often sit exactly on a threshold; one in ten features missing. */
    static double[] randomLead(Random random, int features) {
        double[] x = new double[features];
        for (int j = 0; j < features; j++) {
            x[j] = random.nextInt(10) == 0 ? Double.NaN : random.nextInt(9) * 0.5;
        }
        return x;
    }

    /** Trees with thresholds on the same grid as the leads, uneven covers, and some lone leaves. */
    static TreeEnsemble randomEnsemble(Random random, int features, int treeCount, int maxDepth) {
        List<int[]> nodes = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> covers = new ArrayList<>();
        for (int t = 0; t < treeCount; t++) {
            int root = nodes.size();
            starts.add(root);
            nodes.add(new int[]{0, root});
            thresholds.add(Double.NaN);
            values.add(0.0);
            covers.add(0.0);
            int depth = grow(random, root, 0, maxDepth, features, nodes, thresholds, values, covers);
            depths.add(depth);
        }
        int n = nodes.size();
        int[] feature = new int[n];
        int[] child = new int[n];
        double[] threshold = new double[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        for (int i = 0; i < n; i++) {
            feature[i] = nodes.get(i)[0];
            child[i] = nodes.get(i)[1];
            threshold[i] = thresholds.get(i);
            value[i] = values.get(i);
            cover[i] = covers.get(i);
        }
        return new TreeEnsemble(random.nextBoolean() ? Algorithm.GRADIENT_BOOSTING : Algorithm.RANDOM_FOREST, features,
                random.nextGaussian() * 0.1, starts.stream().mapToInt(Integer::intValue).toArray(),
                depths.stream().mapToInt(Integer::intValue).toArray(), feature, threshold, child, value, cover);
    }

    /** Makes node {@code i} a leaf or a split with two new children; returns the depth below it; sets its cover. */
    private static int grow(Random random, int i, int level, int maxDepth, int features, List<int[]> nodes,
                            List<Double> thresholds, List<Double> values, List<Double> covers) {
        boolean leaf = level == maxDepth || (level > 0 && random.nextInt(5) == 0) || (level == 0 && random.nextInt(15) == 0);
        if (leaf) {
            nodes.set(i, new int[]{0, i});
            thresholds.set(i, Double.NaN);
            values.set(i, random.nextGaussian());
            covers.set(i, 1.0 + random.nextInt(200));
            return 0;
        }
        int c = nodes.size();
        for (int k = 0; k < 2; k++) {
            nodes.add(new int[]{0, c + k});
            thresholds.add(Double.NaN);
            values.add(0.0);
            covers.add(0.0);
        }
        nodes.set(i, new int[]{random.nextInt(features), c});
        thresholds.set(i, random.nextInt(8) * 0.5 + (random.nextBoolean() ? 0 : 0.25));
        int below = Math.max(grow(random, c, level + 1, maxDepth, features, nodes, thresholds, values, covers),
                grow(random, c + 1, level + 1, maxDepth, features, nodes, thresholds, values, covers));
        covers.set(i, covers.get(c) + covers.get(c + 1));
        return below + 1;
    }

    private static int widestPath(TreeEnsemble trees) {
        int widest = 0;
        for (int t = 0; t < trees.treeCount(); t++) {
            widest = Math.max(widest, widest(trees, trees.treeStart(t), new ArrayList<>()));
        }
        return widest;
    }

    private static int widest(TreeEnsemble trees, int node, List<Integer> path) {
        if (trees.isLeaf(node)) {
            return (int) path.stream().distinct().count();
        }
        path.add(trees.feature(node));
        int w = Math.max(widest(trees, trees.child(node), path), widest(trees, trees.child(node) + 1, path));
        path.remove(path.size() - 1);
        return w;
    }
}

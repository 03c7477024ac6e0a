package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.LinearModel;
import io.leadscore.scoring.scoring.TreeEnsemble;
import smile.base.cart.DecisionNode;
import smile.base.cart.InternalNode;
import smile.base.cart.LeafNode;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.classification.DecisionTree;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.regression.RegressionTree;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Flattens Smile models into {@link TreeEnsemble} and {@link LinearModel} arrays (layout described there).
 */
final class SmileCompiler {

    /**
     * Smile 3.1.1 keeps an ordinal split's threshold in the package-private field {@code OrdinalNode.value}
     * and offers no getter; reading it reflectively is the only way to copy a trained tree without
     * re-deriving it. Used at training time only.
     */
    private static final Field ORDINAL_VALUE;

    static {
        try {
            ORDINAL_VALUE = OrdinalNode.class.getDeclaredField("value");
            ORDINAL_VALUE.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("Cannot read split thresholds of Smile's OrdinalNode: " + e);
        }
    }

    private SmileCompiler() {
    }

    /**
     * @param trees     Smile's boosted regression trees, in order
     * @param b         Smile's intercept (half the prior log-odds)
     * @param shrinkage the learning rate each leaf output is multiplied by
     */
    static TreeEnsemble boosting(RegressionTree[] trees, double b, double shrinkage, int featureCount) {
        Flattened flat = new Flattened();
        for (RegressionTree tree : trees) {
            // Smile adds shrinkage * output per tree; storing the product gives the same double.
            flat.add(tree.root(), leaf -> shrinkage * ((RegressionNode) leaf).output());
        }
        return flat.build(Algorithm.GRADIENT_BOOSTING, featureCount, b);
    }

    /**
     * Smile's forest probability is {@code Σ w_t p_t / Σ w_t (p_t + q_t)} with {@code w_t} the tree's weight
     * (its out-of-bag accuracy) and {@code p_t, q_t} the leaf's Laplace-smoothed posteriors of conversion and
     * non-conversion, which sum to one; so each leaf here holds {@code (w_t / Σ w) · p_t}.
     */
    static TreeEnsemble forest(RandomForest forest, int featureCount) {
        RandomForest.Model[] models = forest.models();
        double total = 0;
        for (RandomForest.Model model : models) {
            total += model.weight;
        }
        Flattened flat = new Flattened();
        for (RandomForest.Model model : models) {
            DecisionTree tree = model.tree;
            double share = model.weight / total;
            flat.add(tree.root(), leaf -> share * ((DecisionNode) leaf).posteriori(new double[2])[1]);
        }
        return flat.build(Algorithm.RANDOM_FOREST, featureCount, 0.0);
    }

    /** Smile's coefficients are {@code w[0..p-1]} for the standardised features and the intercept at {@code w[p]}. */
    static LinearModel logistic(LogisticRegression.Binomial model, double[] means, double[] scales) {
        double[] w = model.coefficients();
        int p = w.length - 1;
        return new LinearModel(means, scales, Arrays.copyOf(w, p), w[p]);
    }

    private static final class Flattened {
        private final List<Integer> starts = new ArrayList<>();
        private final List<Integer> depths = new ArrayList<>();
        private int[] feature = new int[1024];
        private double[] threshold = new double[1024];
        private int[] child = new int[1024];
        private double[] value = new double[1024];
        private double[] cover = new double[1024];
        private int size;

        void add(Node root, ToDoubleFunction<LeafNode> leafValue) {
            int start = size;
            starts.add(start);
            // Breadth first, each internal node's two children in adjacent slots: greater-than (false) first.
            ArrayDeque<Node> queue = new ArrayDeque<>();
            ArrayDeque<Integer> slots = new ArrayDeque<>();
            ArrayDeque<Integer> levels = new ArrayDeque<>();
            int next = allocate(1);
            queue.add(root);
            slots.add(next);
            levels.add(0);
            int depth = 0;
            while (!queue.isEmpty()) {
                Node node = queue.poll();
                int slot = slots.poll();
                int level = levels.poll();
                depth = Math.max(depth, level);
                cover[slot] = node.size();
                if (node instanceof OrdinalNode split) {
                    int c = allocate(2);
                    feature[slot] = split.feature();
                    threshold[slot] = thresholdOf(split);
                    child[slot] = c;
                    queue.add(split.falseChild());
                    slots.add(c);
                    levels.add(level + 1);
                    queue.add(split.trueChild());
                    slots.add(c + 1);
                    levels.add(level + 1);
                } else if (node instanceof LeafNode leaf) {
                    feature[slot] = 0;
                    threshold[slot] = Double.NaN;
                    child[slot] = slot;
                    value[slot] = leafValue.applyAsDouble(leaf);
                } else if (node instanceof InternalNode) {
                    throw new IllegalStateException("Unsupported split " + node.getClass().getSimpleName()
                            + ": features are numeric, so only ordinal splits are expected");
                } else {
                    throw new IllegalStateException("Unsupported tree node " + node.getClass().getName());
                }
            }
            depths.add(depth);
        }

        private int allocate(int count) {
            int first = size;
            size += count;
            if (size > feature.length) {
                int capacity = Math.max(size, feature.length * 2);
                feature = Arrays.copyOf(feature, capacity);
                threshold = Arrays.copyOf(threshold, capacity);
                child = Arrays.copyOf(child, capacity);
                value = Arrays.copyOf(value, capacity);
                cover = Arrays.copyOf(cover, capacity);
            }
            return first;
        }

        TreeEnsemble build(Algorithm algorithm, int featureCount, double base) {
            return new TreeEnsemble(algorithm, featureCount, base,
                    starts.stream().mapToInt(Integer::intValue).toArray(),
                    depths.stream().mapToInt(Integer::intValue).toArray(),
                    Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size), Arrays.copyOf(child, size),
                    Arrays.copyOf(value, size), Arrays.copyOf(cover, size));
        }
    }

    private static double thresholdOf(OrdinalNode node) {
        try {
            return ORDINAL_VALUE.getDouble(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the split threshold of a Smile tree", e);
        }
    }
}

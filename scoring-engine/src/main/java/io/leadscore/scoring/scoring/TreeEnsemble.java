package io.leadscore.scoring.scoring;

import java.util.Arrays;

/**
 * Gradient-boosted or random-forest trees compiled into flat, concatenated node arrays.
 *
 * <h2>Layout</h2>
 * Node {@code i} of any tree has a {@code feature[i]}, a {@code threshold[i]} and a {@code child[i]}. An
 * internal node sends {@code x[feature] <= threshold} to {@code child + 1} and everything else (greater, or
 * NaN) to {@code child}, the same routing as Smile's {@code OrdinalNode}. The two children are adjacent, so a
 * step is {@code i = child[i] + (x[feature[i]] <= threshold[i] ? 1 : 0)}: no unpredictable branch. A leaf
 * has a NaN threshold (every comparison is false) and {@code child[i] == i}, so it routes to itself; every
 * walk therefore takes exactly {@code depth[t]} steps and reads {@code value[i]} at the end, with no test for
 * "is this a leaf" inside the loop. Trees lie one after the other; tree {@code t} starts at {@code start[t]}
 * (its root) and ends where tree {@code t + 1} starts.
 *
 * <h2>Output</h2>
 * The raw score is {@code scale * (base + Σ_t value[leaf_t])}, summed in tree order. For gradient boosting,
 * {@code base} is Smile's intercept b, leaf values are Smile's leaf outputs times the shrinkage, and
 * {@code scale} is 2 because Smile's binomial boosting fits half the log-odds ({@code P = 1 − 1/(1 + e^{2y})});
 * the raw score is then the log-odds. For a random forest, {@code base} is 0, each leaf value is the tree's
 * weight share times its leaf's posterior of conversion, and {@code scale} is 1: the raw score is the
 * forest's probability.
 *
 * <p>{@code cover[i]} is the number of training rows (with their bootstrap multiplicity) that reached node i;
 * explanations use it as the path-dependent distribution of TreeSHAP.
 */
public final class TreeEnsemble implements CompiledModel {

    /** Leads scored together per tree in {@link #rawScores}: enough independent walks to hide load latency, few enough to stay in L1. */
    static final int BLOCK = 64;

    private final Algorithm algorithm;
    private final int featureCount;
    private final double base;
    private final double scale;
    private final int[] start;
    private final int[] depth;
    private final int[] feature;
    private final double[] threshold;
    private final int[] child;
    private final double[] value;
    private final double[] cover;
    /** Deepest of each group of eight consecutive trees: how far {@link #rawScore} walks them together. */
    private final int[] groupDepth;

    /**
     * Arrays are copied and checked: every walk ends on a leaf within the tree's depth, every index is in
     * range, every node of a tree is reachable from its root exactly once.
     */
    public TreeEnsemble(Algorithm algorithm, int featureCount, double base, int[] start, int[] depth,
                        int[] feature, double[] threshold, int[] child, double[] value, double[] cover) {
        if (algorithm != Algorithm.GRADIENT_BOOSTING && algorithm != Algorithm.RANDOM_FOREST) {
            throw new IllegalArgumentException("Invalid algorithm for a tree ensemble: " + algorithm);
        }
        if (featureCount < 1) {
            throw new IllegalArgumentException("Invalid feature count: " + featureCount + ", expected at least 1");
        }
        if (!Double.isFinite(base)) {
            throw new IllegalArgumentException("Invalid base score: " + base + ", expected a finite number");
        }
        this.algorithm = algorithm;
        this.featureCount = featureCount;
        this.base = base;
        this.scale = algorithm == Algorithm.GRADIENT_BOOSTING ? 2.0 : 1.0;
        this.start = start.clone();
        this.depth = depth.clone();
        this.feature = feature.clone();
        this.threshold = threshold.clone();
        this.child = child.clone();
        this.value = value.clone();
        this.cover = cover.clone();
        validate();
        this.groupDepth = new int[this.start.length / 8];
        for (int g = 0; g < groupDepth.length; g++) {
            for (int t = 8 * g; t < 8 * g + 8; t++) {
                groupDepth[g] = Math.max(groupDepth[g], this.depth[t]);
            }
        }
    }

    private void validate() {
        int trees = start.length;
        int nodes = feature.length;
        if (trees < 1) {
            throw new IllegalArgumentException("Invalid tree ensemble: no trees");
        }
        if (depth.length != trees) {
            throw new IllegalArgumentException("Invalid tree ensemble: " + depth.length + " depths for " + trees + " trees");
        }
        if (threshold.length != nodes || child.length != nodes || value.length != nodes || cover.length != nodes) {
            throw new IllegalArgumentException(String.format(
                    "Invalid tree ensemble: node arrays differ in length (feature %d, threshold %d, child %d, value %d, cover %d)",
                    nodes, threshold.length, child.length, value.length, cover.length));
        }
        if (start[0] != 0) {
            throw new IllegalArgumentException("Invalid tree ensemble: first tree starts at node " + start[0] + ", expected 0");
        }
        boolean[] seen = new boolean[nodes];
        int[] stack = new int[64];
        int[] level = new int[64];
        for (int t = 0; t < trees; t++) {
            int lo = start[t];
            int hi = t + 1 < trees ? start[t + 1] : nodes;
            if (hi <= lo || hi > nodes) {
                throw new IllegalArgumentException("Invalid tree ensemble: tree " + t + " spans nodes " + lo + " to " + hi + " of " + nodes);
            }
            if (depth[t] < 0 || depth[t] > hi - lo) {
                throw new IllegalArgumentException("Invalid depth of tree " + t + ": " + depth[t]);
            }
            int top = 0;
            stack[top] = lo;
            level[top++] = 0;
            int reached = 0;
            while (top > 0) {
                int i = stack[--top];
                int d = level[top];
                if (seen[i]) {
                    throw new IllegalArgumentException("Invalid tree " + t + ": node " + i + " is reached twice");
                }
                seen[i] = true;
                reached++;
                if (!(cover[i] > 0) || Double.isInfinite(cover[i])) {
                    throw new IllegalArgumentException("Invalid cover of node " + i + ": " + cover[i] + ", expected a positive count");
                }
                if (Double.isNaN(threshold[i])) {
                    if (child[i] != i || feature[i] != 0 || !Double.isFinite(value[i])) {
                        throw new IllegalArgumentException("Invalid leaf " + i + " of tree " + t
                                + ": expected a self-loop on feature 0 with a finite value");
                    }
                } else {
                    int c = child[i];
                    if (feature[i] < 0 || feature[i] >= featureCount) {
                        throw new IllegalArgumentException("Invalid feature index at node " + i + ": " + feature[i]
                                + ", expected 0 to " + (featureCount - 1));
                    }
                    if (c <= i || c + 1 >= hi) {
                        throw new IllegalArgumentException("Invalid children of node " + i + " in tree " + t + ": " + c
                                + " and " + (c + 1) + ", expected after the node and before " + hi);
                    }
                    if (d + 1 > depth[t]) {
                        throw new IllegalArgumentException("Invalid tree " + t + ": deeper than its declared depth " + depth[t]);
                    }
                    if (top + 2 > stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                        level = Arrays.copyOf(level, level.length * 2);
                    }
                    stack[top] = c;
                    level[top++] = d + 1;
                    stack[top] = c + 1;
                    level[top++] = d + 1;
                }
            }
            if (reached != hi - lo) {
                throw new IllegalArgumentException("Invalid tree " + t + ": " + (hi - lo - reached) + " nodes are not reachable from its root");
            }
        }
    }

    @Override
    public Algorithm algorithm() {
        return algorithm;
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    /**
     * Walks eight trees at a time: one tree's walk is a chain of dependent loads, eight independent chains keep
     * the processor busy while each waits. Leaf values are still added one tree after the other, in tree order.
     */
    @Override
    public double rawScore(double[] x) {
        CompiledModel.checkVector(x, featureCount);
        final int[] feature = this.feature;
        final double[] threshold = this.threshold;
        final int[] child = this.child;
        final double[] value = this.value;
        final int trees = start.length;
        double y = base;
        int t = 0;
        for (; t + 8 <= trees; t += 8) {
            int i0 = start[t];
            int i1 = start[t + 1];
            int i2 = start[t + 2];
            int i3 = start[t + 3];
            int i4 = start[t + 4];
            int i5 = start[t + 5];
            int i6 = start[t + 6];
            int i7 = start[t + 7];
            for (int d = groupDepth[t >> 3]; d > 0; d--) {
                i0 = child[i0] + (x[feature[i0]] <= threshold[i0] ? 1 : 0);
                i1 = child[i1] + (x[feature[i1]] <= threshold[i1] ? 1 : 0);
                i2 = child[i2] + (x[feature[i2]] <= threshold[i2] ? 1 : 0);
                i3 = child[i3] + (x[feature[i3]] <= threshold[i3] ? 1 : 0);
                i4 = child[i4] + (x[feature[i4]] <= threshold[i4] ? 1 : 0);
                i5 = child[i5] + (x[feature[i5]] <= threshold[i5] ? 1 : 0);
                i6 = child[i6] + (x[feature[i6]] <= threshold[i6] ? 1 : 0);
                i7 = child[i7] + (x[feature[i7]] <= threshold[i7] ? 1 : 0);
            }
            y += value[i0];
            y += value[i1];
            y += value[i2];
            y += value[i3];
            y += value[i4];
            y += value[i5];
            y += value[i6];
            y += value[i7];
        }
        for (; t < trees; t++) {
            int i = start[t];
            for (int d = depth[t]; d > 0; d--) {
                i = child[i] + (x[feature[i]] <= threshold[i] ? 1 : 0);
            }
            y += value[i];
        }
        return scale * y;
    }

    /**
     * Scores a block of {@value #BLOCK} leads per tree, so each tree's nodes stay in cache while the whole block
     * walks it; within the block, four leads walk the tree together, their node indices in registers, so four
     * independent chains of loads are in flight. Every lead's sum is taken in the same tree order as
     * {@link #rawScore}, so the results are identical to it.
     */
    @Override
    public void rawScores(double[] rows, int n, double[] out) {
        CompiledModel.checkBatch(rows, n, out, featureCount);
        final int[] feature = this.feature;
        final double[] threshold = this.threshold;
        final int[] child = this.child;
        final double[] value = this.value;
        final int p = featureCount;
        for (int first = 0; first < n; first += BLOCK) {
            int last = Math.min(n, first + BLOCK);
            for (int j = first; j < last; j++) {
                out[j] = base;
            }
            for (int t = 0; t < start.length; t++) {
                int root = start[t];
                int steps = depth[t];
                int j = first;
                for (; j + 4 <= last; j += 4) {
                    int o0 = j * p;
                    int o1 = o0 + p;
                    int o2 = o1 + p;
                    int o3 = o2 + p;
                    int i0 = root;
                    int i1 = root;
                    int i2 = root;
                    int i3 = root;
                    for (int d = steps; d > 0; d--) {
                        i0 = child[i0] + (rows[o0 + feature[i0]] <= threshold[i0] ? 1 : 0);
                        i1 = child[i1] + (rows[o1 + feature[i1]] <= threshold[i1] ? 1 : 0);
                        i2 = child[i2] + (rows[o2 + feature[i2]] <= threshold[i2] ? 1 : 0);
                        i3 = child[i3] + (rows[o3 + feature[i3]] <= threshold[i3] ? 1 : 0);
                    }
                    out[j] += value[i0];
                    out[j + 1] += value[i1];
                    out[j + 2] += value[i2];
                    out[j + 3] += value[i3];
                }
                for (; j < last; j++) {
                    int o = j * p;
                    int i = root;
                    for (int d = steps; d > 0; d--) {
                        i = child[i] + (rows[o + feature[i]] <= threshold[i] ? 1 : 0);
                    }
                    out[j] += value[i];
                }
            }
            for (int j = first; j < last; j++) {
                out[j] *= scale;
            }
        }
    }

    @Override
    public double probabilityOfRaw(double raw) {
        if (algorithm == Algorithm.GRADIENT_BOOSTING) {
            // Smile's form: posteriori[0] = 1 / (1 + exp(2y)), posteriori[1] = 1 - posteriori[0]; raw = 2y exactly.
            return 1.0 - 1.0 / (1.0 + Math.exp(raw));
        }
        return raw;
    }

    /** Multiplier from the summed leaf values to the raw score: 2 for boosting (half log-odds), 1 for a forest. */
    public double scale() {
        return scale;
    }

    public double base() {
        return base;
    }

    public int treeCount() {
        return start.length;
    }

    public int nodeCount() {
        return feature.length;
    }

    /**
     * Decisions on the longest root-to-leaf path of any tree (a lone leaf has depth 0). Smile counts levels
     * instead, with the root at 1: a Smile tree of depth 6 has depth 5 here.
     */
    public int maxDepth() {
        int max = 0;
        for (int d : depth) {
            max = Math.max(max, d);
        }
        return max;
    }

    public int treeStart(int tree) {
        return start[tree];
    }

    public int treeDepth(int tree) {
        return depth[tree];
    }

    public boolean isLeaf(int node) {
        return Double.isNaN(threshold[node]);
    }

    public int feature(int node) {
        return feature[node];
    }

    public double threshold(int node) {
        return threshold[node];
    }

    /** The child for {@code x[feature] > threshold} (and NaN); the child for {@code <=} is one after it. */
    public int child(int node) {
        return child[node];
    }

    public double value(int node) {
        return value[node];
    }

    public double cover(int node) {
        return cover[node];
    }

    // Copies for the model file writer.
    public int[] starts() {
        return start.clone();
    }

    public int[] depths() {
        return depth.clone();
    }

    public int[] features() {
        return feature.clone();
    }

    public double[] thresholds() {
        return threshold.clone();
    }

    public int[] children() {
        return child.clone();
    }

    public double[] values() {
        return value.clone();
    }

    public double[] covers() {
        return cover.clone();
    }

    @Override
    public String toString() {
        return "TreeEnsemble[" + algorithm + ", " + start.length + " trees, " + feature.length + " nodes, "
                + featureCount + " features]";
    }
}

package io.leadscore.scoring.explain;

import io.leadscore.scoring.scoring.TreeEnsemble;

import java.util.Arrays;

/**
 * Exact path-dependent TreeSHAP — the same values as {@link TreeShap} up to floating-point rounding — with
 * everything that does not depend on the lead computed once per model, leaf by leaf.
 *
 * <h2>Why it is exact</h2>
 * A leaf of value v is reached through splits on d distinct features U. For feature j of U, its <em>zero
 * fraction</em> z_j is the product of the cover shares of the branches the path takes at the splits on j (the
 * share of the training rows that follow the path there), and its <em>one fraction</em> o_j is 1 when the lead
 * follows every split on j along the path, 0 otherwise. The leaf's part of the path-dependent value of a
 * coalition S is {@code v · Π_{j∈S} o_j · Π_{j∈U∖S} z_j}; features off the path are dummies, so its Shapley
 * value for j ∈ U is a game of d players:
 * <pre>
 * φ_j = v (o_j − z_j) Σ_{S ⊆ U∖{j}} w_d(|S|) Π_{k∈S} o_k Π_{k∈U∖S∖{j}} z_k,   w_d(s) = s! (d − s − 1)! / d!
 * </pre>
 * Only coalitions of <em>hot</em> features (o = 1) survive. With H the lead's hot features of the path,
 * C = U∖H the cold ones, and {@code G(K) = Σ_s w_d(s) [t^s] Π_{k∈K} (t + z_k)}:
 * <ul>
 *   <li>every cold j gets the same {@code −v · Π_{k∈C} z_k · G(H)};</li>
 *   <li>a hot j gets {@code v (1 − z_j) · Π_{k∈C} z_k · G(H∖{j})}.</li>
 * </ul>
 * This is what Lundberg et al.'s Algorithm 2 computes with its extend and unwind steps over the path's
 * weights; here the weights of every possible hot set are precomputed (the idea of Yang's Fast TreeSHAP v2),
 * so a lead costs one walk over each tree's nodes and O(d) per leaf.
 *
 * <h2>Layout</h2>
 * For each leaf: its value, its d path features in order of first appearance from the root, their zero
 * fractions and, when {@code 2^d} fits the budget, the table {@code v · G(K)} for every subset K of those d
 * positions (a bit mask). A node's split feature has the same position for every leaf below it, so a walk
 * from the root sets the cold bits of a leaf's mask as it goes. Leaves whose table would not fit (deep random
 * forests) compute {@code G} from their hot set at each call, O(d³) but without any division.
 *
 * <p>Immutable and thread-safe; one call allocates only its small scratch arrays.
 */
final class LeafShap {

    /** Most distinct features on a path for a leaf to get a table ({@code 2^d} doubles). */
    static final int MAX_TABLE_FEATURES = 10;
    /** Most table entries a model gets in all (8 MB); leaves past it compute their weights at each call. */
    static final int TABLE_BUDGET = 1 << 20;
    /** Paths are bit masks in a long. */
    static final int MAX_DEPTH = 62;

    private final int[] start;
    private final int[] feature;
    private final double[] threshold;
    private final int[] child;
    /** Per internal node: the position of its split feature on the path from the root (shared by the leaves below). */
    private final int[] position;
    /** Per leaf node: its index among the leaves; -1 for internal nodes. */
    private final int[] leafOf;
    private final double[] leafValue;
    private final int[] leafWidth;
    private final int[] leafOffset;
    /** The path features of each leaf, from leafOffset[l], in order of first appearance. */
    private final int[] pathFeature;
    private final double[] pathZero;
    /** Where the leaf's table starts in {@link #table}, or -1 when its weights are computed per call. */
    private final int[] tableOffset;
    private final double[] table;
    /** {@code weight[d][s] = s! (d − s − 1)! / d!}. */
    private final double[][] weight;
    private final int maxDepth;

    LeafShap(TreeEnsemble trees) {
        this.maxDepth = trees.maxDepth();
        if (maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("Invalid tree depth for path masks: " + maxDepth + ", expected at most " + MAX_DEPTH);
        }
        int nodes = trees.nodeCount();
        int treeCount = trees.treeCount();
        start = trees.starts();
        feature = trees.features();
        threshold = trees.thresholds();
        child = trees.children();
        position = new int[nodes];
        leafOf = new int[nodes];
        Arrays.fill(leafOf, -1);
        int leaves = 0;
        for (int i = 0; i < nodes; i++) {
            if (trees.isLeaf(i)) {
                leafOf[i] = leaves++;
            }
        }
        leafValue = new double[leaves];
        leafWidth = new int[leaves];
        leafOffset = new int[leaves];
        tableOffset = new int[leaves];
        weight = new double[maxDepth + 1][];
        for (int d = 1; d <= maxDepth; d++) {
            weight[d] = new double[d];
            for (int s = 0; s < d; s++) {
                // s! (d-s-1)! / d! = 1 / (d · C(d-1, s))
                double binomial = 1;
                for (int k = 1; k <= s; k++) {
                    binomial = binomial * (d - k) / k;
                }
                weight[d][s] = 1.0 / (d * binomial);
            }
        }

        // One walk per tree: the path's distinct features and zero fractions at every leaf.
        int[] pathFeatures = new int[leaves * Math.max(1, maxDepth)];
        double[] pathZeros = new double[pathFeatures.length];
        int used = 0;
        int[] features = new int[maxDepth + 1];
        double[] zeros = new double[maxDepth + 1];
        for (int t = 0; t < treeCount; t++) {
            used = walk(trees, start[t], 0, features, zeros, pathFeatures, pathZeros, used);
        }
        pathFeature = Arrays.copyOf(pathFeatures, used);
        pathZero = Arrays.copyOf(pathZeros, used);

        int entries = 0;
        for (int l = 0; l < leaves; l++) {
            int d = leafWidth[l];
            if (d > 0 && d <= MAX_TABLE_FEATURES && entries + (1 << d) <= TABLE_BUDGET) {
                tableOffset[l] = entries;
                entries += 1 << d;
            } else {
                tableOffset[l] = -1;
            }
        }
        table = new double[entries];
        double[] poly = new double[MAX_TABLE_FEATURES + 1];
        for (int l = 0; l < leaves; l++) {
            if (tableOffset[l] < 0) {
                continue;
            }
            int d = leafWidth[l];
            int full = (1 << d) - 1;
            for (int mask = 0; mask < full; mask++) {
                table[tableOffset[l] + mask] = leafValue[l] * weighted(d, mask, -1, leafOffset[l], poly);
            }
            // The full set never occurs: a hot feature's term drops itself, a cold one leaves the set short.
        }
    }

    /**
     * Records the leaves below {@code node}; {@code features[0..width)} and {@code zeros} are the path so far.
     *
     * @return the next free slot of the path arrays
     */
    private int walk(TreeEnsemble trees, int node, int width, int[] features, double[] zeros,
                     int[] pathFeatures, double[] pathZeros, int used) {
        if (trees.isLeaf(node)) {
            int l = leafOf[node];
            leafValue[l] = trees.value(node);
            leafWidth[l] = width;
            leafOffset[l] = used;
            System.arraycopy(features, 0, pathFeatures, used, width);
            System.arraycopy(zeros, 0, pathZeros, used, width);
            return used + width;
        }
        int split = trees.feature(node);
        int p = 0;
        while (p < width && features[p] != split) {
            p++;
        }
        position[node] = p;
        int right = trees.child(node);
        int left = right + 1;
        double total = trees.cover(left) + trees.cover(right);
        int childWidth = p < width ? width : width + 1;
        double before = p < width ? zeros[p] : 1;
        features[p] = split;
        for (int c = right; c <= left; c++) {
            zeros[p] = before * (trees.cover(c) / total);
            used = walk(trees, c, childWidth, features, zeros, pathFeatures, pathZeros, used);
        }
        if (p == width) {
            features[p] = 0;
            zeros[p] = 0;
        } else {
            zeros[p] = before;
        }
        return used;
    }

    /**
     * {@code G(K) = Σ_s w_d(s) [t^s] Π_{k∈K} (t + z_k)} for the positions in {@code mask} except {@code skip},
     * by multiplying the factors out; {@code poly} holds at least d + 1 doubles.
     */
    private double weighted(int d, long mask, int skip, int offset, double[] poly) {
        poly[0] = 1;
        int degree = 0;
        for (int k = 0; k < d; k++) {
            if (k == skip || (mask & (1L << k)) == 0) {
                continue;
            }
            double z = pathZero[offset + k];
            poly[degree + 1] = poly[degree];
            for (int s = degree; s > 0; s--) {
                poly[s] = poly[s - 1] + z * poly[s];
            }
            poly[0] = z * poly[0];
            degree++;
        }
        double[] w = weight[d];
        double g = 0;
        for (int s = 0; s <= degree; s++) {
            g += w[s] * poly[s];
        }
        return g;
    }

    /** Adds each feature's contribution to the summed leaf values, for every tree, to {@code out}. */
    void accumulate(double[] x, double[] out) {
        int[] nodeStack = new int[maxDepth + 1];
        long[] maskStack = new long[maxDepth + 1];
        double[] poly = new double[maxDepth + 1];
        final int[] feature = this.feature;
        final double[] threshold = this.threshold;
        final int[] child = this.child;
        final int[] position = this.position;
        final int[] leafOf = this.leafOf;
        for (int t = 0; t < start.length; t++) {
            int top = 0;
            nodeStack[top] = start[t];
            maskStack[top++] = 0;
            while (top > 0) {
                top--;
                int node = nodeStack[top];
                long cold = maskStack[top];
                int l;
                while ((l = leafOf[node]) < 0) {
                    int right = child[node];
                    // Same routing as the scorer: x <= threshold goes to child + 1, anything else (NaN included) to child.
                    boolean goesLeft = x[feature[node]] <= threshold[node];
                    nodeStack[top] = goesLeft ? right : right + 1;
                    maskStack[top++] = cold | (1L << position[node]);
                    node = goesLeft ? right + 1 : right;
                }
                leaf(l, cold, out, poly);
            }
        }
    }

    private void leaf(int l, long cold, double[] out, double[] poly) {
        int d = leafWidth[l];
        if (d == 0) {
            return;
        }
        int offset = leafOffset[l];
        double zc = 1;
        for (int k = 0; k < d; k++) {
            if ((cold & (1L << k)) != 0) {
                zc *= pathZero[offset + k];
            }
        }
        long full = (1L << d) - 1;
        long hot = full & ~cold;
        int at = tableOffset[l];
        if (at >= 0) {
            double[] table = this.table;
            int h = (int) hot;
            double coldShare = cold != 0 ? -zc * table[at + h] : 0;
            for (int k = 0; k < d; k++) {
                int bit = 1 << k;
                if ((h & bit) == 0) {
                    out[pathFeature[offset + k]] += coldShare;
                } else {
                    out[pathFeature[offset + k]] += (1 - pathZero[offset + k]) * zc * table[at + (h ^ bit)];
                }
            }
            return;
        }
        double v = leafValue[l];
        double coldShare = cold != 0 ? -zc * v * weighted(d, hot, -1, offset, poly) : 0;
        for (int k = 0; k < d; k++) {
            if ((hot & (1L << k)) == 0) {
                out[pathFeature[offset + k]] += coldShare;
            } else {
                out[pathFeature[offset + k]] += (1 - pathZero[offset + k]) * zc * v * weighted(d, hot, k, offset, poly);
            }
        }
    }

    /** Entries of the precomputed tables (for the benchmark's record of the memory taken). */
    int tableSize() {
        return table.length;
    }
}

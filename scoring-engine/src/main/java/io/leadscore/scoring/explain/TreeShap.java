package io.leadscore.scoring.explain;

import io.leadscore.scoring.scoring.TreeEnsemble;

/**
 * Exact path-dependent TreeSHAP: Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for
 * Tree Ensembles" (2018), Algorithm 2, in O(T·L·D²) for T trees of L leaves and depth D. The distribution of
 * the features a path does not condition on is the training data's, as recorded in the node covers. A
 * child's share of its parent's rows is taken as {@code cover(child) / (cover(left) + cover(right))}, so the
 * contributions add up exactly to {@code f(x) − E[f]} whatever rounding the stored covers carry.
 *
 * <p>The arithmetic is the paper's, with divisions by small integers replaced by multiplications with their
 * reciprocals: the weight recurrences are chains of dependent operations, and a division costs several times
 * a multiplication on them.
 *
 * <p>One instance holds the scratch path of one explanation at a time: not thread-safe; cheap to create.
 */
final class TreeShap {

    /** Path elements are four doubles: feature index, zero fraction, one fraction, permutation weight. */
    private static final int FEATURE = 0;
    private static final int ZERO = 1;
    private static final int ONE = 2;
    private static final int WEIGHT = 3;
    private static final int STRIDE = 4;

    private final TreeEnsemble trees;
    /** The unique path of every recursion level, one after the other (Lundberg et al.'s layout). */
    private final double[] path;
    /** {@code reciprocal[k] = 1 / k}. */
    private final double[] reciprocal;
    private double[] phi;
    private double[] x;

    TreeShap(TreeEnsemble trees) {
        this.trees = trees;
        int d = trees.maxDepth() + 2;
        path = new double[STRIDE * (d * (d + 1) / 2 + d)];
        reciprocal = new double[d + 2];
        for (int k = 1; k < reciprocal.length; k++) {
            reciprocal[k] = 1.0 / k;
        }
    }

    /** Expected summed leaf value of every tree, before the ensemble's base and scale. */
    static double expectedLeafSum(TreeEnsemble trees) {
        double sum = 0;
        for (int t = 0; t < trees.treeCount(); t++) {
            sum += expected(trees, trees.treeStart(t));
        }
        return sum;
    }

    private static double expected(TreeEnsemble trees, int node) {
        if (trees.isLeaf(node)) {
            return trees.value(node);
        }
        int right = trees.child(node);
        int left = right + 1;
        double cr = trees.cover(right);
        double cl = trees.cover(left);
        return (cr * expected(trees, right) + cl * expected(trees, left)) / (cr + cl);
    }

    /** Adds each feature's contribution to the summed leaf values, for every tree, to {@code out}. */
    void accumulate(double[] x, double[] out) {
        this.x = x;
        this.phi = out;
        for (int t = 0; t < trees.treeCount(); t++) {
            recurse(trees.treeStart(t), 0, 0, 1, 1, -1);
        }
        this.x = null;
        this.phi = null;
    }

    /**
     * @param node         the node reached
     * @param parentOffset where the parent's unique path starts (in elements)
     * @param uniqueDepth  length of the parent's path (the new element goes at this index)
     */
    private void recurse(int node, int parentOffset, int uniqueDepth, double zeroFraction, double oneFraction,
                         int featureIndex) {
        int offset = parentOffset + uniqueDepth + 1;
        System.arraycopy(path, STRIDE * parentOffset, path, STRIDE * offset, STRIDE * (uniqueDepth + 1));
        extend(offset, uniqueDepth, zeroFraction, oneFraction, featureIndex);

        if (trees.isLeaf(node)) {
            double value = trees.value(node);
            for (int i = 1; i <= uniqueDepth; i++) {
                int e = STRIDE * (offset + i);
                double w = unwoundSum(offset, uniqueDepth, i);
                phi[(int) path[e + FEATURE]] += w * (path[e + ONE] - path[e + ZERO]) * value;
            }
            return;
        }
        int split = trees.feature(node);
        int right = trees.child(node);
        int left = right + 1;
        // Same routing as the scorer: x <= threshold goes to child + 1, anything else (NaN included) to child.
        boolean goesLeft = x[split] <= trees.threshold(node);
        int hot = goesLeft ? left : right;
        int cold = goesLeft ? right : left;
        double total = trees.cover(left) + trees.cover(right);
        double hotZero = trees.cover(hot) / total;
        double coldZero = trees.cover(cold) / total;
        double incomingZero = 1;
        double incomingOne = 1;
        int depth = uniqueDepth;
        int k = 0;
        while (k <= depth && path[STRIDE * (offset + k) + FEATURE] != split) {
            k++;
        }
        if (k <= depth) {
            incomingZero = path[STRIDE * (offset + k) + ZERO];
            incomingOne = path[STRIDE * (offset + k) + ONE];
            unwind(offset, depth, k);
            depth--;
        }
        recurse(hot, offset, depth + 1, hotZero * incomingZero, incomingOne, split);
        recurse(cold, offset, depth + 1, coldZero * incomingZero, 0, split);
    }

    private void extend(int offset, int uniqueDepth, double zeroFraction, double oneFraction, int featureIndex) {
        int base = STRIDE * offset;
        int last = base + STRIDE * uniqueDepth;
        path[last + FEATURE] = featureIndex;
        path[last + ZERO] = zeroFraction;
        path[last + ONE] = oneFraction;
        path[last + WEIGHT] = uniqueDepth == 0 ? 1 : 0;
        double r = reciprocal[uniqueDepth + 1];
        for (int i = uniqueDepth - 1; i >= 0; i--) {
            int e = base + STRIDE * i + WEIGHT;
            path[e + STRIDE] += oneFraction * path[e] * (i + 1) * r;
            path[e] = zeroFraction * path[e] * (uniqueDepth - i) * r;
        }
    }

    private void unwind(int offset, int uniqueDepth, int pathIndex) {
        int base = STRIDE * offset;
        double oneFraction = path[base + STRIDE * pathIndex + ONE];
        double zeroFraction = path[base + STRIDE * pathIndex + ZERO];
        double nextOnePortion = path[base + STRIDE * uniqueDepth + WEIGHT];
        double n = uniqueDepth + 1;
        double r = reciprocal[uniqueDepth + 1];
        if (oneFraction != 0) {
            double inverseOne = 1 / oneFraction;
            for (int i = uniqueDepth - 1; i >= 0; i--) {
                int e = base + STRIDE * i + WEIGHT;
                double tmp = path[e];
                path[e] = nextOnePortion * n * reciprocal[i + 1] * inverseOne;
                nextOnePortion = tmp - path[e] * zeroFraction * (uniqueDepth - i) * r;
            }
        } else {
            double inverseZero = 1 / zeroFraction;
            for (int i = uniqueDepth - 1; i >= 0; i--) {
                int e = base + STRIDE * i + WEIGHT;
                path[e] = path[e] * n * inverseZero * reciprocal[uniqueDepth - i];
            }
        }
        for (int i = pathIndex; i < uniqueDepth; i++) {
            int e = base + STRIDE * i;
            path[e + FEATURE] = path[e + STRIDE + FEATURE];
            path[e + ZERO] = path[e + STRIDE + ZERO];
            path[e + ONE] = path[e + STRIDE + ONE];
        }
    }

    private double unwoundSum(int offset, int uniqueDepth, int pathIndex) {
        int base = STRIDE * offset;
        double oneFraction = path[base + STRIDE * pathIndex + ONE];
        double zeroFraction = path[base + STRIDE * pathIndex + ZERO];
        double nextOnePortion = path[base + STRIDE * uniqueDepth + WEIGHT];
        double n = uniqueDepth + 1;
        double r = reciprocal[uniqueDepth + 1];
        double total = 0;
        if (oneFraction != 0) {
            double inverseOne = 1 / oneFraction;
            for (int i = uniqueDepth - 1; i >= 0; i--) {
                double tmp = nextOnePortion * n * reciprocal[i + 1] * inverseOne;
                total += tmp;
                nextOnePortion = path[base + STRIDE * i + WEIGHT] - tmp * zeroFraction * (uniqueDepth - i) * r;
            }
        } else {
            double inverseZero = 1 / zeroFraction;
            for (int i = uniqueDepth - 1; i >= 0; i--) {
                total += path[base + STRIDE * i + WEIGHT] * inverseZero * n * reciprocal[uniqueDepth - i];
            }
        }
        return total;
    }
}

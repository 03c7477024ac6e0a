package io.leadscore.scoring.explain;

import io.leadscore.scoring.scoring.TreeEnsemble;

/**
 * Exact path-dependent TreeSHAP: Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for
 * Tree Ensembles" (2018), Algorithm 2, in O(T·L·D²) for T trees of L leaves and depth D. The distribution of
 * the features a path does not condition on is the training data's, as recorded in the node covers. A
 * child's share of its parent's rows is taken as {@code cover(child) / (cover(left) + cover(right))}, so the
 * contributions add up exactly to {@code f(x) − E[f]} whatever rounding the stored covers carry.
 *
 * <p>One instance holds the scratch path of one explanation at a time: not thread-safe; cheap to create.
 */
final class TreeShap {

    private final TreeEnsemble trees;
    // The unique path of every recursion level, one after the other (Lundberg et al.'s layout).
    private final int[] pathFeature;
    private final double[] pathZero;
    private final double[] pathOne;
    private final double[] pathWeight;
    private double[] phi;
    private double[] x;

    TreeShap(TreeEnsemble trees) {
        this.trees = trees;
        int d = trees.maxDepth() + 2;
        int size = d * (d + 1) / 2 + d;
        pathFeature = new int[size];
        pathZero = new double[size];
        pathOne = new double[size];
        pathWeight = new double[size];
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

    /**
     * Adds each feature's contribution to the summed leaf values, for every tree, to {@code out}.
     */
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
     * @param parentOffset where the parent's unique path starts
     * @param uniqueDepth  length of the parent's path (the new element goes at this index)
     */
    private void recurse(int node, int parentOffset, int uniqueDepth, double zeroFraction, double oneFraction,
                         int featureIndex) {
        int offset = parentOffset + uniqueDepth + 1;
        System.arraycopy(pathFeature, parentOffset, pathFeature, offset, uniqueDepth + 1);
        System.arraycopy(pathZero, parentOffset, pathZero, offset, uniqueDepth + 1);
        System.arraycopy(pathOne, parentOffset, pathOne, offset, uniqueDepth + 1);
        System.arraycopy(pathWeight, parentOffset, pathWeight, offset, uniqueDepth + 1);
        extend(offset, uniqueDepth, zeroFraction, oneFraction, featureIndex);

        if (trees.isLeaf(node)) {
            double value = trees.value(node);
            for (int i = 1; i <= uniqueDepth; i++) {
                double w = unwoundSum(offset, uniqueDepth, i);
                phi[pathFeature[offset + i]] += w * (pathOne[offset + i] - pathZero[offset + i]) * value;
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
        while (k <= depth && pathFeature[offset + k] != split) {
            k++;
        }
        if (k <= depth) {
            incomingZero = pathZero[offset + k];
            incomingOne = pathOne[offset + k];
            unwind(offset, depth, k);
            depth--;
        }
        recurse(hot, offset, depth + 1, hotZero * incomingZero, incomingOne, split);
        recurse(cold, offset, depth + 1, coldZero * incomingZero, 0, split);
    }

    private void extend(int offset, int uniqueDepth, double zeroFraction, double oneFraction, int featureIndex) {
        pathFeature[offset + uniqueDepth] = featureIndex;
        pathZero[offset + uniqueDepth] = zeroFraction;
        pathOne[offset + uniqueDepth] = oneFraction;
        pathWeight[offset + uniqueDepth] = uniqueDepth == 0 ? 1 : 0;
        for (int i = uniqueDepth - 1; i >= 0; i--) {
            pathWeight[offset + i + 1] += oneFraction * pathWeight[offset + i] * (i + 1) / (uniqueDepth + 1);
            pathWeight[offset + i] = zeroFraction * pathWeight[offset + i] * (uniqueDepth - i) / (uniqueDepth + 1);
        }
    }

    private void unwind(int offset, int uniqueDepth, int pathIndex) {
        double oneFraction = pathOne[offset + pathIndex];
        double zeroFraction = pathZero[offset + pathIndex];
        double nextOnePortion = pathWeight[offset + uniqueDepth];
        for (int i = uniqueDepth - 1; i >= 0; i--) {
            if (oneFraction != 0) {
                double tmp = pathWeight[offset + i];
                pathWeight[offset + i] = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                nextOnePortion = tmp - pathWeight[offset + i] * zeroFraction * (uniqueDepth - i) / (uniqueDepth + 1);
            } else {
                pathWeight[offset + i] = pathWeight[offset + i] * (uniqueDepth + 1) / (zeroFraction * (uniqueDepth - i));
            }
        }
        for (int i = pathIndex; i < uniqueDepth; i++) {
            pathFeature[offset + i] = pathFeature[offset + i + 1];
            pathZero[offset + i] = pathZero[offset + i + 1];
            pathOne[offset + i] = pathOne[offset + i + 1];
        }
    }

    private double unwoundSum(int offset, int uniqueDepth, int pathIndex) {
        double oneFraction = pathOne[offset + pathIndex];
        double zeroFraction = pathZero[offset + pathIndex];
        double nextOnePortion = pathWeight[offset + uniqueDepth];
        double total = 0;
        for (int i = uniqueDepth - 1; i >= 0; i--) {
            if (oneFraction != 0) {
                double tmp = nextOnePortion * (uniqueDepth + 1) / ((i + 1) * oneFraction);
                total += tmp;
                nextOnePortion = pathWeight[offset + i] - tmp * zeroFraction * ((uniqueDepth - i) / (double) (uniqueDepth + 1));
            } else {
                total += (pathWeight[offset + i] / zeroFraction) / ((uniqueDepth - i) / (double) (uniqueDepth + 1));
            }
        }
        return total;
    }
}

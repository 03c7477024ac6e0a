package io.leadscore.scoring.explain;

import io.leadscore.scoring.scoring.TreeEnsemble;

import java.util.ArrayList;
import java.util.List;

/**
 * Shapley values by their definition, enumerating every subset of the features a tree ensemble uses:
 * {@code φ_j = Σ_{S ⊆ F∖{j}} |S|! (|F| − |S| − 1)! / |F|! · (v(S ∪ {j}) − v(S))}, where v(S) is the
 * path-dependent conditional expectation: at a split on a feature in S follow the lead, otherwise average both
 * children weighted by their covers. Exponential in the number of features: tests only.
 */
final class BruteForceShapley {

    private BruteForceShapley() {
    }

    static double[] values(TreeEnsemble trees, double[] x) {
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < trees.nodeCount(); i++) {
            if (!trees.isLeaf(i) && !used.contains(trees.feature(i))) {
                used.add(trees.feature(i));
            }
        }
        int m = used.size();
        double[] factorial = new double[m + 1];
        factorial[0] = 1;
        for (int k = 1; k <= m; k++) {
            factorial[k] = factorial[k - 1] * k;
        }
        double[] value = new double[1 << m];
        for (int mask = 0; mask < value.length; mask++) {
            boolean[] known = new boolean[x.length];
            for (int k = 0; k < m; k++) {
                if ((mask & (1 << k)) != 0) {
                    known[used.get(k)] = true;
                }
            }
            double v = trees.base();
            for (int t = 0; t < trees.treeCount(); t++) {
                v += expectation(trees, trees.treeStart(t), x, known);
            }
            value[mask] = trees.scale() * v;
        }
        double[] phi = new double[x.length];
        for (int k = 0; k < m; k++) {
            double sum = 0;
            for (int mask = 0; mask < value.length; mask++) {
                if ((mask & (1 << k)) != 0) {
                    continue;
                }
                int size = Integer.bitCount(mask);
                double weight = factorial[size] * factorial[m - size - 1] / factorial[m];
                sum += weight * (value[mask | (1 << k)] - value[mask]);
            }
            phi[used.get(k)] = sum;
        }
        return phi;
    }

    private static double expectation(TreeEnsemble trees, int node, double[] x, boolean[] known) {
        if (trees.isLeaf(node)) {
            return trees.value(node);
        }
        int right = trees.child(node);
        int left = right + 1;
        if (known[trees.feature(node)]) {
            return expectation(trees, x[trees.feature(node)] <= trees.threshold(node) ? left : right, x, known);
        }
        double cl = trees.cover(left);
        double cr = trees.cover(right);
        return (cl * expectation(trees, left, x, known) + cr * expectation(trees, right, x, known)) / (cl + cr);
    }
}

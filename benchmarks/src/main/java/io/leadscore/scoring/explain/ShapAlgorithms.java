package io.leadscore.scoring.explain;

import io.leadscore.scoring.scoring.TreeEnsemble;

/**
 * The benchmarks' door to the two exact TreeSHAP implementations of the explainer, which are package-private
 * in {@code scoring-engine}: Lundberg et al.'s Algorithm 2 ({@link TreeShap}) and the per-leaf precomputation
 * the explainer uses ({@link LeafShap}).
 */
public final class ShapAlgorithms {

    private final TreeEnsemble trees;
    private final LeafShap leafShap;

    public ShapAlgorithms(TreeEnsemble trees) {
        this.trees = trees;
        this.leafShap = new LeafShap(trees);
    }

    /** Algorithm 2 over the path, as the explainer computed contributions before the per-leaf tables. */
    public void algorithmTwo(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0);
        new TreeShap(trees).accumulate(x, out);
    }

    /** The per-leaf precomputed form. */
    public void leafTables(double[] x, double[] out) {
        java.util.Arrays.fill(out, 0);
        leafShap.accumulate(x, out);
    }

    /** Doubles held by the per-leaf tables. */
    public int tableSize() {
        return leafShap.tableSize();
    }
}

package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.CalibrationMethod;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides a training run besides the data. Build with {@link #builder(Algorithm)}, which
 * starts from the defaults of that algorithm, or take {@link #defaults()}.
 *
 * <h2>Defaults and why</h2>
 * <ul>
 *   <li>Gradient boosting: 100 trees of depth at most 6 (so at most 32 leaves), shrinkage 0.1, each tree on a
 *       50% subsample drawn without replacement and stratified by class (Friedman's stochastic boosting, with
 *       the fraction he recommends; it also halves the rows each tree scans, which keeps 100,000 leads of 60
 *       features within the nightly training budget), leaves of at least 20 leads. Shrinkage 0.1 with ~100 trees is the usual trade of accuracy for
 *       training time (Friedman 2001; Hastie et al., ESL §10.12); 20 leads per leaf keeps leaf values of rare
 *       converters from being fitted to a handful of rows. On snapshots of leads, each tree draws 3 snapshots per
 *       lead (with replacement, so a lead with one snapshot counts it three times): every lead weighs the same,
 *       and a tree sees three of a lead's ages instead of one, which ranked the holdout of a generated world
 *       0.02–0.03 better in expected AUC at every age from 30 days (docs/benchmarks.md); a leaf then holds at least
 *       20 leads' worth of draws (60). Measured against the oracle of a generated world, these settings stand at a flat
 *       optimum: shrinkage 0.05 or 0.2, trees of depth 4, 6 draws per lead, 30% of the leads per tree or a third of the
 *       features per split all rank worse, leaves of 50 leads the same; what the model still misses there shrinks
 *       with the number of leads it learns from (docs/benchmarks.md, "What limits the gap").</li>
 *   <li>Random forest: 200 trees of depth at most 12, at most 512 leaves, leaves of at least 5 leads,
 *       √p features tried per split (Breiman 2001), and a bootstrap balanced between classes (below).</li>
 *   <li>Logistic regression: L2 penalty 1.0 on standardised features, BFGS to a tolerance of 1e-5 or 500
 *       iterations.</li>
 *   <li>Platt calibration, seed 42.</li>
 * </ul>
 *
 * <h2>Class imbalance</h2>
 * Converters are typically 3–10% of leads. Boosting and logistic regression fit the log-likelihood as it is:
 * it stays a proper scoring rule under imbalance, boosting starts from the prior log-odds and subsamples each
 * class separately so every tree sees the true share of converters, and no re-weighting distorts the
 * probabilities. A random forest's votes are poor at the rare class, so with {@code balanceClasses} each tree
 * draws as many non-converters as converters (balanced random forest, Chen, Liaw and Breiman 2004). Whatever
 * the algorithm, the final probability comes from the calibration fitted on the validation window, and the
 * metrics that judge a model (PR-AUC, lift, the threshold curve) are the ones that show imbalance honestly.
 *
 * @param algorithm        the model family
 * @param trees            boosting iterations or forest size, 1 to 10,000
 * @param maxDepth         most levels of a tree, counted as Smile counts them with the root at level 1: depth 6 means
 *                         at most 5 decisions per lead and at most 32 leaves; 2 to 30
 * @param maxLeaves        most leaves per tree (trees grow best-first up to it), at least 2
 * @param minNodeSize      fewest training leads in a leaf, at least 1
 * @param shrinkage        boosting learning rate, in (0, 1]
 * @param subsample        boosting: share of each class drawn per tree without replacement; forest: 1 means a
 *                         bootstrap with replacement, less means that share without replacement; in (0, 1]
 * @param snapshotsPerLead boosting on snapshots of leads ({@link TrainingData#hasGroups()}): snapshots drawn per lead
 *                         for each tree, with replacement among the lead's snapshots, so that every lead weighs the
 *                         same in every tree whatever its number of snapshots; 1 to 100
 * @param featuresPerSplit forest: features tried per split, 0 for ⌊√p⌋
 * @param balanceClasses   forest: draw as many non-converters as converters for each tree
 * @param l2               logistic regression: L2 penalty, &ge; 0
 * @param tolerance        logistic regression: convergence tolerance, &gt; 0
 * @param maxIterations    logistic regression: most BFGS iterations, &ge; 1
 * @param seed             seeds every random draw of the run; the same seed and data give the same model
 * @param calibration      how raw scores become probabilities
 */
public record TrainingOptions(Algorithm algorithm, int trees, int maxDepth, int maxLeaves, int minNodeSize,
                              double shrinkage, double subsample, int snapshotsPerLead, int featuresPerSplit, boolean balanceClasses,
                              double l2, double tolerance, int maxIterations, long seed,
                              CalibrationMethod calibration) {

    public static final long DEFAULT_SEED = 42L;

    public TrainingOptions {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(calibration, "calibration");
        if (trees < 1 || trees > 10_000) {
            throw new IllegalArgumentException("Invalid number of trees: " + trees + ", expected 1 to 10000");
        }
        if (maxDepth < 2 || maxDepth > 30) {
            throw new IllegalArgumentException("Invalid maximum depth: " + maxDepth + ", expected 2 to 30");
        }
        if (maxLeaves < 2) {
            throw new IllegalArgumentException("Invalid maximum number of leaves: " + maxLeaves + ", expected at least 2");
        }
        if (minNodeSize < 1) {
            throw new IllegalArgumentException("Invalid minimum node size: " + minNodeSize + ", expected at least 1");
        }
        if (!(shrinkage > 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("Invalid shrinkage: " + shrinkage + ", expected (0, 1]");
        }
        if (!(subsample > 0 && subsample <= 1)) {
            throw new IllegalArgumentException("Invalid subsample: " + subsample + ", expected (0, 1]");
        }
        if (snapshotsPerLead < 1 || snapshotsPerLead > 100) {
            throw new IllegalArgumentException("Invalid snapshots per lead: " + snapshotsPerLead + ", expected 1 to 100");
        }
        if (featuresPerSplit < 0) {
            throw new IllegalArgumentException("Invalid features per split: " + featuresPerSplit + ", expected 0 (√p) or more");
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("Invalid L2 penalty: " + l2 + ", expected a non-negative number");
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("Invalid tolerance: " + tolerance + ", expected a positive number");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Invalid maximum iterations: " + maxIterations + ", expected at least 1");
        }
    }

    /** Gradient boosting with its defaults. */
    public static TrainingOptions defaults() {
        return builder(Algorithm.GRADIENT_BOOSTING).build();
    }

    public static TrainingOptions defaults(Algorithm algorithm) {
        return builder(algorithm).build();
    }

    /** A builder holding the defaults of {@code algorithm}. */
    public static Builder builder(Algorithm algorithm) {
        return new Builder(algorithm);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder(algorithm);
        b.trees = trees;
        b.maxDepth = maxDepth;
        b.maxLeaves = maxLeaves;
        b.minNodeSize = minNodeSize;
        b.shrinkage = shrinkage;
        b.subsample = subsample;
        b.snapshotsPerLead = snapshotsPerLead;
        b.featuresPerSplit = featuresPerSplit;
        b.balanceClasses = balanceClasses;
        b.l2 = l2;
        b.tolerance = tolerance;
        b.maxIterations = maxIterations;
        b.seed = seed;
        b.calibration = calibration;
        return b;
    }

    /** The settings that matter to this algorithm, by name, as recorded in a model's provenance. */
    public Map<String, String> hyperparameters() {
        Map<String, String> map = new LinkedHashMap<>();
        switch (algorithm) {
            case GRADIENT_BOOSTING -> {
                map.put("trees", Integer.toString(trees));
                map.put("maxDepth", Integer.toString(maxDepth));
                map.put("maxLeaves", Integer.toString(maxLeaves));
                map.put("minNodeSize", Integer.toString(minNodeSize));
                map.put("shrinkage", Double.toString(shrinkage));
                map.put("subsample", Double.toString(subsample));
                map.put("snapshotsPerLead", Integer.toString(snapshotsPerLead));
            }
            case RANDOM_FOREST -> {
                map.put("trees", Integer.toString(trees));
                map.put("maxDepth", Integer.toString(maxDepth));
                map.put("maxLeaves", Integer.toString(maxLeaves));
                map.put("minNodeSize", Integer.toString(minNodeSize));
                map.put("subsample", Double.toString(subsample));
                map.put("featuresPerSplit", Integer.toString(featuresPerSplit));
                map.put("balanceClasses", Boolean.toString(balanceClasses));
            }
            case LOGISTIC_REGRESSION -> {
                map.put("l2", Double.toString(l2));
                map.put("tolerance", Double.toString(tolerance));
                map.put("maxIterations", Integer.toString(maxIterations));
            }
        }
        map.put("calibration", calibration.name());
        return map;
    }

    /** Options one setting at a time; starts from the defaults of its algorithm. */
    public static final class Builder {
        private final Algorithm algorithm;
        private int trees;
        private int maxDepth;
        private int maxLeaves;
        private int minNodeSize;
        private double shrinkage = 0.1;
        private double subsample;
        private int snapshotsPerLead = 3;
        private int featuresPerSplit = 0;
        private boolean balanceClasses = true;
        private double l2 = 1.0;
        private double tolerance = 1e-5;
        private int maxIterations = 500;
        private long seed = DEFAULT_SEED;
        private CalibrationMethod calibration = CalibrationMethod.PLATT;

        private Builder(Algorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            if (algorithm == Algorithm.RANDOM_FOREST) {
                trees = 200;
                maxDepth = 12;
                maxLeaves = 512;
                minNodeSize = 5;
                subsample = 1.0;
            } else {
                trees = 100;
                maxDepth = 6;
                maxLeaves = 32;
                minNodeSize = 20;
                subsample = 0.5;
            }
        }

        public Builder trees(int value) {
            trees = value;
            return this;
        }

        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        public Builder maxLeaves(int value) {
            maxLeaves = value;
            return this;
        }

        public Builder minNodeSize(int value) {
            minNodeSize = value;
            return this;
        }

        public Builder shrinkage(double value) {
            shrinkage = value;
            return this;
        }

        public Builder subsample(double value) {
            subsample = value;
            return this;
        }

        public Builder snapshotsPerLead(int value) {
            snapshotsPerLead = value;
            return this;
        }

        public Builder featuresPerSplit(int value) {
            featuresPerSplit = value;
            return this;
        }

        public Builder balanceClasses(boolean value) {
            balanceClasses = value;
            return this;
        }

        public Builder l2(double value) {
            l2 = value;
            return this;
        }

        public Builder tolerance(double value) {
            tolerance = value;
            return this;
        }

        public Builder maxIterations(int value) {
            maxIterations = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder calibration(CalibrationMethod value) {
            calibration = value;
            return this;
        }

        public TrainingOptions build() {
            return new TrainingOptions(algorithm, trees, maxDepth, maxLeaves, minNodeSize, shrinkage, subsample,
                    snapshotsPerLead, featuresPerSplit, balanceClasses, l2, tolerance, maxIterations, seed, calibration);
        }
    }
}

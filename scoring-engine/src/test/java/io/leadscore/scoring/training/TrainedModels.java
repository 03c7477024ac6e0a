package io.leadscore.scoring.training;

import io.leadscore.scoring.scoring.Algorithm;

import java.util.EnumMap;
import java.util.Map;

/**
 * Small models of each algorithm on seeded synthetic leads, trained once per test JVM and shared by the test
 * classes that only read them (training several times over would make the suite slow, not stronger).
 */
public final class TrainedModels {

    public static final int FEATURES = 24;
    public static final int TRAIN_ROWS = 4000;
    public static final int VALIDATION_ROWS = 2000;

    private static final TrainingData TRAIN = SyntheticLeads.training(FEATURES, TRAIN_ROWS, 11);
    private static final TrainingData VALIDATION = SyntheticLeads.validation(FEATURES, VALIDATION_ROWS, 12);
    private static final Map<Algorithm, TrainingResult> RESULTS = new EnumMap<>(Algorithm.class);

    private TrainedModels() {
    }

    public static TrainingData train() {
        return TRAIN;
    }

    public static TrainingData validation() {
        return VALIDATION;
    }

    /** Options small enough for a unit test: tens of trees, shallow. */
    public static TrainingOptions options(Algorithm algorithm) {
        TrainingOptions.Builder b = TrainingOptions.builder(algorithm).seed(7);
        return switch (algorithm) {
            case GRADIENT_BOOSTING -> b.trees(40).maxDepth(4).maxLeaves(12).minNodeSize(10).build();
            case RANDOM_FOREST -> b.trees(30).maxDepth(8).maxLeaves(64).minNodeSize(5).build();
            case LOGISTIC_REGRESSION -> b.build();
        };
    }

    public static synchronized TrainingResult result(Algorithm algorithm) {
        return RESULTS.computeIfAbsent(algorithm,
                a -> new ModelTrainer(options(a)).train(TRAIN, VALIDATION, TrainingListener.NONE));
    }
}

package io.leadscore.scoring.explain;

import io.leadscore.scoring.features.FeatureDefinition;
import io.leadscore.scoring.features.FeatureGroup;
import io.leadscore.scoring.features.FeatureKind;
import io.leadscore.scoring.features.FeatureSchema;
import io.leadscore.scoring.features.ReasonPhraser;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.CompiledModel;
import io.leadscore.scoring.scoring.LinearModel;
import io.leadscore.scoring.scoring.TreeEnsemble;
import io.leadscore.scoring.training.ModelTrainer;
import io.leadscore.scoring.training.SyntheticLeads;
import io.leadscore.scoring.training.TrainedModels;
import io.leadscore.scoring.training.TrainingData;
import io.leadscore.scoring.training.TrainingListener;
import io.leadscore.scoring.training.TrainingOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExplainerTest {

    /** Names the source and the value of its first feature: enough to check which source a reason is about. */
    static final ReasonPhraser PHRASER = (source, schema, x) -> {
        for (int j = 0; j < schema.size(); j++) {
            if (schema.get(j).source().equals(source)) {
                return source + " " + x[j];
            }
        }
        throw new IllegalArgumentException("No feature of source " + source);
    };

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void contributionsAddUpToRawScoreMinusExpectedValue(Algorithm algorithm) {
        CompiledModel model = TrainedModels.result(algorithm).model();
        Explainer explainer = new Explainer(model, TrainedModels.validation().schema());
        double[] phi = new double[TrainedModels.FEATURES];

        for (double[] x : TrainedModels.validation().x()) {
            explainer.contributions(x, phi);
            double sum = 0;
            for (double c : phi) {
                sum += c;
            }
            assertThat(sum).isCloseTo(model.rawScore(x) - explainer.expectedValue(), within(1e-9));
        }
    }

    @Test
    void expectedValueOfTreesIsTheCoverWeightedMeanOutput() {
        // The tiny tree's leaves and covers: -0.2 (40), -0.4 (12), 0.1 (8), 0.3 (15), 0.7 (25) of 100;
        // base 0.05; boosting doubles the sum.
        Explainer explainer = new Explainer(tinyTree(), schemaOf(3));

        double mean = (-0.2 * 40 - 0.4 * 12 + 0.1 * 8 + 0.3 * 15 + 0.7 * 25) / 100;
        assertThat(explainer.expectedValue()).isCloseTo(2 * (0.05 + mean), within(1e-15));
    }

    @Test
    void treeShapEqualsBruteForceShapleyValuesOnATinyTree() {
        TreeEnsemble tree = tinyTree();
        Explainer explainer = new Explainer(tree, schemaOf(3));
        double[][] leads = {{0, 0, 0}, {2, 0, 9}, {0, 9, 0}, {0, 9, 9}, {2, 9, 0}, {0.5, 3, 4}};
        double[] phi = new double[3];

        for (double[] x : leads) {
            explainer.contributions(x, phi);
            assertThat(phi).containsExactly(BruteForceShapley.values(tree, x), within(1e-12));
        }
    }

    @Test
    void treeShapEqualsBruteForceShapleyValuesOnATrainedEnsemble() {
        // Small trees on few rows keep the features the model uses few enough to enumerate all subsets.
        TrainingData train = SyntheticLeads.training(16, 1500, 21);
        TrainingData validation = SyntheticLeads.validation(16, 200, 22);
        TrainingOptions options = TrainingOptions.defaults().toBuilder().trees(6).maxDepth(3).maxLeaves(6).build();
        TreeEnsemble trees = (TreeEnsemble) new ModelTrainer(options).train(train, validation, TrainingListener.NONE).model();
        Explainer explainer = new Explainer(trees, train.schema());
        double[] phi = new double[16];
        double[][] x = validation.x();

        for (int i = 0; i < 8; i++) {
            explainer.contributions(x[i], phi);
            assertThat(phi).containsExactly(BruteForceShapley.values(trees, x[i]), within(1e-12));
        }
    }

    @Test
    void logisticContributionsAreCentredCoefficients() {
        LinearModel model = new LinearModel(new double[]{1, 2, 0}, new double[]{2, 1, 1}, new double[]{0.5, -1, 2}, -3);
        Explainer explainer = new Explainer(model, schemaOf(3));
        double[] phi = new double[3];

        explainer.contributions(new double[]{5, 2, 1}, phi);

        assertThat(phi).containsExactly(new double[]{0.5 * (5 - 1) / 2, 0, 2}, within(1e-15));
        assertThat(explainer.expectedValue()).isEqualTo(-3.0);
    }

    @Test
    void groupsIntoFitAndEngagementAndRanksReasonsBySource() {
        // A hand-made linear model on the synthetic schema, so the expected reasons are known:
        // industry (three one-hot levels and a missing indicator, one source) +1.0 + 0.5,
        // demo request +2.0, days since last activity -1.5, country -0.25, pricing views +0.25, site visits -0.1.
        FeatureSchema schema = SyntheticLeads.schema(16);
        double[] w = new double[16];
        w[schema.require("industry=software")] = 1.0;
        w[schema.require("industry_missing")] = 0.5;
        w[schema.require("demo_requested")] = 2.0;
        w[schema.require("days_since_last_activity")] = -1.5;
        w[schema.require("country=us")] = -0.25;
        w[schema.require("pricing_views_7d")] = 0.25;
        w[schema.require("site_visits_log")] = -0.1;
        double[] ones = new double[16];
        Arrays.fill(ones, 1);
        LinearModel model = new LinearModel(new double[16], ones, w, -3);
        double[] x = new double[16];
        x[schema.require("industry=software")] = 1;
        x[schema.require("industry_missing")] = 1;
        x[schema.require("demo_requested")] = 1;
        x[schema.require("days_since_last_activity")] = 1;
        x[schema.require("country=us")] = 1;
        x[schema.require("pricing_views_7d")] = 1;
        x[schema.require("site_visits_log")] = 1;

        Explanation e = new Explainer(model, schema).explain(x, PHRASER);

        assertThat(e.fit()).isCloseTo(1.0 + 0.5 - 0.25, within(1e-12));
        assertThat(e.engagement()).isCloseTo(2.0 - 1.5 + 0.25 - 0.1, within(1e-12));
        assertThat(e.fit() + e.engagement()).isCloseTo(e.rawScore() - e.expectedValue(), within(1e-12));
        assertThat(e.raising()).extracting(Reason::source).containsExactly("demo_request", "industry", "pricing_page_view");
        assertThat(e.raising().get(1).contribution()).isCloseTo(1.5, within(1e-12));
        assertThat(e.raising().get(1).group()).isEqualTo(FeatureGroup.FIT);
        assertThat(e.lowering()).extracting(Reason::source).containsExactly("last_activity", "country", "site_visit");
        assertThat(e.lowering().get(0).group()).isEqualTo(FeatureGroup.ENGAGEMENT);
        assertThat(e.raising().get(0).sentence()).isEqualTo("demo_request 1.0 raised the score");
        assertThat(e.lowering().get(0).sentence()).isEqualTo("last_activity 1.0 lowered the score");
        assertThat(e.contribution("demo_requested")).isEqualTo(2.0);
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void explainsTrainedModelsWithAtMostThreeReasonsEachWay(Algorithm algorithm) {
        Explainer explainer = new Explainer(TrainedModels.result(algorithm).model(), TrainedModels.validation().schema());

        Explanation e = explainer.explain(TrainedModels.validation().x()[0], PHRASER);

        assertThat(e.raising()).hasSizeLessThanOrEqualTo(3).allMatch(Reason::raisesScore);
        assertThat(e.lowering()).hasSizeLessThanOrEqualTo(3).noneMatch(Reason::raisesScore);
        assertThat(e.fit() + e.engagement()).isCloseTo(e.rawScore() - e.expectedValue(), within(1e-9));
    }

    @Nested
    class Refuses {

        @Test
        void aSchemaOfAnotherSize() {
            assertThrows(IllegalArgumentException.class, () -> new Explainer(tinyTree(), schemaOf(4)));
        }

        @Test
        void aVectorOfTheWrongLength() {
            Explainer explainer = new Explainer(tinyTree(), schemaOf(3));
            assertThrows(IllegalArgumentException.class, () -> explainer.contributions(new double[2], new double[3]));
        }
    }

    /**
     * Three features; feature 0 is split on twice along one path, which exercises TreeSHAP's unwinding:
     * <pre>
     * x0 <= 1 ? (x1 <= 5 ? (x0 <= 0.5 ? 0.7 : 0.3) : (x2 <= 3 ? 0.1 : -0.4)) : -0.2
     * </pre>
     */
    static TreeEnsemble tinyTree() {
        double nan = Double.NaN;
        // 0: x0<=1, children 1 (>) and 2 (<=); 1: leaf -0.2; 2: x1<=5, children 3 (>) and 4 (<=)
        // 3: x2<=3, children 5 (>, leaf -0.4) and 6 (<=, leaf 0.1); 4: x0<=0.5, children 7 (>, 0.3) and 8 (<=, 0.7)
        return new TreeEnsemble(Algorithm.GRADIENT_BOOSTING, 3, 0.05, new int[]{0}, new int[]{3},
                new int[]{0, 0, 1, 2, 0, 0, 0, 0, 0},
                new double[]{1, nan, 5, 3, 0.5, nan, nan, nan, nan},
                new int[]{1, 1, 3, 5, 7, 5, 6, 7, 8},
                new double[]{0, -0.2, 0, 0, 0, -0.4, 0.1, 0.3, 0.7},
                new double[]{100, 40, 60, 20, 40, 12, 8, 15, 25});
    }

    static FeatureSchema schemaOf(int n) {
        List<FeatureDefinition> f = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            f.add(new FeatureDefinition("f" + j, FeatureKind.NUMERIC, j == 0 ? FeatureGroup.FIT : FeatureGroup.ENGAGEMENT,
                    "s" + j, null));
        }
        return new FeatureSchema(f);
    }
}

package io.leadscore.scoring.artifact;

import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.GradeBands;
import io.leadscore.scoring.scoring.Scorer;
import io.leadscore.scoring.training.TrainedModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the model file of the current format kept in test resources, with the leads it is checked on and their
 * expected scores. Run it (from the scoring-engine directory, with the test classpath) only when a release
 * introduces a new format version, adding files beside the old ones, never replacing them: the old files are the
 * proof that newer releases still read what older ones wrote (format 1 was written by release 0.1.0).
 */
public final class ModelFileFixture {

    static final String MODEL = "models/gbt-format1-release-0.1.0.lsmodel";
    static final String EXPECTED = "models/gbt-format1-release-0.1.0-expected.csv";
    /** Format 2: point-in-time training, with the claim and the metrics by age band. */
    static final String MODEL_2 = "models/gbt-format2-point-in-time.lsmodel";
    static final String EXPECTED_2 = "models/gbt-format2-point-in-time-expected.csv";
    static final Map<String, String> SETTINGS = Map.of("engagementHalfLifeDays", "14", "asOf", "nightly");
    static final int LEADS = 25;

    private ModelFileFixture() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        ModelArtifact artifact = TrainedModels.spineResult().toArtifact("fixture-gbt-2", SETTINGS, "0.1.0-SNAPSHOT",
                ScoreClaim.pointInTime(180), Map.of("snapshotAges", "0h,1d,3d,7d,14d,30d,60d,90d,180d,365d, then every 91d",
                        "maxSnapshotsPerLead", "8", "labelHorizonDays", "180"));
        ModelFile.write(artifact, resources.resolve(MODEL_2));
        writeExpected(artifact, resources.resolve(EXPECTED_2));
    }

    private static void writeExpected(ModelArtifact artifact, Path expected) throws IOException {
        Scorer scorer = artifact.scorer(GradeBands.relativeTo(0.1));
        double[][] x = TrainedModels.validation().x();
        List<String> lines = new ArrayList<>();
        lines.add("# features..., raw score, calibrated score (Double.toString, exact)");
        for (int i = 0; i < LEADS; i++) {
            StringBuilder line = new StringBuilder();
            for (double v : x[i]) {
                line.append(v).append(',');
            }
            line.append(artifact.model().rawScore(x[i])).append(',').append(scorer.score(x[i]));
            lines.add(line.toString());
        }
        Files.write(expected, lines);
    }
}

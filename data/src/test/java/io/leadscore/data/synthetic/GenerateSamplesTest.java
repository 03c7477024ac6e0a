package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed samples are what the generator writes today: a change to the world must regenerate them. */
class GenerateSamplesTest {
    /** Surefire runs in the module directory. */
    private static final Path SAMPLES = Path.of("samples");

    @Test
    void committedSamplesMatchAFreshGeneration(@TempDir Path dir) throws IOException {
        GenerateSamples.main(new String[] {dir.toString()});

        for (String file : List.of(GenerationSummary.LEADS_FILE, GenerationSummary.ACTIVITIES_FILE,
                GenerationSummary.DEALS_FILE, GenerationSummary.FOLLOW_UPS_FILE, GenerationSummary.TRUTH_FILE)) {
            assertThat(Files.mismatch(SAMPLES.resolve(file), dir.resolve(file)))
                    .as("%s differs: regenerate the samples (data/README.md)", file).isEqualTo(-1);
        }
    }
}

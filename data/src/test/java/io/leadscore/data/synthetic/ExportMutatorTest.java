package io.leadscore.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutator is a test instrument: reproducible, and its outcome adds up. (The import fuzz test uses it.) */
class ExportMutatorTest {
    @TempDir
    static Path dir;
    static Path export;

    @BeforeAll
    static void generate() {
        export = dir.resolve("export");
        new SyntheticCrmGenerator().generate(export, GeneratorOptions.defaults().withLeads(20).withSeed(9), (d, t) -> { });
    }

    @Test
    void theSameSeedGivesTheSameFilesAndTheSameOutcome() throws Exception {
        ExportMutator.Outcome first = ExportMutator.mutate(export, dir.resolve("a"), "x-", 77);
        ExportMutator.Outcome second = ExportMutator.mutate(export, dir.resolve("b"), "x-", 77);

        for (String file : ExportMutator.FILES) {
            assertThat(Files.readAllBytes(second.file(file))).as(file).isEqualTo(Files.readAllBytes(first.file(file)));
        }
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.mutations()).isEqualTo(first.mutations());
    }

    @Test
    void everyRowIsGoodBadOrTakenInByAnOpenQuoteAndEveryIdCarriesThePrefix() throws Exception {
        for (long seed = 0; seed < 40; seed++) {
            ExportMutator.Outcome o = ExportMutator.mutate(export, dir.resolve("s" + seed), "p" + seed + "/", seed);
            for (ExportMutator.FileOutcome f : o.files().values()) {
                assertThat(f.goodRows() + f.badLines().size()).isLessThanOrEqualTo(f.rows());
                assertThat(f.badLines().keySet()).allMatch(line -> line >= 2);
            }
            String prefix = "p" + seed + "/";
            assertThat(o.leads().keySet()).allMatch(id -> id.startsWith(prefix));
            if (o.rejectedFile() != null) {
                assertThat(o.leads()).isEmpty();
            }
        }
    }
}

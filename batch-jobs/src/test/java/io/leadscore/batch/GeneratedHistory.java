package io.leadscore.batch;

import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.FileRejectedException;
import io.leadscore.batch.leadimport.ImportReport;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.ProgressListener;
import io.leadscore.data.synthetic.SyntheticCrmGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A synthetic CRM history, generated once per JVM and seed into a temporary
 * directory, imported into a test's store through the real import job.
 */
public final class GeneratedHistory {
    private final GeneratorOptions options;
    private final Path directory;

    private GeneratedHistory(GeneratorOptions options, Path directory) {
        this.options = options;
        this.directory = directory;
    }

    public static GeneratedHistory of(int leads, long seed) {
        return of(GeneratorOptions.defaults().withLeads(leads).withSeed(seed));
    }

    /** A history of the given kind ({@link io.leadscore.data.synthetic.World}). */
    public static GeneratedHistory of(int leads, long seed, io.leadscore.data.synthetic.World world, int historyDays) {
        return of(GeneratorOptions.defaults().withLeads(leads).withSeed(seed).withWorld(world).withHistoryDays(historyDays));
    }

    private static GeneratedHistory of(GeneratorOptions options) {
        try {
            Path dir = Files.createTempDirectory("leadscore-history-");
            dir.toFile().deleteOnExit();
            new SyntheticCrmGenerator().generate(dir, options, ProgressListener.NONE);
            for (String file : new String[] {"leads.csv", "activities.csv", "deals.csv", "followups.csv", "truth.csv"}) {
                dir.resolve(file).toFile().deleteOnExit();
            }
            return new GeneratedHistory(options, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the history: every event before it. */
    public Instant until() {
        return options.until().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    public ImportReport importInto(CrmImport crmImport) {
        try {
            return crmImport.run(new CrmImport.Request(file("leads.csv").toString(), file("activities.csv").toString(),
                    file("deals.csv").toString(), file("followups.csv").toString()));
        } catch (FileRejectedException e) {
            throw new IllegalStateException("a generated file was refused: " + e.getMessage(), e);
        }
    }
}

package io.leadscore.data.synthetic;

import java.nio.file.Path;

/**
 * Regenerates the committed sample export in {@code data/samples/}: 2,000
 * leads, seed 42, every other option at its default. data/README.md gives the
 * command. Arguments, both optional: the output directory, and a number of
 * leads other than 2,000 (for a timing run of a larger world).
 */
public final class GenerateSamples {
    /** Leads in the committed samples: small enough to read, large enough to hold every kind of row. */
    public static final int SAMPLE_LEADS = 2_000;

    private GenerateSamples() {
    }

    /** The options the samples are generated with. */
    public static GeneratorOptions sampleOptions() {
        return GeneratorOptions.defaults().withLeads(SAMPLE_LEADS);
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "data/samples");
        GeneratorOptions options = args.length > 1 ? sampleOptions().withLeads(Integer.parseInt(args[1])) : sampleOptions();
        long start = System.nanoTime();
        GenerationSummary summary = new SyntheticCrmGenerator().generate(out, options, ProgressListener.NONE);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("Wrote " + summary.rowsByFile() + " to " + out.toAbsolutePath() + " in " + millis + " ms");
    }
}

package io.leadscore.app.cli;

import io.leadscore.data.synthetic.GenerationSummary;
import io.leadscore.data.synthetic.GeneratorOptions;
import io.leadscore.data.synthetic.ProgressListener;
import io.leadscore.data.synthetic.SyntheticCrmGenerator;
import io.leadscore.data.synthetic.World;
import io.leadscore.batch.store.JobProgress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore generate}: a synthetic CRM export in the import format. No store, no Spring. */
@Command(name = "generate", description = {
        "Writes a synthetic CRM history in the import format (leads, activities, deals, followups) and truth.csv,",
        "each lead's true conversion probability. The same seed gives byte-identical files."})
final class GenerateCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    static final java.time.LocalDate EARLIEST_UNTIL = java.time.LocalDate.of(1972, 1, 1);

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory to write the files to")
    Path out;

    @Option(names = "--leads", paramLabel = "N", description = "leads to generate, 1 to 10,000,000 (default 20000)")
    int leads = GeneratorOptions.DEFAULT_LEADS;

    @Option(names = "--seed", paramLabel = "S", description = "random seed, any whole number (default 42)")
    long seed = GeneratorOptions.DEFAULT_SEED;

    @Option(names = "--until", paramLabel = "DATE", description = "end of the history, 1972-01-01 to 2199-12-31 (default 2026-11-01)")
    java.time.LocalDate until = GeneratorOptions.DEFAULT_UNTIL;

    @Option(names = "--history-days", paramLabel = "N", description = "days of history before --until, 1 to 3,660 (default 730)")
    int historyDays = GeneratorOptions.DEFAULT_HISTORY_DAYS;

    @Option(names = "--world", paramLabel = "textbook|messy", description =
            "textbook (default): deals through the MQL hand-off; messy: also deals around it (referrals and returning"
            + " customers straight to a rep), customers' further deals on the same lead, skipped stages, missing"
            + " follow-ups, a strong season and a team that grows")
    String world = World.TEXTBOOK.wireName();

    @Override
    public Integer call() {
        if (until.isBefore(EARLIEST_UNTIL) || until.getYear() > 2199) {
            // the history reaches two years back: every timestamp in the files stays inside the import contract's range
            throw new UsageException("--until " + until + ": expected 1972-01-01 to 2199-12-31");
        }
        requireRanges(leads, historyDays);
        GeneratorOptions options;
        try {
            options = GeneratorOptions.defaults().withLeads(leads).withSeed(seed).withUntil(until)
                    .withHistoryDays(historyDays).withWorld(World.parse(world));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        GenerationSummary summary = generate(out, options, root.globals().quiet());
        print(summary, new Output(System.out, root.globals().format()));
        return 0;
    }

    /** The flags' documented ranges, named as typed (the generator's own checks speak of its options). */
    static void requireRanges(int leads, int historyDays) {
        if (leads < 1 || leads > GeneratorOptions.MAX_LEADS) {
            throw new UsageException(String.format(java.util.Locale.ROOT, "--leads %d: expected 1 to %,d", leads,
                    GeneratorOptions.MAX_LEADS));
        }
        if (historyDays < 1 || historyDays > 3_660) {
            throw new UsageException("--history-days " + historyDays + ": expected 1 to 3,660");
        }
    }

    static GenerationSummary generate(Path out, GeneratorOptions options, boolean quiet) {
        JobProgress progress = TerminalProgress.forTerminal(quiet);
        String task = "generating " + String.format(Locale.ROOT, "%,d", options.leads()) + " leads";
        ProgressListener listener = (done, total) -> progress.report(task, done, total);
        try {
            GenerationSummary summary = new SyntheticCrmGenerator().generate(out, options, listener);
            progress.finished(task);
            return summary;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            throw new UsageException("cannot write to " + out + ": " + Failures.ioReason(e.getCause(), out));
        }
    }

    static void print(GenerationSummary s, Output out) {
        var rates = s.rates();
        if (out.format() == OutputFormat.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("directory", s.directory().toString());
            root.put("seed", s.options().seed());
            root.put("rows", s.rowsByFile());
            root.put("first_lead_created", s.firstLeadCreated().toString());
            root.put("last_lead_created", s.lastLeadCreated().toString());
            root.put("history_end", s.historyEnd().toString());
            root.put("lead_to_won", rates.leadToWon());
            root.put("oracle_auc", rates.oracleAuc());
            out.json(root);
            return;
        }
        out.line("Wrote a synthetic CRM history to " + s.directory() + ":");
        s.rowsByFile().forEach((file, rows) -> out.line(String.format(Locale.ROOT, "  %-15s %,12d rows", file, rows)));
        String span = "Leads created " + s.firstLeadCreated().toString().substring(0, 10) + " to "
                + s.lastLeadCreated().toString().substring(0, 10) + ".";
        if (Double.isNaN(rates.leadToWon())) {
            out.line(span + " No lead is past its outcome horizon yet: a longer --history-days gives some that are.");
        } else {
            out.line(span + String.format(Locale.ROOT, " Of the leads past their outcome horizon, %.2f%% won (the"
                    + " truth's oracle AUC is %s).", 100 * rates.leadToWon(), Double.isNaN(rates.oracleAuc())
                    ? "undefined: one outcome only" : String.format(Locale.ROOT, "%.3f", rates.oracleAuc())));
        }
    }
}

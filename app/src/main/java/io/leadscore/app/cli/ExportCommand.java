package io.leadscore.app.cli;

import io.leadscore.batch.rescoring.ScoreExport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code leadscore export scores --out FILE}. */
@Command(name = "export", description = "Exports data: scores (lead_id,score,grade,stage,model_version,scored_at).")
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WHAT", description = "what to export: scores")
    String what;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the CSV file to write")
    Path out;

    @Override
    public Integer call() {
        if (!"scores".equalsIgnoreCase(what.strip())) {
            throw new UsageException("unknown export '" + what + "', expected: scores");
        }
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + ": a directory, expected the CSV file to write");
        }
        try (StoreSession session = StoreSession.open(root.globals())) {
            // as generate does with its --out: the folders on the way are made
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UsageException("--out " + out + ": cannot make the directory " + dir + " ("
                        + Failures.ioReason(e, dir) + ")");
            }
            // write to a temporary file beside the target, then move it: a reader never sees half a file
            Path partial = Files.createTempFile(dir, ".scores-", ".csv.partial");
            long leads;
            try (Writer writer = new BufferedWriter(Files.newBufferedWriter(partial, StandardCharsets.UTF_8), 1 << 16)) {
                leads = session.bean(ScoreExport.class).write(writer);
            } catch (IOException | UncheckedIOException e) {
                Files.deleteIfExists(partial);
                throw new UsageException("cannot write " + out + ": " + Failures.ioReason(
                        e instanceof UncheckedIOException u ? u.getCause() : (IOException) e, out));
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (root.globals().format() == OutputFormat.json) {
                // the result for a program: what was written where (the file itself is always CSV)
                java.util.Map<String, Object> result = new java.util.LinkedHashMap<>();
                result.put("file", out.toAbsolutePath().toString());
                result.put("leads", leads);
                new Output(System.out, OutputFormat.json).json(result);
            } else if (!root.globals().quiet()) {
                System.err.printf("leadscore: exported %,d scored leads to %s%n", leads, out);
            }
            return 0;
        } catch (IOException e) {
            throw new UsageException("cannot write " + out + ": " + Failures.ioReason(e, out));
        }
    }
}

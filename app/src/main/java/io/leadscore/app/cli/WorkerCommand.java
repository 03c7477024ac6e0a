package io.leadscore.app.cli;

import io.leadscore.batch.rescoring.RescoreWorker;
import io.leadscore.batch.store.ProgressRelay;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code leadscore worker}: works the partitions of remote rescoring runs on this store until stopped. */
@Command(name = "worker", description = {
        "Joins this store's installation as a rescoring worker: takes partitions of remote runs",
        "(rescore --remote, on any machine) as they are handed out, works them, and reports back through the store;",
        "runs until stopped (SIGTERM or Ctrl-C finishes the chunk in hand). Needs a PostgreSQL store."})
final class WorkerCommand implements Callable<Integer> {
    @ParentCommand
    LeadscoreCommand root;

    @Option(names = "--threads", paramLabel = "N", description = "partitions worked at once, 1 to 64 (default: the number of cores)")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || n > 64) {
            throw new UsageException("--threads " + n + ": expected 1 to 64");
        }
        GlobalOptions globals = root.globals();
        RescoreCommand.requireSharedStore(globals, "worker");
        StoreLocation.check(globals.dbUrl(), globals.create());
        StoreSession session = StoreSession.open(globals, WebApplicationType.NONE,
                Map.of("spring.main.lazy-initialization", true));
        // a worker that cannot score with the champion (a store's model signed with another key than this
        // process holds, a damaged file) would fail every partition it takes: it refuses to start instead
        var registry = session.bean(io.leadscore.batch.registry.ModelRegistry.class);
        try {
            registry.champion().ifPresent(champion -> registry.verify(champion.version()));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        // partitions are reported one line each, not as a progress bar
        session.bean(ProgressRelay.class).target(null);
        RescoreWorker worker = session.bean(RescoreWorker.class);
        PrintStream err = System.err;
        boolean quiet = globals.quiet();
        worker.start(n, line -> {
            if (!quiet) {
                err.println(LocalTime.now(ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"))
                        + "Z " + line);
                err.flush();
            }
        });
        if (!quiet) {
            err.println("leadscore worker: " + n + " thread(s) waiting for rescoring partitions on "
                    + globals.dbUrl().replaceAll("(?i)(password=)[^&;]*", "$1***") + "; SIGTERM or Ctrl-C stops it");
            err.flush();
        }
        // SIGTERM closes the session (Spring's shutdown hook), which stops the worker after the chunk in hand
        worker.awaitStopped();
        return 0;
    }
}

package io.leadscore.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The entry point of the application jar. Exit codes follow the contract:
 * 0 success, 1 a job ran and failed, 2 bad usage or bad input. Errors are one
 * line on stderr; a stack trace only with {@code --debug}.
 */
public final class LeadscoreMain {
    private LeadscoreMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        LeadscoreCommand root = new LeadscoreCommand();
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = root.globals().debug();
            PrintWriter err = commandLine.getErr();
            int code;
            String message;
            if (e instanceof UsageException) {
                code = 2;
                message = e.getMessage();
            } else if (e instanceof JobFailedException) {
                code = 1;
                message = e.getMessage();
            } else if (e instanceof IllegalArgumentException) {
                code = 2;
                message = e.getMessage();
            } else if (e instanceof io.leadscore.batch.store.JobLock.HeldException) {
                code = 2;
                message = e.getMessage();
            } else {
                code = 1;
                message = "unexpected failure: " + e + (debug ? "" : " (run with --debug for details)");
            }
            err.println("leadscore " + commandLine.getCommandName() + ": " + message);
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        return cli;
    }
}

package io.leadscore.app.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the application jar. Exit codes follow the contract:
 * 0 success, 1 a job ran and failed, 2 bad usage or bad input. Every failure
 * is one line on stderr that says what went wrong, where, and what to do
 * ({@link Failures}); a stack trace only with {@code --debug}.
 */
public final class LeadscoreMain {
    private LeadscoreMain() {
    }

    public static void main(String[] args) {
        QuietStart.beforeSpring(List.of(args).contains("--debug"));
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
        cli.setParameterExceptionHandler(LeadscoreMain::badUsage);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = root.globals().debug();
            Failures.Failure failure = Failures.classify(e);
            PrintWriter err = commandLine.getErr();
            err.println(name(commandLine) + ": " + failure.message());
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        });
        return cli;
    }

    /**
     * Bad usage: the one line picocli has to say, the closest option when one was mistyped, and where to read
     * more — not the whole usage, which buries the line that matters.
     */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        StringBuilder line = new StringBuilder(name(commandLine)).append(": ").append(Failures.oneLine(e.getMessage()));
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions().stream()
                    .limit(3).toList())).append("?)");
        }
        line.append("; see '").append(name(commandLine)).append(" --help'");
        err.println(line);
        err.flush();
        return Failures.USER;
    }

    private static String name(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName(" ");
    }
}

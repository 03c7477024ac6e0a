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
        paragraphs(cli);
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
     * Each command's description is written in source lines of a hundred-odd characters; picocli prints every
     * element as a line of its own and wraps it to the terminal, which leaves a stub after each. Lines that do not
     * end a sentence are joined into one paragraph, and picocli wraps that.
     */
    static void paragraphs(CommandLine commandLine) {
        picocli.CommandLine.Model.UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
        List<String> joined = new java.util.ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : usage.description()) {
            String text = line.strip();
            if (text.isEmpty()) {
                // a blank line stays one: it separates paragraphs
                if (!paragraph.isEmpty()) {
                    joined.add(paragraph.toString());
                    paragraph.setLength(0);
                }
                joined.add("");
                continue;
            }
            if (!paragraph.isEmpty()) {
                paragraph.append(' ');
            }
            paragraph.append(text);
            if (text.endsWith(".") || text.endsWith(":")) {
                joined.add(paragraph.toString());
                paragraph.setLength(0);
            }
        }
        if (!paragraph.isEmpty()) {
            joined.add(paragraph.toString());
        }
        usage.description(joined.toArray(String[]::new));
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            paragraphs(sub);
        }
    }

    /**
     * Bad usage: the one line picocli has to say, the closest option when one was mistyped, and where to read
     * more — not the whole usage, which buries the line that matters.
     */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        StringBuilder line = new StringBuilder(name(commandLine)).append(": ");
        List<String> unknown = e instanceof UnmatchedArgumentException unmatched ? unmatched.getUnmatched().stream()
                .filter(a -> a.startsWith("-") && !a.matches("-[0-9.]+")).toList() : List.of();
        if (unknown.isEmpty()) {
            line.append(Failures.oneLine(e.getMessage()));
            if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
                line.append(" (did you mean ").append(String.join(" or ", unmatched.getSuggestions().stream()
                        .limit(3).toList())).append("?)");
            }
        } else {
            // the options, not the values after them; and the nearest of this command's own options by spelling
            line.append(unknown.size() == 1 ? "Unknown option: " : "Unknown options: ")
                    .append(String.join(", ", unknown.stream().map(a -> "'" + a + "'").toList()));
            nearestOption(commandLine, unknown.get(0)).ifPresent(n -> line.append(" (did you mean ").append(n).append("?)"));
        }
        line.append("; see '").append(name(commandLine)).append(" --help'");
        err.println(line);
        err.flush();
        return Failures.USER;
    }

    /** The option of the command spelt most like {@code given} (its text before any '='), if one is near enough. */
    private static java.util.Optional<String> nearestOption(CommandLine commandLine, String given) {
        String typed = relaxed(given.contains("=") ? given.substring(0, given.indexOf('=')) : given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (picocli.CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options()) {
            for (String name : option.names()) {
                int d = ConfigNames.distance(relaxed(name), typed);
                if (d < bestDistance) {
                    best = name;
                    bestDistance = d;
                }
            }
        }
        return best != null && bestDistance <= Math.max(2, typed.length() / 3) ? java.util.Optional.of(best)
                : java.util.Optional.empty();
    }

    private static String relaxed(String option) {
        return option.replaceFirst("^-+", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static String name(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName(" ");
    }
}

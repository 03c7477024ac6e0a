package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadscore.simulator.ScenarioRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every number the command line takes has a documented range, and a value
 * outside it is bad usage (exit 2, one line naming the flag and the range)
 * rather than a crash, a hang or an exhausted heap.
 */
class CommandLineRangesTest {
    private static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class);
    private static final Pattern RANGE = Pattern.compile("\\d[\\d,.]* to [\\d,]+|more than \\d|any whole number"
            + "|\\d+ to \\d+ of them");

    static List<OptionSpec> numericOptions(CommandSpec spec) {
        List<OptionSpec> out = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            boolean numeric = NUMBERS.contains(option.type()) || option.isMultiValue()
                    && Stream.of(option.auxiliaryTypes()).anyMatch(NUMBERS::contains);
            if (numeric && !option.usageHelp() && !option.versionHelp()) {
                out.add(option);
            }
        }
        for (CommandLine sub : spec.subcommands().values()) {
            out.addAll(numericOptions(sub.getCommandSpec()));
        }
        return out;
    }

    @Test
    void everyNumericOptionOfEveryCommandDocumentsItsRange() {
        List<OptionSpec> options = numericOptions(LeadscoreMain.commandLine().getCommandSpec());

        assertThat(options).hasSizeGreaterThan(20);
        for (OptionSpec option : options) {
            String description = String.join(" ", option.description());
            assertThat(RANGE.matcher(description).find())
                    .as(option.command().qualifiedName() + " " + option.longestName() + ": " + description).isTrue();
        }
    }

    @Test
    void theScenarioFlagsDocumentTheRangesTheyCheck() {
        CommandSpec simulate = LeadscoreMain.commandLine().getSubcommands().get("simulate").getCommandSpec();
        for (ScenarioRanges.Range range : ScenarioRanges.ALL) {
            OptionSpec option = simulate.findOption("--" + range.name());
            if (option != null) {
                assertThat(String.join(" ", option.description())).as(range.name()).contains(range.describe());
            }
        }
    }

    static Stream<Arguments> outsideTheirRange() {
        return Stream.<String[]>of(
                new String[] {"simulate", "--reps", "1000000000"},
                new String[] {"simulate", "--reps", "-1"},
                new String[] {"simulate", "--trials", "0"},
                new String[] {"simulate", "--trials", "2000000000"},
                new String[] {"simulate", "--period-days", "100000"},
                new String[] {"simulate", "--threshold", "0"},
                new String[] {"simulate", "--threshold", "NaN"},
                new String[] {"simulate", "--sla-hours", "0"},
                new String[] {"simulate", "--sla-hours", "Infinity"},
                new String[] {"simulate", "--quota", "-5"},
                new String[] {"simulate", "--quota", "1e300"},
                new String[] {"simulate", "--leads-per-week", "1e7"},
                new String[] {"simulate", "--touches-per-rep-per-day", "0"},
                new String[] {"simulate", "--threads", "100000"},
                new String[] {"plan", "--confidence", "1"},
                new String[] {"plan", "--confidence", "0.8", "--sweep-threshold", "0.1,1.5"},
                new String[] {"plan", "--confidence", "0.8", "--sweep-sla-hours", "-4"},
                new String[] {"plan", "--confidence", "0.8", "--reps", "99999"},
                new String[] {"generate", "--out", "x", "--until", "1900-01-01"},
                new String[] {"generate", "--out", "x", "--leads", "0"},
                new String[] {"jobs", "--limit", "100000"},
                new String[] {"rescore", "--grid-size", "0"},
                new String[] {"rescore", "--remote", "--partitions", "1025"},
                new String[] {"rescore", "--remote", "--worker-timeout", "0s"},
                new String[] {"rescore", "--remote", "--worker-timeout", "25h"},
                new String[] {"rescore", "--remote", "--worker-timeout", "soon"},
                new String[] {"worker", "--threads", "0"},
                new String[] {"bench", "rescore", "--workers", "17"},
                new String[] {"serve", "--port", "70000"},
                new String[] {"bench", "rescore", "--leads", "10"},
                new String[] {"bench", "events", "--url", "ftp://localhost:1"},
                new String[] {"bench", "events", "--url", "http://localhost:1", "--token-env", "LEADSCORE_NO_SUCH_VARIABLE"},
                new String[] {"bench", "events", "--url", "http://localhost:1", "--token-env", "PATH", "--seconds", "1"},
                new String[] {"bench", "events", "--url", "http://localhost:1", "--token-env", "PATH", "--batch", "10001"},
                new String[] {"rescore", "--as-of", "+999999999-12-31T23:59:59Z"})
                .map(args -> Arguments.of((Object) args));
    }

    @org.junit.jupiter.api.Test
    void theRefusalNamesTheFlagAsTyped() {
        String[][] cases = {
            {"--leads", "demo", "--leads", "0"},
            {"--history-days", "generate", "--out", "x", "--history-days", "0"},
            {"--from", "simulate", "--from", "1969-01-01", "--to", "1969-02-01"},
            {"--sweep-sla-hours", "plan", "--confidence", "0.8", "--sweep-sla-hours", "4,337"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            CommandLineErrorsTest.Run r = CommandLineErrorsTest.run(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).singleElement().asString()
                    .startsWith("leadscore " + args[0] + ": " + c[0] + " ");
        }
    }

    @ParameterizedTest
    @MethodSource
    void outsideTheirRange(String[] args) {
        CommandLineErrorsTest.Run r = CommandLineErrorsTest.run(args);

        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
        assertThat(r.errLines().get(0)).matches(".*(expected|out of range).*");
    }
}

package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line's one error path: every failure is one line on stderr
 * (what, where, what to do), a stack trace only with {@code --debug}, exit 2
 * for what the user can fix, exit 1 for a job that ran and failed, and its own
 * message for a bug. Whatever a library or the framework logs on the way must
 * not add lines either, so stderr is captured whole (System.err and picocli's
 * writer).
 */
class CommandLineErrorsTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /**
     * Runs a command line made after System.err is swapped: picocli's default execution strategy keeps the
     * System.err of its creation and puts it back as the error writer when it runs.
     */
    static Run run(Supplier<CommandLine> commandLine, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = commandLine.get();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), systemErr.toString(StandardCharsets.UTF_8) + err);
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--quiet")) {
            all.add("--quiet");
        }
        return run(LeadscoreMain::commandLine, all.toArray(String[]::new));
    }

    String store(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath();
    }

    /** A history too thin for what is asked of it is the user's to fix (exit 2, one line that says how). */
    @Nested
    class ThinHistory {
        @Test
        void aHistoryWithOneOutcomeCannotTrainAndSaysWhatWouldHelp() throws IOException {
            Path leads = Files.writeString(dir.resolve("leads.csv"), "lead_id,created_at\nL-1,2025-01-02\n");
            Path deals = Files.writeString(dir.resolve("deals.csv"), "deal_id,lead_id,created_at,status,closed_at,amount\n"
                    + "D-1,L-1,2025-02-01,won,2025-03-01,1000\n");
            assertThat(run("import", "--leads", leads.toString(), "--deals", deals.toString(), "--db", store("one"))
                    .exit()).isZero();

            Run r = run("train", "--db", store("one"));

            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains("cannot make a model", "every one converted", "both outcomes are needed",
                    "import more history").doesNotContain("\tat ");
            // refused input, not a failed job: nothing printed as a result, and no run left behind in the jobs list
            assertThat(r.out()).isEmpty();
            assertThat(run("jobs", "--db", store("one")).out()).contains("crmImportJob").doesNotContain("retrainJob");

            // a store whose every lead is still inside its outcome horizon has nothing to learn from yet
            Path young = Files.writeString(dir.resolve("young.csv"), "lead_id,created_at\nY-1,"
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3) + "\n");
            assertThat(run("import", "--leads", young.toString(), "--db", store("young")).exit()).isZero();
            Run none = run("train", "--db", store("young"));
            assertThat(none.exit()).as(none.err()).isEqualTo(2);
            assertThat(none.err()).contains("cannot make a model", "Not enough labelled snapshots", "import more history");

            // a back-test of a period before the store's first lead has nothing to simulate from
            Run early = run("simulate", "--backtest-from", "2024-07-01", "--to", "2024-10-01", "--trials", "100",
                    "--db", store("one"));
            assertThat(early.exit()).as(early.err()).isEqualTo(2);
            assertThat(early.err()).contains("nothing in the store was known before 2024-07-01",
                    "first lead was created on 2025-01-02");

            // the demo asked for a history too small to learn from says so as train does, not as a failed job
            Run demo = run("demo", "--leads", "50", "--db", store("tiny-demo"), "--export-dir",
                    dir.resolve("tiny-export").toString());
            assertThat(demo.exit()).as(demo.err()).isEqualTo(2);
            assertThat(demo.errLines()).singleElement().asString()
                    .startsWith("leadscore demo: a history of 50 leads is too thin to make a model: ")
                    .endsWith("run the demo with more leads (--leads 2000 or more; the default is 20000)");

            // nor can a period the store holds nothing of yet: it has not happened, so nothing is a miss
            // a scenario's flag would be ignored by a back-test, which replays each period as it was
            Run flagged = run("simulate", "--backtest-all", "--threshold", "0.3", "--reps", "0", "--db", store("one"));
            assertThat(flagged.exit()).as(flagged.err()).isEqualTo(2);
            assertThat(flagged.errLines()).singleElement().asString().startsWith("leadscore simulate: --backtest-all"
                    + " simulates each past period as it was").contains("--threshold, --reps would change nothing");
            Run quota = run("simulate", "--backtest-from", "2025-02-01", "--to", "2025-03-01", "--quota", "5",
                    "--db", store("one"));
            assertThat(quota.exit()).as(quota.err()).isEqualTo(2);
            assertThat(quota.err()).contains("--quota would change nothing; leave it out");

            Run future = run("simulate", "--backtest-from", "2025-02-01", "--to", "2030-01-01", "--trials", "100",
                    "--db", store("one"));
            assertThat(future.exit()).as(future.err()).isEqualTo(2);
            assertThat(future.errLines()).containsExactly("leadscore simulate: --to 2030-01-01 lies after what the"
                    + " store knows (its latest lead or activity is from 2025-01-02): a back-test compares a past"
                    + " period with what happened in it; pick --to 2025-01-03 or earlier");
        }
    }

    @Test
    void aFieldToLeaveOutThatNoLeadHasIsATypoRefusedBeforeTraining() throws IOException {
        Path leads = Files.writeString(dir.resolve("verdicts.csv"), "lead_id,created_at,Sales_Verdict\n"
                + "V-1,2025-01-02,good\nV-2,2025-01-03,\n");
        assertThat(run("import", "--leads", leads.toString(), "--db", store("verdicts")).exit()).isZero();

        Run typo = run("train", "--exclude", "sales_verdikt", "--db", store("verdicts"));

        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.errLines()).singleElement().asString().startsWith("leadscore train: --exclude sales_verdikt:"
                + " no lead in the store has a field or custom attribute of that name");
        assertThat(run("jobs", "--db", store("verdicts")).out()).doesNotContain("retrainJob");
        // an empty name (a stray comma) would leave out nothing while the user meant a field
        for (String empty : List.of("", " ")) {
            Run blank = run("train", "--exclude", empty, "--db", store("verdicts"));
            assertThat(blank.exit()).as(empty).isEqualTo(2);
            assertThat(blank.errLines()).as(empty).singleElement().asString()
                    .startsWith("leadscore train: --exclude: an empty field name");
        }
        // the attribute as the file spells it, in any case, and a lead field: past the check (to the thin history)
        for (String known : List.of("sales_verdict", "SALES_VERDICT", "industry")) {
            Run r = run("train", "--exclude", known, "--db", store("verdicts"));
            assertThat(r.err()).as(known).doesNotContain("--exclude").contains("cannot make a model");
        }
    }

    @Test
    void csvListsEveryRejectedRowBeyondTheThousandTheOtherFormsList() throws IOException {
        StringBuilder leads = new StringBuilder("lead_id,created_at\n");
        for (int i = 0; i < 1_200; i++) {
            leads.append("B-").append(i).append(",not-a-date\n");
        }
        leads.append("G-1,2026-01-02\n");
        Path file = Files.writeString(dir.resolve("many-bad.csv"), leads.toString());

        Run csv = run("import", "--leads", file.toString(), "--db", store("many"), "--format", "csv");

        assertThat(csv.exit()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("file,read,imported,updated,unchanged,rejected,line,column,reason");
        assertThat(lines.get(1)).startsWith(file + ",1201,1,0,0,1200,");
        assertThat(lines.subList(2, lines.size())).hasSize(1_200).allMatch(l -> l.contains(",created_at,"));
        assertThat(lines.get(lines.size() - 1)).startsWith(file + ",,,,,,1201,created_at,");
    }

    @Test
    void aFileThatCannotBeWrittenSaysWhyNotOnlyWhichFile() {
        // /proc takes no new files: the system's reason, and the temporary file it concerned
        Run r = run("export", "scores", "--out", "/proc/leadscore-scores.csv", "--db", store("s"), "--create");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("leadscore export: cannot write /proc/leadscore-scores.csv: no such file or folder (/proc/.scores-");
    }

    @Test
    void everyCommandsHelpDescribesItInWholeParagraphsWithoutStubLines() {
        List<CommandLine> commands = new ArrayList<>();
        commands.add(LeadscoreMain.commandLine());
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
        }
        assertThat(commands).hasSizeGreaterThan(10);
        // a blank line of a description stays one: the root's sets its paragraph apart from the options
        assertThat(commands.get(0).getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)))
                .containsPattern("hit quota\\.\\R\\R +--config");
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName(" ");
            // each paragraph wrapped once to the terminal, not each source line wrapped again into a stub
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                String[] lines = option.description();
                for (int i = 0; i + 1 < lines.length; i++) {
                    assertThat(lines[i].strip()).as("%s %s: a description line that is not a paragraph", name,
                            option.longestName()).matches("(?s)(.*[.:])?");
                }
            }
            String help = command.getUsageMessage(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            List<String> lines = help.lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                boolean paragraphGoesOn = !lines.get(i + 1).isBlank() && !lines.get(i + 1).startsWith(" ")
                        && !line.isBlank() && !line.startsWith(" ") && !line.strip().matches("(?s).*[.:]");
                assertThat(paragraphGoesOn && line.length() < 40).as("%s: a stub line in its help: '%s'", name, line)
                        .isFalse();
            }
        }
    }

    @Nested
    class BadUsage {
        @Test
        void anUnknownOptionIsOneLineWithTheNearestOptionAndAPointerToHelpNotTheWholeUsage() {
            Run r = run("rescore", "--restrat");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("leadscore rescore: Unknown option: '--restrat'")
                    .contains("did you mean --restart")
                    .endsWith("see 'leadscore rescore --help'");
            assertThat(r.out()).isEmpty();
        }

        @Test
        void theNearestOptionIsTheOneSpeltMostLikeItAndTheValueAfterItIsNoOption() {
            Run threshold = run("simulate", "--treshold", "0.1");
            Run quota = run("simulate", "--qouta", "5");
            Run db = run("models", "--bd", "jdbc:h2:file:/nowhere/leadscore");

            assertThat(threshold.errLines()).singleElement().asString()
                    .startsWith("leadscore simulate: Unknown option: '--treshold' (did you mean --threshold?)");
            assertThat(quota.errLines()).singleElement().asString()
                    .startsWith("leadscore simulate: Unknown option: '--qouta' (did you mean --quota?)");
            assertThat(db.errLines()).singleElement().asString()
                    .startsWith("leadscore models: Unknown option: '--bd' (did you mean --db?)");
            assertThat(threshold.exit()).isEqualTo(2);
        }

        @Test
        void aMissingRequiredOptionIsOneLine() {
            Run r = run("export", "scores");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().contains("--out").doesNotContain("Usage");
        }

        @Test
        void aNumberOutsideItsRangeIsOneLineNamingTheRange() {
            Run r = run("jobs", "--limit", "0");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("leadscore jobs: --limit 0: expected 1 to 10,000");
        }

        @Test
        void aDateBeforeTheEpochIsRefusedBeforeAnyRunIsRecorded() {
            Run r = run("train", "--as-of", "1900-01-01", "--db", store("s"), "--create");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString()
                    .contains("--as-of", "1900-01-01", "out of range", "1970-01-01 to 2199-12-31");
        }
    }

    @Nested
    class Settings {
        @Test
        void brokenYamlIsOneLineWithItsLineAndColumnAndNothingOnStdout() throws IOException {
            Path config = Files.writeString(dir.resolve("broken.yml"), "leadscore:\n  rescore: [\n    chunk-size: 5\n");

            Run r = run("--config", config.toString(), "jobs", "--db", store("s"), "--create");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("leadscore jobs: --config " + config + ": not valid YAML at line ");
        }

        /** {@code jobs} on a fresh store with a settings file of this name and text. */
        private Run jobsWithSettings(String file, String text) throws IOException {
            Path config = Files.writeString(dir.resolve(file), text);
            return run("--config", config.toString(), "jobs", "--db", store("s"), "--create");
        }

        @Test
        void aValueOfTheWrongKindNamesTheSettingTheValueAndWhereItStands() throws IOException {
            Run r = jobsWithSettings("word.yml", "leadscore:\n  policy:\n    mql-threshold: abc\n");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("leadscore jobs: --config " + dir.resolve("word.yml")
                    + ": leadscore.policy.mql-threshold: 'abc' is not a number (line 3, column 20)");
        }

        @Test
        void aMisspeltSettingIsRefusedWithTheNearestNameNotIgnored() throws IOException {
            Run misspeltSection = jobsWithSettings("section.yml", "leadscore:\n  polcy:\n    mql-threshold: 0.5\n");
            Run misspeltSetting = jobsWithSettings("setting.properties", "leadscore.policy.mql-treshold=0.5\n");

            assertThat(misspeltSection.exit()).isEqualTo(2);
            assertThat(misspeltSection.errLines()).singleElement().asString().startsWith("leadscore jobs: --config "
                    + dir.resolve("section.yml") + ": unknown setting leadscore.polcy (did you mean leadscore.policy?)");
            assertThat(misspeltSetting.exit()).isEqualTo(2);
            assertThat(misspeltSetting.errLines()).singleElement().asString().startsWith("leadscore jobs: --config "
                    + dir.resolve("setting.properties") + ": unknown setting leadscore.policy.mql-treshold (did you mean"
                    + " leadscore.policy.mql-threshold?); leadscore.policy.* takes ");
            // the names as Spring binds them, in any of its spellings, and settings outside leadscore. pass
            assertThat(jobsWithSettings("fine.properties", "leadscore.policy.slaHours=12\nleadscore.rescore.chunk_size=100"
                    + "\nspring.main.banner-mode=off\n").exit()).isZero();
        }

        @Test
        void aSettingOutOfRangeIsOneLineNamingTheSetting() throws IOException {
            Path config = Files.writeString(dir.resolve("negative.yml"), "leadscore:\n  rescore:\n    chunk-size: -5\n");

            Run r = run("--config", config.toString(), "jobs", "--db", store("s"), "--create");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("leadscore jobs: --config " + config
                    + ": Invalid leadscore.rescore.chunk-size (line 3, column 17): -5, expected 1 to 100000");
            // a duration as the file writes it, not as ISO-8601 would
            Run poll = jobsWithSettings("poll.yml", "leadscore:\n  remote:\n    poll-interval: 0s\n");
            assertThat(poll.errLines()).containsExactly("leadscore jobs: --config " + dir.resolve("poll.yml")
                    + ": Invalid leadscore.remote.poll-interval (line 3, column 20): 0s, expected 10ms to 1m");
            // a policy value alike, in the policy's own words for its range
            Run threshold = jobsWithSettings("threshold.yml", "leadscore:\n  policy:\n    mql-threshold: 2.5\n");
            assertThat(threshold.errLines()).containsExactly("leadscore jobs: --config " + dir.resolve("threshold.yml")
                    + ": Invalid leadscore.policy.mql-threshold (line 3, column 20): 2.5, expected a score strictly"
                    + " between 0 and 1");
            Run sla = jobsWithSettings("sla.properties", "leadscore.policy.sla-hours=500\n");
            assertThat(sla.errLines()).singleElement().asString().startsWith("leadscore jobs: --config "
                    + dir.resolve("sla.properties") + ": Invalid leadscore.policy.sla-hours (line 1, ");
        }

        /** A simulation over the built-in defaults reads no store, and still reads its --config: checked, and used. */
        @Test
        void aSimulationWithoutTheStoreChecksItsConfigAndStartsFromItsPolicy() throws IOException {
            Path missing = dir.resolve("missing.yml");
            Path range = Files.writeString(dir.resolve("range.yml"), "leadscore:\n  policy:\n    mql-threshold: 2.5\n");
            Path sla4 = Files.writeString(dir.resolve("sla4.yml"), "leadscore:\n  policy:\n    sla-hours: 4\n");

            Run none = run("--config", missing.toString(), "simulate", "--trials", "100");
            Run out = run("--config", range.toString(), "plan", "--trials", "100", "--confidence", "0.8",
                    "--sweep-threshold", "0.1", "--sweep-sla-hours", "24", "--no-levers");
            Run policy = run("--config", sla4.toString(), "simulate", "--trials", "100", "--format", "json");

            assertThat(none.exit()).isEqualTo(2);
            assertThat(none.errLines()).containsExactly("leadscore simulate: --config " + missing + ": no such file");
            assertThat(out.exit()).isEqualTo(2);
            assertThat(out.errLines()).singleElement().asString().startsWith("leadscore plan: --config " + range
                    + ": Invalid leadscore.policy.mql-threshold (line 3, column 20)");
            assertThat(policy.exit()).as(policy.err()).isZero();
            assertThat(policy.out()).containsPattern("\"sla_hours\": ?4(\\.0)?,");
        }
    }

    @Nested
    class Stores {
        @Test
        void aUrlNoDriverTakesIsOneLine() {
            Run r = run("jobs", "--db", "jdbc:nosuch:store");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("leadscore jobs: --db jdbc:nosuch:store: not a store leadscore can open");
        }

        @Test
        void anEmptyDbIsRefusedNotTakenForTheDefaultStore() {
            Run r = run("models", "--db", "");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("leadscore models: --db is empty");
        }

        @Test
        void aUrlOfADatabaseLeadscoreBringsNoDriverForIsOneLineNotABug() {
            Run r = run("models", "--db", "jdbc:mysql://db.example/leads");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("leadscore models: --db"
                    + " jdbc:mysql://db.example/leads: not a store leadscore can open");
        }

        @Test
        void aDamagedStoreFileIsOneLineThatSaysSo() throws Exception {
            Path folder = Files.createDirectories(dir.resolve("damaged"));
            byte[] noise = new byte[100_000];
            new java.util.Random(3).nextBytes(noise);
            Files.write(folder.resolve("leadscore.mv.db"), noise);
            String url = "jdbc:h2:file:" + folder.resolve("leadscore").toAbsolutePath();

            Run r = run("models", "--db", url);

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("leadscore models: the store " + url + " is damaged and cannot be opened")
                    .endsWith("restore its folder from a backup, or point --db at another");
        }

        @Test
        void aServerThatKnowsNoSuchUserRefusesTheStoreItDoesNotStopAnswering() {
            String admin = System.getenv(io.leadscore.app.PostgresTestDatabases.VARIABLE);
            org.junit.jupiter.api.Assumptions.assumeTrue(admin != null && !admin.isBlank(), "no PostgreSQL server to ask");
            String url = admin.replaceFirst("\\?.*$", "");

            Run r = run("jobs", "--db", url, "--db-user", "no_such_leadscore_user");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("leadscore jobs: cannot open the store " + url
                    + ": FATAL: role \"no_such_leadscore_user\" does not exist");
        }

        @Test
        void aStoreFileTooShortForAStoreIsDamagedNotAServerThatStoppedAnswering() throws Exception {
            Path folder = Files.createDirectories(dir.resolve("short"));
            Files.writeString(folder.resolve("leadscore.mv.db"), "garbage\n");
            String url = "jdbc:h2:file:" + folder.resolve("leadscore").toAbsolutePath();

            Run r = run("models", "--db", url);

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString()
                    .startsWith("leadscore models: the store " + url + " is damaged and cannot be opened");
        }

        @Test
        void aSettingH2DoesNotKnowInTheUrlIsOneLine() {
            String url = "jdbc:h2:file:" + dir.resolve("s").resolve("leadscore").toAbsolutePath() + ";FOO=BAR";

            Run r = run("models", "--db", url, "--create");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("leadscore models: --db " + url
                    + ": Unsupported connection setting \"FOO\"; remove that setting from the URL");
        }

        @Test
        void aFolderGivenForAUrlIsOneLineWithAUrlToUse() {
            String folder = dir.resolve("stores").toAbsolutePath().toString();

            Run r = run("serve", "--db", folder, "--create", "--port", "0");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("leadscore serve: --db " + folder
                    + ": expected a JDBC URL, such as jdbc:h2:file:" + folder + "/leadscore");
            assertThat(dir.resolve("stores")).doesNotExist();
        }

        @Test
        void theDemoSaysItsStoreIsWrongBeforeItGeneratesAnything() {
            String folder = dir.resolve("demo-store").toAbsolutePath().toString();
            Path export = dir.resolve("demo-export");

            Run r = run("demo", "--db", folder, "--leads", "2000", "--export-dir", export.toString());

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().startsWith("leadscore demo: --db " + folder
                    + ": expected a JDBC URL");
            assertThat(r.out()).doesNotContain("Generate");
            assertThat(export).doesNotExist();
        }

        @Test
        void aStoreInAFolderThatDoesNotExistIsNotCreatedSilently() {
            String typo = "jdbc:h2:file:" + dir.resolve("no-such-folder").resolve("leadscore").toAbsolutePath();

            Run r = run("rescore", "--db", typo);

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString()
                    .contains("no store at " + typo, "the folder " + dir.resolve("no-such-folder") + " does not exist",
                            "--create");
            assertThat(dir.resolve("no-such-folder")).doesNotExist();
        }

        @Test
        void createMakesTheStoreOnPurpose() {
            String fresh = "jdbc:h2:file:" + dir.resolve("new-folder").resolve("leadscore").toAbsolutePath();

            Run r = run("jobs", "--db", fresh, "--create");

            assertThat(r.exit()).isZero();
            assertThat(dir.resolve("new-folder").resolve("leadscore.mv.db")).exists();
        }

        @Test
        void importCreatesItsStore() throws IOException {
            Path leads = Files.writeString(dir.resolve("leads.csv"), "lead_id,created_at\nL-1,2026-01-01\n");
            String fresh = "jdbc:h2:file:" + dir.resolve("imported").resolve("leadscore").toAbsolutePath();

            Run r = run("import", "--leads", leads.toString(), "--db", fresh);

            assertThat(r.exit()).isZero();
            assertThat(dir.resolve("imported").resolve("leadscore.mv.db")).exists();
        }

        @Test
        void aFolderThatCannotBeMadeIsOneLine() throws IOException {
            Path file = Files.writeString(dir.resolve("a-file"), "x");

            Run r = run("jobs", "--db", "jdbc:h2:file:" + file.resolve("store"), "--create");

            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.errLines()).singleElement().asString().contains(file + " is a file, not a folder");
        }

        @Test
        void aStoreInUseByAnotherProcessIsOneLine() throws Exception {
            String url = store("shared");
            assertThat(run("jobs", "--db", url, "--create").exit()).isZero();
            Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(), url)
                    .redirectErrorStream(true).start();
            try {
                // the holder says when it holds the store
                assertThat(new String(holder.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("held\n");

                Run r = run("jobs", "--db", url);

                assertThat(r.exit()).isEqualTo(2);
                assertThat(r.errLines()).containsExactly("leadscore jobs: the store " + url + " is in use by another"
                        + " leadscore process (serve, or a job still running); wait for it, or use PostgreSQL (--db) for"
                        + " concurrent access");
            } finally {
                holder.getOutputStream().close();
                holder.waitFor(30, TimeUnit.SECONDS);
                holder.destroy();
            }
        }
    }

    @Nested
    class Bugs {
        @Command(name = "boom")
        static final class Boom implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new IllegalArgumentException("Invalid alpha: -1, expected a positive number");
            }
        }

        private CommandLine withBug() {
            CommandLine cli = LeadscoreMain.commandLine();
            cli.addSubcommand("boom", new Boom());
            return cli;
        }

        @Test
        void anIllegalArgumentFromInsideLeadscoreIsABugNotTheUsersMistake() {
            Run r = run(this::withBug, "boom");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines()).containsExactly("leadscore boom: internal error (IllegalArgumentException: Invalid"
                    + " alpha: -1, expected a positive number); this is a bug; run with --debug and report it");
        }

        @Test
        void debugAddsTheStackTrace() {
            Run r = run(this::withBug, "boom", "--debug");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines().get(0)).contains("this is a bug");
            assertThat(r.err()).contains("java.lang.IllegalArgumentException", "at io.leadscore.app.cli");
        }
    }
}

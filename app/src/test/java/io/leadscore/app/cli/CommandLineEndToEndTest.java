package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line as scripts use it, on a temporary H2 file store: the
 * contract's commands, flags, exit codes and JSON keys, in the order ops and
 * the data team would run them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CommandLineEndToEndTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    String db;
    Path export;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    void store() {
        db = "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath();
        export = dir.resolve("export");
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", db, "--quiet"));
        InProcessCli.Result r = InProcessCli.run(all);
        return new Run(r.exit(), r.out(), r.err());
    }

    @Test
    @Order(1)
    void generatesTheSameBytesForTheSameSeed() throws Exception {
        Run first = run("generate", "--out", export.toString(), "--leads", "1500", "--seed", "5");
        Path again = dir.resolve("again");
        Run second = run("generate", "--out", again.toString(), "--leads", "1500", "--seed", "5");

        assertThat(first.exit()).isZero();
        assertThat(second.exit()).isZero();
        for (String file : List.of("leads.csv", "activities.csv", "deals.csv", "followups.csv", "truth.csv")) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(export.resolve(file)));
        }
    }

    @Test
    @Order(90)
    void aForecastTheThresholdCannotMoveSaysWhy() {
        // a store of leads and deals only: no lead ever became an MQL before its deal
        String bare = "jdbc:h2:file:" + dir.resolve("bare").toAbsolutePath();
        InProcessCli.Result imported = InProcessCli.run(List.of("import", "--leads", export.resolve("leads.csv").toString(),
                "--deals", export.resolve("deals.csv").toString(), "--db", bare, "--quiet"));
        assertThat(imported.exit()).as(imported.err()).isZero();

        InProcessCli.Result low = InProcessCli.run(List.of("simulate", "--calibrate-from-store", "--threshold", "0.05",
                "--trials", "200", "--format", "json", "--db", bare, "--quiet"));
        InProcessCli.Result high = InProcessCli.run(List.of("simulate", "--calibrate-from-store", "--threshold", "0.6",
                "--trials", "200", "--format", "json", "--db", bare, "--quiet"));

        assertThat(low.exit()).as(low.err()).isZero();
        assertThat(JSON.readTree(low.out()).get("wins").asDouble()).isPositive()
                .isEqualTo(JSON.readTree(high.out()).get("wins").asDouble());
        assertThat(low.err()).startsWith("leadscore simulate: no lead of the store's last 365 days was handed off")
                .contains("leadscore rescore");
        InProcessCli.Result plan = InProcessCli.run(List.of("plan", "--calibrate-from-store", "--confidence", "0.5",
                "--sweep-threshold", "0.05,0.6", "--sweep-sla-hours", "24", "--trials", "100", "--no-levers",
                "--format", "json", "--db", bare, "--quiet"));
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.err()).startsWith("leadscore plan: no lead of the store's last 365 days was handed off");
        // the funnel as of a past time, as the demo reports it; not as of a time still to come
        InProcessCli.Result past = InProcessCli.run(List.of("report", "funnel", "--as-of", "2026-01-01T00:00:00Z",
                "--format", "json", "--db", bare, "--quiet"));
        assertThat(past.exit()).as(past.err()).isZero();
        assertThat(JSON.readTree(past.out()).get("as_of").asString()).isEqualTo("2026-01-01T00:00:00Z");
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(2).toString();
        InProcessCli.Result future = InProcessCli.run(List.of("report", "funnel", "--as-of", tomorrow, "--db", bare,
                "--quiet"));
        assertThat(future.exit()).isEqualTo(2);
        assertThat(future.err()).startsWith("leadscore report funnel: --as-of " + tomorrow + " is in the future");
        // nor of a cohort still to arrive; a period still running is reported so far
        InProcessCli.Result toCome = InProcessCli.run(List.of("report", "funnel", "--from", tomorrow, "--to", "2199-01-01",
                "--db", bare, "--quiet"));
        assertThat(toCome.exit()).isEqualTo(2);
        assertThat(toCome.err()).startsWith("leadscore report funnel: --from " + tomorrow + " is after now");
        InProcessCli.Result running = InProcessCli.run(List.of("report", "funnel", "--from", "2026-01-01", "--to", tomorrow,
                "--db", bare, "--quiet"));
        assertThat(running.exit()).as(running.err()).isZero();
        // and no path reports less than nothing
        JsonNode byPath = JSON.readTree(low.out()).get("opportunities_by_path");
        assertThat(byPath.get("handoff").asDouble()).isZero();
        // a store with its stage history says nothing of the kind
        Run full = run("simulate", "--calibrate-from-store", "--trials", "100", "--format", "json");
        assertThat(full.err()).doesNotContain("handed off");
        // a threshold no lead's score reaches: said, not left to a row of zeros
        Run unreachable = run("simulate", "--calibrate-from-store", "--threshold", "0.99", "--trials", "100");
        assertThat(unreachable.exit()).as(unreachable.err()).isZero();
        assertThat(unreachable.err()).startsWith("leadscore simulate: no lead of the score distribution scores at or"
                + " above the threshold 0.99");
        assertThat(full.err()).doesNotContain("score distribution");
    }

    @Test
    @Order(2)
    void importsAGeneratedHistoryWithoutRejectsAndAgainWithoutChanges() {
        String[] files = {"import", "--leads", export.resolve("leads.csv").toString(),
                "--activities", export.resolve("activities.csv").toString(),
                "--deals", export.resolve("deals.csv").toString(),
                "--followups", export.resolve("followups.csv").toString(), "--format", "json"};

        JsonNode first = run(files).json();
        JsonNode second = run(files).json();

        for (String kind : List.of("leads", "activities", "deals", "followups")) {
            assertThat(first.get("files").get(kind).get("rejected").asLong()).as(kind).isZero();
            assertThat(first.get("files").get(kind).get("imported").asLong()).as(kind).isPositive();
            assertThat(second.get("files").get(kind).get("imported").asLong()).as(kind).isZero();
            assertThat(second.get("files").get(kind).get("updated").asLong()).as(kind).isZero();
            assertThat(second.get("files").get(kind).get("unchanged").asLong()).as(kind)
                    .isEqualTo(first.get("files").get(kind).get("read").asLong());
        }
        assertThat(first.get("errors")).isEmpty();
        assertThat(first.get("files").get("leads").get("extra_columns").toString()).contains("sales_verdict");

        // as CSV: the counts of each file, then the rejected rows (none here)
        String[] asCsv = files.clone();
        asCsv[asCsv.length - 1] = "csv";
        List<String> lines = run(asCsv).out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("file,read,imported,updated,unchanged,rejected,line,column,reason");
        long leads = first.get("files").get("leads").get("read").asLong();
        assertThat(lines).contains(export.resolve("leads.csv") + "," + leads + ",0,0," + leads + ",0,,,").hasSize(5);
    }

    @Test
    @Order(3)
    void refusesAFileWithoutARequiredColumnWithExitTwoAndWritesNothing() throws Exception {
        Path bad = dir.resolve("bad-deals.csv");
        Files.writeString(bad, "deal_id,lead_id,created_at,status\nD-x,LD-0000001,2026-01-01,open\n");
        long before = run("jobs", "--format", "json").json().size();

        Run result = run("import", "--deals", bad.toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("bad-deals.csv").contains("missing required column amount")
                .contains("nothing was imported").doesNotContain("Exception");
        assertThat(run("jobs", "--format", "json").json().size()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void trainsScoresChecksTheSlaAndReportsAFunnelThatAgreesWithTheStore() throws Exception {
        Run train = run("train", "--as-of", "2026-11-01", "--exclude", "sales_verdict", "--format", "json");
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.json().get("promoted").asBoolean()).isTrue();
        assertThat(train.json().get("model").get("metrics").get("threshold_curve")).hasSize(101);
        assertThat(train.json().get("model").get("claim").asString()).contains("open lead produces a won deal within 180 days of now");
        assertThat(train.json().get("model").get("metrics_by_age").get(0).get("band").asString()).isEqualTo("0–1 d");
        // each band's AUC with its standard error, so a reader sees how far a band's figure can be trusted
        assertThat(train.json().get("model").get("metrics_by_age").valueStream()
                .filter(b -> !b.get("auc").isNull()).map(b -> b.get("auc_se").asDouble())).allMatch(se -> se > 0 && se < 0.5);
        Run shown = run("models", "show", train.json().get("version").asString());
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("The score: the probability that this open lead produces a won deal")
                .contains("By lead age at the snapshot").contains("30–90 d").contains("180+ d").contains("± AUC")
                // the threshold table holds the policy's own threshold (0.10 by default), marked
                .containsPattern("\\R0\\.10 \\(in force\\) +\\d");
        // the version's number alone names it too
        Run byNumber = run("models", "show", train.json().get("version").asString().substring(1));
        assertThat(byNumber.exit()).as(byNumber.err()).isZero();
        assertThat(byNumber.out()).isEqualTo(shown.out());

        // the evaluation as people read it: shares and counts rounded to one decimal
        assertThat(shown.out().lines().filter(l -> l.strip().startsWith("decile ")).toList()).hasSize(10)
                .allMatch(l -> l.matches(".*\\|\\s+\\d+\\.\\d%\\s+converted, lift \\d+\\.\\d×"), "one decimal");
        assertThat(shown.out().lines().filter(l -> l.matches("0\\.\\d\\d +\\d.*")).toList()).isNotEmpty()
                .allMatch(l -> l.matches(".* \\d+\\.\\d"), "expected conversions with one decimal");

        Run rescore = run("rescore", "--as-of", "2026-11-01T00:00:00Z", "--format", "json");
        assertThat(rescore.exit()).as(rescore.err()).isZero();
        assertThat(rescore.json().get("leads_scored").asLong()).isPositive();
        // the model records the oldest ages it was trained and validated on; the run counts its leads beyond them
        JsonNode trainingSet = train.json().get("model").get("training_set");
        long oldestSeen = Math.max(trainingSet.get("oldestTrainedAgeDays").asLong(),
                trainingSet.get("oldestValidatedAgeDays").asLong());
        assertThat(rescore.json().get("oldest_seen_age_days").asLong()).isEqualTo(oldestSeen).isPositive();
        assertThat(rescore.json().get("leads_beyond_training").asLong()).isBetween(0L,
                rescore.json().get("leads_scored").asLong());
        Run again = run("rescore", "--as-of", "2026-11-01T00:00:00Z");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already rescored").contains("--force");

        Run sla = run("sla-check", "--as-of", "2026-11-01T00:00:00Z", "--format", "json");
        assertThat(sla.exit()).as(sla.err()).isZero();
        assertThat(sla.json().get("counts").get("examined").asLong()).isPositive();

        JsonNode funnel = run("report", "funnel", "--format", "json").json();
        long wonDeals = Files.readAllLines(export.resolve("deals.csv")).stream().filter(l -> l.contains(",won,")).count();
        assertThat(funnel.get("won_deals").asLong()).isEqualTo(wonDeals);
        assertThat(funnel.get("stages").get("won").asLong()).isPositive();
        assertThat(funnel.get("sla").get("mqls").asLong()).isPositive();
        assertThat(funnel.get("rejection_reasons")).isNotEmpty();
        // what sales accepted of what it decided on, and over which episodes
        JsonNode acceptance = funnel.get("acceptance");
        assertThat(acceptance.get("accepted").asLong()).isPositive().isLessThan(acceptance.get("decided").asLong());
        assertThat(acceptance.get("on_mqls").get("decided").asLong()).isLessThanOrEqualTo(acceptance.get("decided").asLong());
        assertThat(acceptance.get("counted_over").asString()).contains("verdict");
        String text = run("report", "funnel").out();
        assertThat(text).containsPattern("Sales acceptance: [\\d,]+ of [\\d,]+ verdicts accepted");
        // the rejection reasons count more than the verdicts' rejections, and say why
        assertThat(text).contains("(every rejected follow-up, also those on leads sales had already accepted;");
        // the verdicts on MQLs as a share when there are some, said in words when there are none (never "0 of 0")
        assertThat(text).doesNotContain("0 of 0").containsPattern(acceptance.get("on_mqls").get("decided").asLong() == 0
                ? "none yet on a lead while it was an MQL" : "on MQLs [\\d,]+ of [\\d,]+ \\(\\d+\\.\\d%\\)");

        Path scores = dir.resolve("exports").resolve("nightly").resolve("scores.csv"); // folders made on the way
        assertThat(run("export", "scores", "--out", scores.toString()).exit()).isZero();
        List<String> lines = Files.readAllLines(scores);
        assertThat(lines.get(0)).isEqualTo("lead_id,score,grade,stage,model_version,scored_at");
        assertThat(lines).hasSize(1 + (int) rescore.json().get("leads_scored").asLong());
        JsonNode exported = run("export", "scores", "--out", scores.toString(), "--format", "json").json();
        assertThat(exported.get("leads").asLong()).isEqualTo(lines.size() - 1);
        assertThat(exported.get("file").asString()).isEqualTo(scores.toAbsolutePath().toString());

        JsonNode jobs = run("jobs", "--format", "json").json();
        assertThat(jobs.toString()).contains("rescoreJob", "retrainJob", "crmImportJob", "slaCheckJob");
    }

    @Test
    @Order(5)
    void simulatesAndPlansWithTheContractsKeys() {
        JsonNode simulation = run("simulate", "--trials", "500", "--format", "json").json();
        for (String key : List.of("trials", "quota", "p_attain", "revenue", "leads", "mqls", "sals", "sqls",
                "opportunities", "wins", "sla_breach_rate")) {
            assertThat(simulation.has(key)).as(key).isTrue();
        }
        assertThat(simulation.get("revenue").propertyNames()).contains("mean", "p10", "p50", "p90");
        assertThat(simulation.get("trials").asInt()).isEqualTo(500);
        // as CSV: numbers as a program reads them, not as a table shows them
        Run csv = run("simulate", "--trials", "500", "--format", "csv");
        assertThat(csv.out()).contains("quota,500000").doesNotContain("\"500,000\"");
        String mean = csv.out().lines().filter(l -> l.startsWith("revenue_mean,")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(mean.substring("revenue_mean,".length())))
                .isCloseTo(simulation.get("revenue").get("mean").asDouble(), org.assertj.core.data.Offset.offset(0.5));

        Run calibratedRun = run("simulate", "--calibrate-from-store", "--trials", "300", "--format", "json");
        assertThat(calibratedRun.exit()).as(calibratedRun.err()).isZero();
        JsonNode calibrated = calibratedRun.json();
        assertThat(calibrated.get("assumptions").toString()).contains("\"store\"");
        // the cross-check, like for like: a won deal within the label horizon of a new lead's arrival, by the paths
        // and by the champion's score at arrival (its youngest validation band), beside the paths' eventual figure
        JsonNode check = calibrated.get("cross_check");
        assertThat(check.get("decomposition").asString()).isEqualTo("paths");
        double within = check.get("paths_wins_within_horizon_per_lead").asDouble();
        assertThat(within).isPositive().isLessThanOrEqualTo(check.get("paths_wins_per_lead").asDouble() + 1e-12);
        JsonNode arrival = check.get("score_at_arrival");
        assertThat(arrival.get("band").asString()).isEqualTo("0–1 d");
        assertThat(arrival.get("snapshots").asInt()).isPositive();
        assertThat(arrival.get("mean_score").asDouble()).isStrictlyBetween(0.0, 1.0);
        assertThat(arrival.get("observed_rate").asDouble()).isBetween(0.0, 1.0);
        // for people, the time the calibration speaks for: where the store's data ends, not today
        Run forPeople = run("simulate", "--calibrate-from-store", "--trials", "100");
        assertThat(forPeople.exit()).as(forPeople.err()).isZero();
        assertThat(forPeople.out()).containsPattern("Calibrated from the store as of 20\\d\\d-\\d\\d-\\d\\dT[0-9:]+Z,"
                + " where its data ends");

        JsonNode plan = run("plan", "--confidence", "0.8", "--sweep-threshold", "0.05,0.1",
                "--sweep-sla-hours", "4,24", "--trials", "200", "--no-levers", "--format", "json").json();
        assertThat(plan).hasSize(4);
        for (JsonNode row : plan) {
            assertThat(row.propertyNames()).contains("threshold", "sla_hours", "required_leads", "required_mqls", "p_attain");
        }
        // every past quarter with a year of history before it: the 730-day history to 2026-11-01 has four
        Run all = run("simulate", "--backtest-all", "--trials", "200", "--format", "json");
        assertThat(all.exit()).as(all.err()).isZero();
        JsonNode backtest = all.json();
        assertThat(backtest.get("periods")).hasSize(4);
        JsonNode period = backtest.get("periods").get(3);
        assertThat(period.get("from").asString()).isEqualTo("2026-08-03");
        assertThat(period.get("to").asString()).isEqualTo("2026-11-01");
        for (String metric : List.of("mqls", "wins", "revenue")) {
            assertThat(period.get(metric).propertyNames()).contains("actual", "p10", "p50", "p90", "percentile_rank",
                    "inside_p10_p90");
            assertThat(backtest.get("summary").get(metric).propertyNames()).contains("coverage_p10_p90",
                    "median_abs_error_p50", "crps");
        }
        // the history was imported and rescored once, at its end: no MQL history in any past quarter
        assertThat(period.get("mqls").get("actual").isNull()).isTrue();
        assertThat(period.get("mqls").get("note").asString()).contains("no MQL history");
        // the back-test's actual wins and revenue are the funnel report's closed-in-period figures for the same dates
        JsonNode funnelOfPeriod = run("report", "funnel", "--from", "2026-08-03", "--to", "2026-11-01",
                "--format", "json").json();
        JsonNode closed = funnelOfPeriod.get("closed_in_period");
        assertThat(closed.get("won_deals").asLong()).isEqualTo(period.get("wins").get("actual").asLong());
        assertThat(closed.get("revenue").asDouble()).isEqualTo(period.get("revenue").get("actual").asDouble());
        assertThat(run("report", "funnel", "--from", "2026-08-03", "--to", "2026-11-01").out())
                .contains("(deals of these leads, whenever they closed)")
                .contains("Closed won from 2026-08-03T00:00:00Z before 2026-11-01T00:00:00Z, whoever the lead: "
                        + String.format(java.util.Locale.ROOT, "%,d deals", closed.get("won_deals").asLong()));
        assertThat(run("report", "funnel", "--format", "json").json().has("closed_in_period")).isFalse();
        Run table = run("simulate", "--backtest-all", "--period-days", "120", "--trials", "100");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("Rolling back-test", "coverage", "percentile ranks");
        Run one = run("simulate", "--backtest-from", "2026-08-03", "--to", "2026-11-01", "--trials", "200", "--format", "json");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.json().get("backtest").get("checks")).hasSize(3);
        // the simulation's keys, in their order, then the back-test as one more member
        List<String> simulated = new ArrayList<>(run("simulate", "--trials", "100", "--format", "json").json()
                .propertyNames());
        simulated.add("backtest");
        assertThat(one.json().propertyNames()).containsExactlyElementsOf(simulated);
        assertThat(one.json().get("wins").asDouble())
                .isCloseTo(period.get("wins").get("p50").asDouble(), org.assertj.core.data.Offset.offset(10.0));
        Run clash = run("simulate", "--backtest-all", "--from", "2026-01-01", "--to", "2026-04-01");
        assertThat(clash.exit()).isEqualTo(2);
        assertThat(clash.err()).contains("--backtest-all picks its own periods");
    }

    @Test
    @Order(6)
    void putsTheConfigurationFilesPolicyInForceAsANewVersion() throws Exception {
        Path config = dir.resolve("leadscore.yml");
        Files.writeString(config, "leadscore:\n  policy:\n    mql-threshold: 0.07\n    sla-hours: 4\n");

        Run run = run("simulate", "--trials", "100", "--calibrate-from-store", "--format", "json", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("assumptions").get("scenario").toString()).contains("0.07").contains("4");
        Files.writeString(config, "leadscore:\n  policy:\n    sla-hours: -1\n");
        Run bad = run("jobs", "--config", config.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid leadscore.policy.sla-hours (line 3, column 16): -1.0, expected a positive"
                + " number of hours");
    }

    @Test
    @Order(7)
    void refusesBadUsageWithExitTwoAndOneClearLine() {
        Run unknown = run("rescore", "--as-of", "yesterday");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--as-of").contains("yesterday").doesNotContain("\tat ");

        Run password = run("jobs", "--db-password-env", "LEADSCORE_NO_SUCH_VARIABLE");
        assertThat(password.exit()).isEqualTo(2);
        assertThat(password.err()).contains("LEADSCORE_NO_SUCH_VARIABLE");

        assertThat(run("models", "show", "v99").err()).contains("no model v99");
        assertThat(run("simulate", "--threshold", "1.5").exit()).isEqualTo(2);
        assertThat(run("no-such-command").exit()).isEqualTo(2);
    }

    @Test
    @Order(9)
    void refusesASwappedOrDamagedModelWithOneLineExitTwoAndNoFailedRun() throws Exception {
        Run second = run("train", "--as-of", "2026-11-01", "--exclude", "sales_verdict", "--algorithm", "logistic",
                "--promote", "never", "--format", "json");
        assertThat(second.exit()).as(second.err()).isZero();
        String challenger = second.json().get("version").asString();
        String champion = run("models", "--format", "json").json().valueStream()
                .filter(m -> m.get("status").asString().equals("champion")).findFirst().orElseThrow().get("version").asString();
        long rescoringRuns = rescoringRuns();
        byte[] championFile;
        byte[] challengerFile;
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            championFile = file(c, champion);
            challengerFile = file(c, challenger);
            // another model's bytes in the champion's place
            store(c, champion, challengerFile);
        }

        Run rescore = run("rescore", "--as-of", "2026-11-02T00:00:00Z");

        assertThat(rescore.exit()).isEqualTo(2);
        assertThat(rescore.err().lines()).containsExactly("leadscore rescore: model " + champion + " is refused: its file"
                + " does not match the SHA-256 recorded when it was registered (the stored file was changed since); roll"
                + " back or promote another model, or retrain");
        assertThat(rescoringRuns()).isEqualTo(rescoringRuns);

        byte[] flipped = challengerFile.clone();
        flipped[flipped.length / 3] ^= 0x01;
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            store(c, champion, championFile);
            store(c, challenger, flipped);
        }
        Run promote = run("models", "promote", challenger);

        assertThat(promote.exit()).isEqualTo(2);
        assertThat(promote.err()).startsWith("leadscore models: model " + challenger + " is refused: ");
        assertThat(run("models", "--format", "json").json().toString())
                .contains("{\"version\":\"" + champion + "\",\"status\":\"champion\"");
        assertThat(run("rescore", "--as-of", "2026-11-02T00:00:00Z").exit()).isZero();

        // whole again, promoted and rolled back by a program: each answers the model as 'models' lists it
        try (Connection c = DriverManager.getConnection(db, "sa", "")) {
            store(c, challenger, challengerFile);
        }
        Run promoted = run("models", "promote", challenger, "--format", "json");
        assertThat(promoted.exit()).as(promoted.err()).isZero();
        assertThat(promoted.json().get("version").asString()).isEqualTo(challenger);
        assertThat(promoted.json().get("status").asString()).isEqualTo("champion");
        Run back = run("models", "rollback", "--format", "csv");
        assertThat(back.exit()).as(back.err()).isZero();
        assertThat(back.out().lines()).hasSize(2).first().asString().startsWith("version,status,");
        assertThat(back.out().lines().skip(1).findFirst().orElseThrow()).startsWith(champion + ",champion,");
        // a program reads every digit of the metrics the JSON has
        String auc = back.out().lines().skip(1).findFirst().orElseThrow().split(",")[6];
        assertThat(Double.parseDouble(auc)).isEqualTo(run("models", "show", champion, "--format", "json").json()
                .get("auc").asDouble());
        assertThat(run("models", "list", "extra").err()).contains("models list takes no VERSION");
    }

    private long rescoringRuns() {
        return run("jobs", "--job", "rescoreJob", "--format", "json").json().size();
    }

    private static byte[] file(Connection c, String version) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT artifact FROM model WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBytes(1);
            }
        }
    }

    private static void store(Connection c, String version, byte[] bytes) throws Exception {
        try (PreparedStatement s = c.prepareStatement("UPDATE model SET artifact = ? WHERE version = ?")) {
            s.setBytes(1, bytes);
            s.setString(2, version);
            assertThat(s.executeUpdate()).isOne();
        }
    }

    @Test
    @Order(8)
    void everyCommandExplainsItselfWithHelp() {
        for (String[] command : new String[][] {{"train"}, {"report", "funnel"}, {"models"}, {"bench"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            Run help = run(args);
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).contains("Usage: leadscore " + String.join(" ", command)).contains("--help");
        }
    }

}

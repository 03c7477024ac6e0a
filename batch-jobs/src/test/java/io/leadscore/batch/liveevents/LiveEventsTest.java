package io.leadscore.batch.liveevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.leadscore.batch.GeneratedHistory;
import io.leadscore.batch.TestStores;
import io.leadscore.batch.leadimport.CrmImport;
import io.leadscore.batch.leadimport.CrmItems;
import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.registry.ModelRegistry;
import io.leadscore.batch.rescoring.Rescoring;
import io.leadscore.batch.retraining.Retraining;
import io.leadscore.batch.store.Instants;
import io.leadscore.batch.store.LeadRowsForTests;
import io.leadscore.scoring.artifact.ModelArtifact;
import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Stage;
import io.leadscore.scoring.evaluation.PromotionMode;
import io.leadscore.scoring.features.FeatureExtractor;
import io.leadscore.scoring.features.FeatureSettings;
import io.leadscore.scoring.scoring.Algorithm;
import io.leadscore.scoring.scoring.GradeBands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live lead flow on a generated history (1,500 leads, seed 21) with a
 * trained champion and one nightly run: a request's items are stored as the
 * import stores rows, the touched leads rescored as the nightly job would
 * score them at that instant, moved by the stage rules; hostile items are
 * refused one by one; a rep's answer moves the lead; a nightly run and live
 * requests on the same leads at once lose nothing.
 */
abstract class LiveEventsTest {
    static final GeneratedHistory HISTORY = GeneratedHistory.of(1_500, 21);

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        SettableClock settableClock() {
            return new SettableClock();
        }
    }

    @Autowired
    LiveEvents live;
    @Autowired
    Rescoring rescoring;
    @Autowired
    Retraining retraining;
    @Autowired
    ModelRegistry registry;
    @Autowired
    CrmImport crmImport;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SettableClock clock;

    Instant nightly;

    @BeforeEach
    void importTrainAndRescore() {
        TestStores.clean(jdbc);
        // training and runs refuse an as-of in the future: the clock stands after the history until a test sets it
        clock.set(HISTORY.until().plus(Duration.ofDays(30)));
        HISTORY.importInto(crmImport);
        retraining.run(new Retraining.Request(HISTORY.until(), Algorithm.GRADIENT_BOOSTING, PromotionMode.FORCE, 7L,
                List.of("sales_verdict")));
        nightly = HISTORY.until().plus(Duration.ofHours(2));
        rescoring.run(new Rescoring.Request(nightly, true, 2));
    }

    static Map<ImportFileKind, List<CrmItems.Item>> request(Object... kindsAndItems) {
        Map<ImportFileKind, List<CrmItems.Item>> request = CrmItems.byKind();
        for (int i = 0; i < kindsAndItems.length; i += 2) {
            ImportFileKind kind = (ImportFileKind) kindsAndItems[i];
            @SuppressWarnings("unchecked")
            List<Map<String, String>> items = (List<Map<String, String>>) kindsAndItems[i + 1];
            request.put(kind, items.stream().map(CrmItems.Item::of).toList());
        }
        return request;
    }

    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    /** Puts the leads' stored scores and engagement states back as they were: the live writes undone. */
    void restoreStates(List<Map<String, Object>> before) {
        for (Map<String, Object> row : before) {
            jdbc.update("UPDATE lead_score SET score = ?, features = ?, features_as_of = ?, activity_watermark = ?,"
                            + " pending_from = ?, run_id = ? WHERE lead_id = ?", row.get("SCORE"), row.get("FEATURES"),
                    row.get("FEATURES_AS_OF"), row.get("ACTIVITY_WATERMARK"), row.get("PENDING_FROM"), row.get("RUN_ID"),
                    row.get("LEAD_ID"));
        }
    }

    /** The score a rescoring run recorded for the lead. */
    double nightlyScore(long run, String leadKey) {
        return jdbc.queryForObject("SELECT h.score FROM score_history h JOIN lead l ON l.id = h.lead_id"
                + " WHERE h.run_id = ? AND l.lead_key = ?", Double.class, run, leadKey);
    }

    List<String> openLeads(int n) {
        return jdbc.queryForList("SELECT lead_key FROM lead WHERE stage = 'LEAD' ORDER BY id", String.class)
                .subList(0, n);
    }

    @Test
    void scoresALeadAsTheNightlyJobWouldAtThatInstant() {
        // given: leads at LEAD get engagement after the nightly run, one never scored arrives with its own
        Instant at = nightly.plus(Duration.ofHours(3));
        clock.set(at);
        List<String> leads = openLeads(12);
        List<Map<String, String>> activities = new ArrayList<>();
        String[] types = {"page_view", "email_open", "email_click", "content_download", "webinar_attended", "pricing_view"};
        for (int i = 0; i < leads.size(); i++) {
            for (int k = 0; k <= i % 4; k++) {
                activities.add(fields("lead_id", leads.get(i), "occurred_at",
                        nightly.plus(Duration.ofMinutes(10 + 7L * i + k)).toString(), "type", types[(i + k) % types.length]));
            }
        }
        activities.add(fields("lead_id", "W-NEW", "occurred_at", nightly.plus(Duration.ofMinutes(30)).toString(),
                "type", "pricing_view"));
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM lead_score");

        // when
        LiveEvents.Outcome outcome = live.ingest(request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-NEW", "created_at", nightly.plus(Duration.ofMinutes(5)).toString(),
                        "company", "Acme", "industry", "software", "employees", "120", "seniority", "vp", "source", "webinar")),
                ImportFileKind.ACTIVITIES, activities), "events:test");

        // then: the nightly job as of the same instant, rolling forward from the states it left (the live request's
        // writes undone, its activities kept), gives each lead the same number
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).isEqualTo(1 + activities.size());
        assertThat(outcome.leads()).hasSize(13);
        Map<String, Double> liveScores = new LinkedHashMap<>();
        outcome.leads().forEach(l -> liveScores.put(l.leadId(), l.score()));
        restoreStates(before);
        jdbc.update("DELETE FROM lead_score WHERE lead_id = (SELECT id FROM lead WHERE lead_key = 'W-NEW')");
        long run = rescoring.run(new Rescoring.Request(at, true, 2)).runId();
        for (Map.Entry<String, Double> lead : liveScores.entrySet()) {
            assertThat(lead.getValue()).as(lead.getKey()).isCloseTo(nightlyScore(run, lead.getKey()), within(1e-12));
        }
    }

    @Test
    void readsWhatEachLeadHasNotSeenWhenTheLeadsOfARequestStandAtDifferentMarks(@TempDir Path dir) throws Exception {
        // given: after the nightly run an import brings activities for six leads (no rescoring: their marks stay at
        // the night's), then a live request moves the marks of six others above the import's rows
        List<String> leads = openLeads(12);
        List<String> csv = new ArrayList<>(List.of("lead_id,occurred_at,type,detail"));
        for (int i = 6; i < 12; i++) {
            csv.add(leads.get(i) + "," + nightly.plus(Duration.ofMinutes(20 + i)) + ",pricing_view,/pricing");
            csv.add(leads.get(i) + "," + nightly.plus(Duration.ofMinutes(40 + i)) + ",content_download,/guide");
        }
        Path imported = Files.write(dir.resolve("activities.csv"), csv);
        clock.set(nightly.plus(Duration.ofHours(1)));
        crmImport.run(new CrmImport.Request(null, imported.toString(), null, null));
        List<Map<String, String>> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(fields("lead_id", leads.get(i), "occurred_at", nightly.plus(Duration.ofMinutes(50 + i)).toString(),
                    "type", "email_click"));
        }
        assertThat(live.ingest(request(ImportFileKind.ACTIVITIES, first), "events:test").rejected()).isEmpty();
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM lead_score");

        // when: one request touches all twelve
        Instant at = nightly.plus(Duration.ofHours(3));
        clock.set(at);
        List<Map<String, String>> second = new ArrayList<>();
        for (String lead : leads) {
            second.add(fields("lead_id", lead, "occurred_at", nightly.plus(Duration.ofMinutes(150)).toString(),
                    "type", "page_view"));
        }
        LiveEvents.Outcome outcome = live.ingest(request(ImportFileKind.ACTIVITIES, second), "events:test");

        // then: each lead counted the activities above its own mark — the imported ones too — as the nightly job
        // rolling forward from the same states does
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.leads()).hasSize(12);
        restoreStates(before);
        long run = rescoring.run(new Rescoring.Request(at, true, 2)).runId();
        for (var lead : outcome.leads()) {
            assertThat(lead.score()).as(lead.leadId()).isCloseTo(nightlyScore(run, lead.leadId()), within(1e-12));
        }
    }

    @Test
    void aStoreWithoutAChampionStoresTheEventsAndAnswersWithoutAScore() {
        // given: events arrive before any model is the champion (a new installation, or every model retired)
        jdbc.update("UPDATE model SET status = 'RETIRED' WHERE status = 'CHAMPION'");
        clock.set(nightly.plus(Duration.ofHours(1)));

        // when
        LiveEvents.Outcome outcome = live.ingest(request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-UNSCORED", "created_at",
                        nightly.plus(Duration.ofMinutes(5)).toString(), "company", "Acme", "source", "webinar")),
                ImportFileKind.ACTIVITIES, List.of(fields("lead_id", "W-UNSCORED", "occurred_at",
                        nightly.plus(Duration.ofMinutes(6)).toString(), "type", "page_view"))), "events:test");

        // then: both items are stored, and the lead is answered at its stage, with no score rather than an error
        assertThat(outcome.rejected()).isEmpty();
        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(outcome.leads()).singleElement().satisfies(lead -> {
            assertThat(lead.leadId()).isEqualTo("W-UNSCORED");
            assertThat(lead.score()).isNull();
            assertThat(lead.grade()).isNull();
            assertThat(lead.stage()).isEqualTo(Stage.LEAD);
        });
        assertThat(count("SELECT COUNT(*) FROM activity a JOIN lead l ON l.id = a.lead_id WHERE l.lead_key = ?",
                "W-UNSCORED")).isEqualTo(1);
    }

    @Test
    void aDemoRequestPushedDaysLateStartsItsSlaClockWhenItArrivesNotAlreadyOverdue() {
        Instant at = nightly.plus(Duration.ofHours(6));
        clock.set(at);
        Instant requested = at.minus(Duration.ofDays(6));

        LiveEvents.Outcome outcome = live.ingest(request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-LATE", "created_at", requested.minusSeconds(60)
                        .toString(), "email", "late@b.example")),
                ImportFileKind.ACTIVITIES, List.of(fields("lead_id", "W-LATE", "occurred_at", requested.toString(),
                        "type", "demo_request"))), "events:crm");

        LiveEvents.LeadState lead = outcome.leads().get(0);
        assertThat(lead.stage()).isEqualTo(Stage.MQL);
        assertThat(lead.mqlAt()).isEqualTo(at);
        assertThat(lead.dueAt()).isAfter(at);
    }

    @Test
    void aDemoRequestMakesANewLeadAnMqlAtOnceWithItsSlaClockStartedThen() {
        Instant at = nightly.plus(Duration.ofHours(5));
        clock.set(at);
        Instant requested = at.minusSeconds(20);

        LiveEvents.Outcome outcome = live.ingest(request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-1", "created_at", at.minusSeconds(60).toString(),
                        "email", "a@b.example", "company", "Acme")),
                ImportFileKind.ACTIVITIES, List.of(fields("lead_id", "W-1", "occurred_at", requested.toString(),
                        "type", "demo_request"))), "events:crm");

        LiveEvents.LeadState lead = outcome.leads().get(0);
        assertThat(lead.leadId()).isEqualTo("W-1");
        assertThat(lead.stage()).isEqualTo(Stage.MQL);
        // an MQL at once: when the request is taken (events.md's example: mql_at 120 ms after the demo request)
        assertThat(lead.mqlAt()).isEqualTo(at);
        assertThat(lead.dueAt()).isEqualTo(at.plus(Duration.ofHours(24)));
        assertThat(lead.score()).isBetween(0.0, 1.0);
        assertThat(lead.reasons()).isNotEmpty();
        assertThat(jdbc.queryForList("SELECT from_stage, to_stage, actor, reason FROM stage_transition t JOIN lead l"
                + " ON l.id = t.lead_id WHERE l.lead_key = 'W-1' ORDER BY t.id"))
                .extracting(r -> r.get("TO_STAGE") + " " + r.get("ACTOR"))
                .containsExactly("LEAD events:crm", "MQL events:crm");
        assertThat(jdbc.queryForObject("SELECT reason FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                + " WHERE l.lead_key = 'W-1' AND to_stage = 'MQL'", String.class)).startsWith("fast-track: demo request");
        assertThat(count("SELECT COUNT(*) FROM lead WHERE lead_key = 'W-1' AND sla_state = 'OPEN' AND mql_at = ?",
                Instants.utc(at))).isEqualTo(1);
    }

    /** A CRM pushing a deal again may not undo its win nor hand it to another lead: the stages could not follow. */
    @Test
    void aWonDealSentAgainAsOpenOrForAnotherLeadIsRefusedAndTheLeadStaysWonWithItsDeal() {
        Instant at = nightly.plus(Duration.ofHours(2));
        clock.set(at);
        live.ingest(request(ImportFileKind.LEADS, List.of(fields("lead_id", "WD-L1", "created_at", nightly.toString()),
                        fields("lead_id", "WD-L2", "created_at", nightly.toString())),
                ImportFileKind.DEALS, List.of(fields("deal_id", "WD-1", "lead_id", "WD-L1", "created_at",
                        nightly.plusSeconds(60).toString(), "status", "won", "closed_at", nightly.plusSeconds(120).toString(),
                        "amount", "5000"))), "events:crm");

        LiveEvents.Outcome reopened = live.ingest(request(ImportFileKind.DEALS, List.of(
                fields("deal_id", "WD-1", "lead_id", "WD-L1", "created_at", nightly.plusSeconds(60).toString(),
                        "status", "open", "amount", "5000"))), "events:crm");
        LiveEvents.Outcome moved = live.ingest(request(ImportFileKind.DEALS, List.of(
                fields("deal_id", "WD-1", "lead_id", "WD-L2", "created_at", nightly.plusSeconds(60).toString(),
                        "status", "won", "closed_at", nightly.plusSeconds(120).toString(), "amount", "5000"))), "events:crm");

        assertThat(reopened.accepted()).isZero();
        assertThat(reopened.rejected()).extracting(r -> r.field() + ": " + r.reason()).singleElement().asString()
                .startsWith("status: deal 'WD-1' was won on ");
        assertThat(moved.accepted()).isZero();
        assertThat(moved.rejected()).extracting(r -> r.field() + ": " + r.reason()).singleElement().asString()
                .startsWith("lead_id: deal 'WD-1' is stored for lead 'WD-L1'");
        assertThat(jdbc.queryForList("SELECT l.lead_key || ' ' || l.stage || ' ' || COALESCE(d.status, '-') FROM lead l"
                + " LEFT JOIN deal d ON d.lead_id = l.id WHERE l.lead_key LIKE 'WD-%' ORDER BY l.lead_key", String.class))
                .containsExactly("WD-L1 WON WON", "WD-L2 LEAD -");
    }

    @Test
    void theSameRequestTwiceChangesNothingTheSecondTime() {
        clock.set(nightly.plus(Duration.ofHours(1)));
        var body = request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-2", "created_at", nightly.toString())),
                ImportFileKind.ACTIVITIES, List.of(fields("lead_id", "W-2", "occurred_at", nightly.plusSeconds(5).toString(),
                        "type", "page_view"), fields("lead_id", "W-2", "occurred_at", nightly.plusSeconds(5).toString(),
                        "type", "page_view")),
                ImportFileKind.FOLLOWUPS, List.of(fields("lead_id", "W-2", "occurred_at", nightly.plusSeconds(9).toString(),
                        "outcome", "no_answer", "rep", "sam")));
        LiveEvents.Outcome first = live.ingest(body, "events:crm");
        long transitions = count("SELECT COUNT(*) FROM stage_transition");
        long activities = count("SELECT COUNT(*) FROM activity");

        LiveEvents.Outcome second = live.ingest(body, "events:crm");

        // the event listed twice is one event, as in a file
        assertThat(first.accepted()).isEqualTo(3);
        assertThat(first.unchanged()).isEqualTo(1);
        assertThat(second.accepted()).isZero();
        assertThat(second.unchanged()).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM stage_transition")).isEqualTo(transitions);
        assertThat(count("SELECT COUNT(*) FROM activity")).isEqualTo(activities);
        assertThat(count("SELECT COUNT(*) FROM followup f JOIN lead l ON l.id = f.lead_id WHERE l.lead_key = 'W-2'"))
                .isEqualTo(1);
        assertThat(first.updated()).isZero();
        assertThat(second.updated()).isZero();

        // the lead sent again with other values replaces them, as a CSV row does, and the answer says so
        LiveEvents.Outcome changed = live.ingest(request(ImportFileKind.LEADS, List.of(fields("lead_id", "W-2",
                "created_at", nightly.toString(), "company", "Acme"))), "events:crm");

        assertThat(changed.accepted()).isEqualTo(1);
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT company FROM lead WHERE lead_key = 'W-2'", String.class)).isEqualTo("Acme");
    }

    @Test
    void aFollowUpTimedToTheNanosecondIsStoredOnceAndFoundStoredWhenSentAgain() {
        clock.set(nightly.plus(Duration.ofHours(1)));
        String at = nightly.plusSeconds(9).toString().replace("Z", ".987654321Z");
        var body = request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-N", "created_at", nightly.toString())),
                ImportFileKind.FOLLOWUPS, List.of(
                        fields("lead_id", "W-N", "occurred_at", at, "outcome", "no_answer"),
                        // beneath the microsecond the store keeps: the same follow-up
                        fields("lead_id", "W-N", "occurred_at", at.replace("321Z", "322Z"), "outcome", "no_answer")));

        LiveEvents.Outcome first = live.ingest(body, "events:crm");
        LiveEvents.Outcome second = live.ingest(body, "events:crm");

        assertThat(first.accepted()).isEqualTo(2);
        assertThat(first.unchanged()).isEqualTo(1);
        assertThat(second.accepted()).isZero();
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT f.occurred_at FROM followup f JOIN lead l ON l.id = f.lead_id"
                + " WHERE l.lead_key = 'W-N'", java.time.OffsetDateTime.class)).singleElement()
                .satisfies(t -> assertThat(t.toInstant()).isEqualTo(nightly.plusSeconds(9).plusNanos(987_654_000)));
    }

    @Test
    void refusesIdsNoAddressOrPageCouldNameAndKeepsAnOddButPrintableOne() {
        clock.set(nightly.plus(Duration.ofHours(1)));
        var body = request(ImportFileKind.LEADS, List.of(
                fields("lead_id", "..", "created_at", nightly.toString()),
                fields("lead_id", ".", "created_at", nightly.toString()),
                fields("lead_id", "nl\nx", "created_at", nightly.toString()),
                fields("lead_id", "abc\u202Efdp.exe", "created_at", nightly.toString()),
                fields("lead_id", "EMEA\\17/a;b %", "created_at", nightly.toString())));

        LiveEvents.Outcome outcome = live.ingest(body, "events:crm");

        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.rejected()).extracting(r -> r.index() + " " + r.field() + ": " + r.reason()).containsExactly(
                "0 lead_id: id '..' is a step in a web address, not a name: choose another id",
                "1 lead_id: id '.' is a step in a web address, not a name: choose another id",
                "2 lead_id: id 'nl\\u000Ax' holds a control or text-direction character (shown escaped); ids are printable text",
                "3 lead_id: id 'abc\\u202Efdp.exe' holds a control or text-direction character (shown escaped); ids are"
                        + " printable text");
        assertThat(count("SELECT COUNT(*) FROM lead WHERE lead_key = ?", "EMEA\\17/a;b %")).isEqualTo(1);
    }

    @Test
    void anItemNamingALeadRefusedInTheSameRequestSaysSoRatherThanCallingItUnknown() {
        clock.set(nightly.plus(Duration.ofHours(1)));
        var body = request(
                ImportFileKind.LEADS, List.of(fields("lead_id", "W-GOOD", "created_at", nightly.toString()),
                        fields("lead_id", "W-LATE", "created_at", "yesterday")),
                ImportFileKind.ACTIVITIES, List.of(
                        fields("lead_id", "W-LATE", "occurred_at", nightly.toString(), "type", "demo_request"),
                        fields("lead_id", "W-NONE", "occurred_at", nightly.toString(), "type", "demo_request")));

        LiveEvents.Outcome outcome = live.ingest(body, "events:crm");

        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.rejected()).filteredOn(r -> r.kind() == ImportFileKind.ACTIVITIES)
                .extracting(r -> r.index() + ": " + r.reason()).containsExactly(
                        "0: lead 'W-LATE' was refused in this request (leads item 1) and is not in the store: correct"
                                + " that lead first",
                        "1: unknown lead 'W-NONE': it is neither in this request's leads nor in the store");
    }

    @Test
    void refusesEachHostileItemWithWhatAndWhereAndKeepsEveryGoodOne() {
        clock.set(nightly.plus(Duration.ofHours(1)));
        String known = openLeads(1).get(0);
        String tenKb = "x".repeat(10_240);
        var body = request(
                ImportFileKind.LEADS, List.of(
                        fields("lead_id", "W-OK", "created_at", nightly.toString(), "employees", "12"),
                        fields("lead_id", "W-BAD", "created_at", "yesterday", "employees", "-5", "country", "XX",
                                "seniority", "god", "annual_revenue", "1e400000"),
                        fields("lead_id", tenKb, "created_at", nightly.toString()),
                        fields("lead_id", "W-OK", "created_at", nightly.toString()),
                        fields("created_at", nightly.toString())),
                ImportFileKind.ACTIVITIES, List.of(
                        fields("lead_id", "nobody", "occurred_at", nightly.toString(), "type", "page_view"),
                        fields("lead_id", known, "occurred_at", nightly.toString(), "type", "teleport"),
                        fields("lead_id", known, "occurred_at", "2999-01-01T00:00:00Z", "type", "page_view"),
                        fields("lead_id", known, "occurred_at", nightly.plusSeconds(1).toString(), "type", "page_view")),
                ImportFileKind.DEALS, List.of(
                        fields("deal_id", "D-1", "lead_id", known, "created_at", nightly.toString(), "status", "won",
                                "closed_at", nightly.minusSeconds(3600).toString(), "amount", "100")),
                ImportFileKind.FOLLOWUPS, List.of(
                        fields("lead_id", known, "occurred_at", nightly.toString(), "outcome", "maybe")));

        LiveEvents.Outcome outcome = live.ingest(body, "events:crm");

        assertThat(outcome.rejected()).extracting(r -> r.kind().label() + "[" + r.index() + "]." + r.field())
                .contains("leads[1].created_at", "leads[1].employees", "leads[1].country", "leads[1].seniority",
                        "leads[1].annual_revenue", "leads[2].lead_id", "leads[3].lead_id", "leads[4].lead_id",
                        "activities[0].lead_id", "activities[1].type", "activities[2].occurred_at",
                        "deals[0].closed_at", "followups[0].outcome");
        assertThat(outcome.rejected()).filteredOn(r -> r.index() == 3 && r.kind() == ImportFileKind.LEADS)
                .extracting(CrmItems.Rejection::reason).containsExactly(
                        "lead 'W-OK' appears again (first at index 0); a lead id must be unique in the request");
        assertThat(outcome.rejected()).filteredOn(r -> r.kind() == ImportFileKind.ACTIVITIES && r.index() == 0)
                .extracting(CrmItems.Rejection::reason).containsExactly(
                        "unknown lead 'nobody': it is neither in this request's leads nor in the store");
        assertThat(outcome.rejected()).allSatisfy(r -> assertThat(r.reason()).doesNotContain(tenKb));
        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE lead_key = 'W-OK' AND employees = 12")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM lead WHERE lead_key IN ('W-BAD')")).isZero();
        assertThat(outcome.leads()).extracting(LiveEvents.LeadState::leadId).containsExactly("W-OK", known);
    }

    @Test
    void aRepsAnswerMovesTheLeadByTheStageRules() {
        clock.set(nightly.plus(Duration.ofHours(1)));
        String mql = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead WHERE stage = 'MQL'", String.class);
        String withDeal = jdbc.queryForObject("SELECT MIN(lead_key) FROM lead WHERE stage = 'OPPORTUNITY'", String.class);
        String other = jdbc.queryForObject("SELECT MAX(lead_key) FROM lead WHERE stage = 'MQL'", String.class);

        LiveEvents.LeadState accepted = live.followUp(mql, "accepted", null, "call", "sam");
        LiveEvents.LeadState rejected = live.followUp(other, "rejected", "bad_fit", null, "sam");

        assertThat(accepted.stage()).isEqualTo(Stage.SAL);
        assertThat(rejected.stage()).isEqualTo(Stage.NURTURE);
        assertThat(jdbc.queryForObject("SELECT reason FROM stage_transition t JOIN lead l ON l.id = t.lead_id"
                + " WHERE l.lead_key = ? AND to_stage = 'NURTURE' ORDER BY t.id DESC LIMIT 1", String.class, other))
                .isEqualTo("rejected by sales: bad_fit");
        assertThat(count("SELECT COUNT(*) FROM followup f JOIN lead l ON l.id = f.lead_id WHERE l.lead_key = ?"
                + " AND f.rep = 'sam' AND f.outcome = 'ACCEPTED' AND f.channel = 'CALL' AND f.import_run = 0", mql))
                .isEqualTo(1);
        assertThatThrownBy(() -> live.followUp(withDeal, "accepted", null, null, "sam"))
                .isInstanceOf(LiveEvents.StageRefusedException.class).hasMessageContaining("OPPORTUNITY");
        assertThatThrownBy(() -> live.followUp("nobody", "accepted", null, null, "sam"))
                .isInstanceOf(LiveEvents.UnknownLeadException.class);
        assertThatThrownBy(() -> live.followUp(mql, "maybe", null, null, "sam"))
                .isInstanceOf(LiveEvents.InvalidFollowUpException.class).hasMessageContaining("outcome: unknown value 'maybe'");
        assertThat(count("SELECT COUNT(*) FROM followup f JOIN lead l ON l.id = f.lead_id WHERE l.lead_key = ?",
                withDeal)).isEqualTo(count("SELECT COUNT(*) FROM followup f JOIN lead l ON l.id = f.lead_id"
                + " WHERE l.lead_key = ? AND f.rep IS DISTINCT FROM 'sam'", withDeal));
    }

    /**
     * A nightly run and live requests on the same leads at once: the live requests come after the run's as-of,
     * so their states win whatever the commit order; every activity is stored, and each lead's stored score is
     * the one its whole history gives as of the stored time (nothing lost, nothing rolled back).
     */
    @Test
    void aNightlyRunAndLiveEventsOnTheSameLeadsLoseNothingAndTheLaterEventTimeWins() throws Exception {
        Instant run = nightly.plus(Duration.ofHours(24));
        Instant later = run.plus(Duration.ofMinutes(30));
        clock.set(later);
        List<String> leads = jdbc.queryForList("SELECT lead_key FROM lead WHERE stage NOT IN ('OPPORTUNITY', 'WON', 'LOST')"
                + " ORDER BY id", String.class);
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < leads.size(); i += 9) {
            touched.add(leads.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> night = pool.submit(() -> rescoring.run(new Rescoring.Request(run, true, 2)));
            List<Future<LiveEvents.Outcome>> requests = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                requests.add(pool.submit(() -> {
                    LiveEvents.Outcome last = null;
                    for (int i = offset; i < touched.size(); i += 2) {
                        last = live.ingest(request(ImportFileKind.ACTIVITIES, List.of(fields("lead_id", touched.get(i),
                                "occurred_at", run.plus(Duration.ofMinutes(i % 29)).toString(), "type", "email_click"))),
                                "events:load");
                        assertThat(last.rejected()).isEmpty();
                    }
                    return last;
                }));
            }
            night.get();
            for (Future<LiveEvents.Outcome> r : requests) {
                r.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(count("SELECT COUNT(*) FROM activity WHERE type = ? AND occurred_at >= ?",
                ActivityType.EMAIL_CLICK.ordinal(), Instants.utc(run))).isEqualTo(touched.size());
        ModelArtifact champion = registry.artifact(registry.champion().orElseThrow().version());
        FeatureExtractor extractor = FeatureExtractor.forSchema(champion.schema(),
                FeatureSettings.fromMap(champion.extractorSettings()));
        var scorer = champion.scorer(GradeBands.relativeTo(0.1));
        var rows = new LeadRowsForTests(jdbc);
        for (String key : touched) {
            long id = jdbc.queryForObject("SELECT id FROM lead WHERE lead_key = ?", Long.class, key);
            Map<String, Object> stored = jdbc.queryForMap("SELECT score, features_as_of, run_id FROM lead_score"
                    + " WHERE lead_id = ?", id);
            assertThat(((Number) stored.get("RUN_ID")).longValue()).as(key).isZero();
            var lead = rows.lead(id);
            List<Activity> events = jdbc.query("SELECT occurred_at, type FROM activity WHERE lead_id = ?",
                    (rs, n) -> new Activity(key, Instants.read(rs, 1), ActivityType.ofOrdinal(rs.getInt(2)), null), id);
            double expected = scorer.score(extractor.extract(lead, events, later));
            assertThat(((Number) stored.get("SCORE")).doubleValue()).as(key).isCloseTo(expected, within(1e-9));
        }
        assertThat(count("SELECT COUNT(*) FROM (SELECT lead_id, mql_count FROM (SELECT lead_id, COUNT(*) AS mql_count"
                + " FROM stage_transition WHERE to_stage = 'MQL' AND occurred_at >= ? GROUP BY lead_id) c"
                + " WHERE mql_count > 1) d", Instants.utc(run))).isZero();
    }
}

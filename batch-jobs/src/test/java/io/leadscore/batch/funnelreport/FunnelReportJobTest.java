package io.leadscore.batch.funnelreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leadscore.batch.TestStores;
import io.leadscore.batch.store.CrmFixtures;
import io.leadscore.scoring.domain.DealStatus;
import io.leadscore.scoring.domain.FollowUpOutcome;
import io.leadscore.scoring.domain.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The funnel report job on whichever store the subclass names, with the
 * built-in 24-hour SLA. Every expected figure below is worked out by hand from
 * the fixture, and the working is in the comments.
 */
abstract class FunnelReportJobTest {
    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-04-01T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2025-06-30T00:00:00Z");
    static final Offset<Double> EXACT = Offset.offset(1e-9);

    @Autowired
    FunnelReports funnelReports;
    @Autowired
    FunnelActuals funnelActuals;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    JobOperator jobOperator;

    CrmFixtures crm;

    @BeforeEach
    void emptyStore() {
        for (String table : List.of("funnel_report_stage", "funnel_report_rejection", "funnel_report_segment",
                "funnel_report")) {
            jdbc.update("DELETE FROM " + table);
        }
        TestStores.clean(jdbc);
        crm = new CrmFixtures(jdbc);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    /**
     * Ten leads created in Q1 2025 (the cohort) and two outside it. Stage moves follow the shared stage rules:
     * <pre>
     * lead  source    campaign       path (stage as of 2025-06-30 last)
     * F-1   webinar   spring-launch  LEAD, MQL 01-10 09:00, accepted +2h SAL, meeting SQL, deal OPP, won 10,000 WON
     * F-2   webinar   spring-launch  LEAD, MQL 01-11 09:00, no_answer +12h, accepted SAL, deal OPP, lost LOST
     * F-3   webinar   -              LEAD, MQL 01-12 09:00, rejected "Bad_Fit " +30h NURTURE
     * F-4   ads       spring-launch  LEAD, MQL 02-02 09:00, untouched, recycled 02-20 NURTURE, MQL again 03-01 09:00,
     *                                accepted +1h SAL, deal OPP, won 20,000 on 04-15 WON
     * F-5   ads       -              LEAD, MQL 06-29 12:00 (SLA still running at as-of) MQL
     * F-6   ads       -              LEAD, rejected "bad_fit" without ever being MQL NURTURE
     * F-7   -         -              LEAD (becomes MQL on 07-02, after as-of) LEAD
     * F-8   referral  autumn         LEAD, accepted without MQL SAL, deal OPP, won 7,500.50 WON
     * F-9   ads       spring-launch  LEAD, MQL 03-11 09:00, meeting booked +100h SQL, moved by a person NURTURE
     * F-10  webinar   spring-launch  LEAD, MQL 03-21 09:00, rejected no_budget at exactly +24h NURTURE,
     *                                rejected again (no reason) while in nurture: no move
     * X-OLD webinar   spring-launch  created 2024-12-15 (before the cohort), won 99,999
     * X-NEW ads       spring-launch  created 2025-04-10 (after the cohort), MQL 04-11, untouched
     * </pre>
     */
    void cohortFixture() {
        long f1 = crm.lead("F-1", at("2025-01-05T10:00:00Z"), "webinar", "spring-launch");
        crm.becomesMql(f1, at("2025-01-10T09:00:00Z"));
        crm.followUp(f1, at("2025-01-10T11:00:00Z"), FollowUpOutcome.ACCEPTED, null);
        crm.followUp(f1, at("2025-01-12T10:00:00Z"), FollowUpOutcome.MEETING_BOOKED, null);
        crm.deal(f1, "D-1", at("2025-01-20T00:00:00Z"), DealStatus.WON, at("2025-03-01T00:00:00Z"), "10000.00");

        long f2 = crm.lead("F-2", at("2025-01-06T10:00:00Z"), "webinar", "spring-launch");
        crm.becomesMql(f2, at("2025-01-11T09:00:00Z"));
        crm.followUp(f2, at("2025-01-11T21:00:00Z"), FollowUpOutcome.NO_ANSWER, null);
        crm.followUp(f2, at("2025-01-13T10:00:00Z"), FollowUpOutcome.ACCEPTED, null);
        crm.deal(f2, "D-2", at("2025-02-01T00:00:00Z"), DealStatus.LOST, at("2025-03-15T00:00:00Z"), "5000.00");

        long f3 = crm.lead("F-3", at("2025-01-07T10:00:00Z"), "webinar", null);
        crm.becomesMql(f3, at("2025-01-12T09:00:00Z"));
        crm.followUp(f3, at("2025-01-13T15:00:00Z"), FollowUpOutcome.REJECTED, "Bad_Fit ");

        long f4 = crm.lead("F-4", at("2025-02-01T10:00:00Z"), "ads", "spring-launch");
        crm.becomesMql(f4, at("2025-02-02T09:00:00Z"));
        crm.move(f4, Stage.NURTURE, at("2025-02-20T02:00:00Z"), "sla_recycled", "sla-check #3");
        crm.becomesMql(f4, at("2025-03-01T09:00:00Z"));
        crm.followUp(f4, at("2025-03-01T10:00:00Z"), FollowUpOutcome.ACCEPTED, null);
        crm.deal(f4, "D-4", at("2025-03-10T00:00:00Z"), DealStatus.WON, at("2025-04-15T00:00:00Z"), "20000.00");

        long f5 = crm.lead("F-5", at("2025-02-10T10:00:00Z"), "ads", null);
        crm.becomesMql(f5, at("2025-06-29T12:00:00Z"));

        long f6 = crm.lead("F-6", at("2025-02-15T10:00:00Z"), "ads", null);
        crm.followUp(f6, at("2025-02-20T10:00:00Z"), FollowUpOutcome.REJECTED, "bad_fit");

        long f7 = crm.lead("F-7", at("2025-03-01T10:00:00Z"), null, null);
        crm.becomesMql(f7, at("2025-07-02T09:00:00Z"));

        long f8 = crm.lead("F-8", at("2025-03-05T10:00:00Z"), "referral", "autumn");
        crm.followUp(f8, at("2025-03-06T10:00:00Z"), FollowUpOutcome.ACCEPTED, null);
        crm.deal(f8, "D-8", at("2025-03-20T00:00:00Z"), DealStatus.WON, at("2025-05-01T00:00:00Z"), "7500.50");

        long f9 = crm.lead("F-9", at("2025-03-10T10:00:00Z"), "ads", "spring-launch");
        crm.becomesMql(f9, at("2025-03-11T09:00:00Z"));
        crm.followUp(f9, at("2025-03-15T13:00:00Z"), FollowUpOutcome.MEETING_BOOKED, null);
        crm.move(f9, Stage.NURTURE, at("2025-04-02T10:00:00Z"), "duplicate of F-1", "marketing ops");

        long f10 = crm.lead("F-10", at("2025-03-20T10:00:00Z"), "webinar", "spring-launch");
        crm.becomesMql(f10, at("2025-03-21T09:00:00Z"));
        crm.followUp(f10, at("2025-03-22T09:00:00Z"), FollowUpOutcome.REJECTED, "no_budget");
        crm.followUp(f10, at("2025-04-05T09:00:00Z"), FollowUpOutcome.REJECTED, null);

        long old = crm.lead("X-OLD", at("2024-12-15T10:00:00Z"), "webinar", "spring-launch");
        crm.becomesMql(old, at("2024-12-16T09:00:00Z"));
        crm.followUp(old, at("2024-12-16T10:00:00Z"), FollowUpOutcome.ACCEPTED, null);
        crm.deal(old, "D-X", at("2024-12-20T00:00:00Z"), DealStatus.WON, at("2025-01-15T00:00:00Z"), "99999.00");

        long fresh = crm.lead("X-NEW", at("2025-04-10T10:00:00Z"), "ads", "spring-launch");
        crm.becomesMql(fresh, at("2025-04-11T09:00:00Z"));
    }

    @Test
    void reportsEveryFigureOfAHandBuiltCohort() {
        cohortFixture();

        FunnelReport report = funnelReports.run(new Cohort(FROM, TO, AS_OF));

        assertThat(report.cohort()).isEqualTo(new Cohort(FROM, TO, AS_OF));
        assertThat(report.leads()).isEqualTo(10);
        // last move by as-of: F-7 LEAD; F-5 MQL; F-1, F-4, F-8 WON; F-2 LOST; F-3, F-6, F-9, F-10 NURTURE
        assertThat(report.stages()).extracting(FunnelReport.StageCount::stage, FunnelReport.StageCount::leads)
                .containsExactly(tuple(Stage.LEAD, 1L), tuple(Stage.MQL, 1L), tuple(Stage.SAL, 0L), tuple(Stage.SQL, 0L),
                        tuple(Stage.OPPORTUNITY, 0L), tuple(Stage.WON, 3L), tuple(Stage.LOST, 1L), tuple(Stage.NURTURE, 4L));
        // furthest along the main path: F-6, F-7 LEAD; F-3, F-5, F-10 MQL; F-9 SQL; F-2 OPPORTUNITY (lost);
        // F-1, F-4, F-8 WON (F-8 counts for MQL: it went beyond it). Reached: 10, 8, 5, 5, 4, 3.
        assertThat(report.funnel()).extracting(FunnelReport.FunnelStep::stage, FunnelReport.FunnelStep::reached)
                .containsExactly(tuple(Stage.LEAD, 10L), tuple(Stage.MQL, 8L), tuple(Stage.SAL, 5L), tuple(Stage.SQL, 5L),
                        tuple(Stage.OPPORTUNITY, 4L), tuple(Stage.WON, 3L));
        assertThat(report.funnel()).extracting(FunnelReport.FunnelStep::conversion)
                .containsExactly(null, 8 / 10.0, 5 / 8.0, 5 / 5.0, 4 / 5.0, 3 / 4.0);

        // MQLs: F-1, F-2, F-3, F-4 twice, F-5, F-9, F-10 = 8 (F-7's comes after as-of).
        // First follow-up: F-1 2h, F-2 12h, F-3 30h (late), F-4 first time none before it became MQL again
        // (breach), second time 1h, F-5 none with its due time 06-30 12:00 still ahead (open), F-9 100h (late),
        // F-10 24h exactly (in time). Within 4, breaches 3, open 1; share 4 of the 7 decided.
        // Response hours sorted 1, 2, 12, 24, 30, 100: median at rank 2.5 = 12 + 0.5 * 12 = 18,
        // P90 at rank 0.9 * 5 = 4.5 = 30 + 0.5 * 70 = 65.
        FunnelReport.SlaAttainment sla = report.sla();
        assertThat(sla).extracting(FunnelReport.SlaAttainment::policyVersion, FunnelReport.SlaAttainment::slaHours,
                        FunnelReport.SlaAttainment::mqls, FunnelReport.SlaAttainment::open,
                        FunnelReport.SlaAttainment::followedUp, FunnelReport.SlaAttainment::withinSla,
                        FunnelReport.SlaAttainment::breaches, FunnelReport.SlaAttainment::recycled)
                .containsExactly(1, 24.0, 8L, 1L, 6L, 4L, 3L, 1L);
        assertThat(sla.withinSlaShare()).isCloseTo(4 / 7.0, EXACT);
        assertThat(sla.medianResponseHours()).isCloseTo(18.0, EXACT);
        assertThat(sla.p90ResponseHours()).isCloseTo(65.0, EXACT);
        // sales' verdicts on leads it had not accepted (the audit trail's moves from LEAD, MQL or NURTURE that a
        // follow-up made): accepted F-1, F-2, F-4 (its second time as an MQL; its recycling is no verdict), F-8
        // (from LEAD, never an MQL), F-9 (meeting booked: to SQL); rejected F-3, F-6 (from LEAD), F-10 (its second
        // rejection moved nothing). 5 of 8; on MQLs F-1, F-2, F-4, F-9 of those and F-3, F-10: 4 of 6. F-1's
        // meeting (from SAL) and F-9's move by a person are no verdicts.
        assertThat(report.acceptance()).isEqualTo(new FunnelReport.SalesAcceptance(8, 5, 5 / 8.0, 6, 4, 4 / 6.0));

        // sales: "Bad_Fit " (F-3) and "bad_fit" (F-6) are one reason; no_budget (F-10) and F-10's second rejection
        // without a reason. Other moves to nurture: F-4's recycling, F-9's move by a person. The nurture moves the
        // rejections made are not counted twice.
        assertThat(report.rejections()).containsExactly(
                new FunnelReport.Rejection(FunnelReport.RejectionOrigin.FOLLOW_UP, "bad_fit", 2),
                new FunnelReport.Rejection(FunnelReport.RejectionOrigin.FOLLOW_UP, "no reason given", 1),
                new FunnelReport.Rejection(FunnelReport.RejectionOrigin.FOLLOW_UP, "no_budget", 1),
                new FunnelReport.Rejection(FunnelReport.RejectionOrigin.STAGE_CHANGE, "duplicate of F-1", 1),
                new FunnelReport.Rejection(FunnelReport.RejectionOrigin.STAGE_CHANGE, "sla_recycled", 1));

        // sources: ads F-4, F-5, F-6, F-9 (MQL all but F-6; won D-4 20,000); webinar F-1, F-2, F-3, F-10 (all MQL;
        // won D-1 10,000; D-2 was lost); referral F-8 (won D-8 7,500.50); none F-7
        assertThat(report.sources()).extracting(FunnelReport.Segment::name, FunnelReport.Segment::leads,
                        FunnelReport.Segment::mqls, FunnelReport.Segment::wonDeals)
                .containsExactly(tuple("ads", 4L, 3L, 1L), tuple("webinar", 4L, 4L, 1L), tuple("referral", 1L, 1L, 1L),
                        tuple(null, 1L, 0L, 0L));
        assertThat(report.sources()).extracting(FunnelReport.Segment::revenue).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(amounts("20000", "10000", "7500.50", "0"));
        // campaigns: spring-launch F-1, F-2, F-4, F-9, F-10 (all MQL; D-1 + D-4); autumn F-8; none F-3, F-5, F-6, F-7
        assertThat(report.campaigns()).extracting(FunnelReport.Segment::name, FunnelReport.Segment::leads,
                        FunnelReport.Segment::mqls, FunnelReport.Segment::wonDeals)
                .containsExactly(tuple("spring-launch", 5L, 5L, 2L), tuple("autumn", 1L, 1L, 1L), tuple(null, 4L, 2L, 0L));
        assertThat(report.campaigns()).extracting(FunnelReport.Segment::revenue).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(amounts("30000", "7500.50", "0"));
        assertThat(report.wonDeals()).isEqualTo(3);
        assertThat(report.revenue()).isEqualByComparingTo("37500.50");

        // the job's own counts: rows read (audit-trail rows, MQLs, rejection groups, cohort leads) and report rows written
        JobExecution execution = jobRepository.getLastJobExecution(jobRepository.getLastJobInstance(FunnelReports.JOB_NAME));
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(execution.getStepExecutions())
                .extracting(s -> s.getStepName(), s -> s.getReadCount(), s -> s.getWriteCount(), s -> s.getFilterCount(),
                        s -> s.getSkipCount())
                .containsExactlyInAnyOrder(
                        tuple("funnelReportStartStep", 0L, 0L, 0L, 0L),
                        tuple("funnelStagesStep", 37L, 8L, 0L, 0L),   // the cohort's 37 audit-trail rows by the as-of time
                        tuple("funnelSlaStep", 8L, 1L, 0L, 0L),       // one row per MQL
                        tuple("funnelAcceptanceStep", 4L, 1L, 0L, 0L), // (on an MQL or not) x (accepted or not)
                        tuple("funnelRejectionsStep", 5L, 5L, 0L, 0L),
                        tuple("funnelSegmentsStep", 10L, 7L, 0L, 0L), // the cohort's 10 leads; 4 sources + 3 campaigns
                        tuple("funnelReportPublishStep", 0L, 0L, 0L, 0L));

        // the rows written, as stored
        assertThat(jdbc.queryForList("SELECT stage || ':' || at_stage || ':' || COALESCE(CAST(reached AS VARCHAR(20)), '-')"
                + " FROM funnel_report_stage WHERE run_id = ? ORDER BY stage", String.class, report.runId()))
                .containsExactlyInAnyOrder("LEAD:1:10", "MQL:1:8", "SAL:0:5", "SQL:0:5", "OPPORTUNITY:0:4", "WON:3:3",
                        "LOST:1:-", "NURTURE:4:-");
        assertThat(jdbc.queryForMap("SELECT leads, mqls, sla_open, followed_up, within_sla, breaches, recycled, decided,"
                + " accepted, mql_decided, mql_accepted, won_deals FROM funnel_report WHERE run_id = ?", report.runId())
                .values())
                .extracting(v -> ((Number) v).longValue())
                .containsExactly(10L, 8L, 1L, 6L, 4L, 3L, 1L, 8L, 5L, 6L, 4L, 3L);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM funnel_report_segment WHERE run_id = ? AND segment = ''",
                Long.class, report.runId())).isEqualTo(2);
    }

    @Test
    void theCohortWindowIncludesItsStartAndExcludesItsEnd() {
        cohortFixture();
        crm.lead("B-FROM", FROM, "edge", null);
        crm.lead("B-TO", TO, "edge", null);

        FunnelReport window = funnelReports.run(new Cohort(FROM, TO, AS_OF));
        FunnelReport fromOnly = funnelReports.run(new Cohort(FROM, null, AS_OF));
        FunnelReport toOnly = funnelReports.run(new Cohort(null, TO, AS_OF));
        FunnelReport everyone = funnelReports.run(new Cohort(null, null, AS_OF));

        // the ten of the cohort and B-FROM; B-TO, X-OLD and X-NEW are outside
        assertThat(window.leads()).isEqualTo(11);
        assertThat(window.sources()).extracting(FunnelReport.Segment::name).contains("edge");
        assertThat(window.sources()).filteredOn(s -> "edge".equals(s.name())).singleElement()
                .extracting(FunnelReport.Segment::leads).isEqualTo(1L);
        // + B-TO and X-NEW (an MQL with its SLA long run out: one more breach)
        assertThat(fromOnly.leads()).isEqualTo(13);
        assertThat(fromOnly.sla().mqls()).isEqualTo(9);
        assertThat(fromOnly.sla().breaches()).isEqualTo(4);
        // + X-OLD: one more MQL followed up within the hour and accepted, one more won deal
        assertThat(toOnly.leads()).isEqualTo(12);
        assertThat(toOnly.sla().withinSla()).isEqualTo(5);
        assertThat(toOnly.acceptance()).extracting(FunnelReport.SalesAcceptance::accepted,
                FunnelReport.SalesAcceptance::mqlAccepted).containsExactly(6L, 5L);
        assertThat(toOnly.wonDeals()).isEqualTo(4);
        assertThat(toOnly.revenue()).isEqualByComparingTo("137499.50");
        assertThat(everyone.leads()).isEqualTo(14);
        assertThat(everyone.funnel().get(0).reached()).isEqualTo(14);
    }

    @Test
    void aReportAsOfAnEarlierTimeCountsOnlyWhatHadHappenedByThen() {
        cohortFixture();

        FunnelReport report = funnelReports.run(new Cohort(FROM, TO, at("2025-02-15T00:00:00Z")));

        // created by 02-15: F-1 to F-5. F-1 had its deal open (won 03-01), F-2 too (lost 03-15), F-3 was rejected,
        // F-4 was an MQL (recycled 02-20), F-5 a lead (MQL in June)
        assertThat(report.leads()).isEqualTo(5);
        assertThat(report.stages()).filteredOn(s -> s.leads() > 0)
                .extracting(FunnelReport.StageCount::stage, FunnelReport.StageCount::leads)
                .containsExactly(tuple(Stage.LEAD, 1L), tuple(Stage.MQL, 1L), tuple(Stage.OPPORTUNITY, 2L),
                        tuple(Stage.NURTURE, 1L));
        assertThat(report.wonDeals()).isZero();
        assertThat(report.sla().recycled()).isZero();
        // F-1, F-2, F-3 as before; F-4's first time untouched with its due time passed: a breach
        assertThat(report.sla()).extracting(FunnelReport.SlaAttainment::mqls, FunnelReport.SlaAttainment::withinSla,
                FunnelReport.SlaAttainment::breaches, FunnelReport.SlaAttainment::open).containsExactly(4L, 2L, 2L, 0L);
    }

    @Test
    void keepsEveryReportTaken() {
        cohortFixture();
        FunnelReport first = funnelReports.run(new Cohort(FROM, TO, AS_OF));
        crm.followUp(crm.id("F-5"), at("2025-06-29T13:00:00Z"), FollowUpOutcome.ACCEPTED, null);

        FunnelReport second = funnelReports.run(new Cohort(FROM, TO, AS_OF));

        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(second.sla().withinSla()).isEqualTo(first.sla().withinSla() + 1);
        assertThat(funnelReports.recent(5)).extracting(FunnelReport::runId).containsExactly(second.runId(), first.runId());
        assertThat(funnelReports.find(first.runId())).contains(first);
    }

    @Test
    void aReportThatFailsIsNotPublishedAndARestartCompletesItWithOneCopyOfEachRow() throws Exception {
        cohortFixture();
        jdbc.execute("ALTER TABLE funnel_report_segment ADD CONSTRAINT funnel_report_segment_test_fault"
                + " CHECK (segment <> 'referral')");
        FunnelReportFailedException failure;
        try {
            failure = assertThrows(FunnelReportFailedException.class,
                    () -> funnelReports.run(new Cohort(FROM, TO, AS_OF)));
        } finally {
            jdbc.execute("ALTER TABLE funnel_report_segment DROP CONSTRAINT funnel_report_segment_test_fault");
        }
        assertThat(failure.getMessage()).contains("Funnel report run " + failure.runId() + " failed");
        assertThat(funnelReports.find(failure.runId())).isEmpty();

        JobExecution restarted = jobOperator.restart(jobRepository.getJobExecution(failure.executionId()));

        assertThat(restarted.getStatus().name()).isEqualTo("COMPLETED");
        assertThat(restarted.getStepExecutions()).extracting(s -> s.getStepName())
                .containsExactly("funnelSegmentsStep", "funnelReportPublishStep");
        FunnelReport report = funnelReports.find(failure.runId()).orElseThrow();
        assertThat(report.sources()).hasSize(4);
        assertThat(report.revenue()).isEqualByComparingTo("37500.50");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM funnel_report_segment WHERE run_id = ?", Long.class,
                failure.runId())).isEqualTo(7);
    }

    @Test
    void refusesACohortThatEndsBeforeItStartsAndAnAsOfTimeInTheFuture() {
        assertThatThrownBy(() -> funnelReports.run(TO, FROM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not before to");
        Instant tomorrow = Instant.now().plusSeconds(86_400);
        assertThatThrownBy(() -> funnelReports.run(new Cohort(null, null, tomorrow)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is in the future");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM funnel_report", Long.class)).isZero();
    }

    private static BigDecimal[] amounts(String... amounts) {
        return java.util.Arrays.stream(amounts).map(BigDecimal::new).toArray(BigDecimal[]::new);
    }

    /** A finished rescoring run as of {@code asOf}. */
    private void rescoredAsOf(long runId, String asOf) {
        jdbc.update("INSERT INTO scoring_run (run_id, as_of, model_version, mql_threshold, started_at, finished_at)"
                + " VALUES (?, ?, 'v1', 0.1, ?, ?)", runId, io.leadscore.batch.store.Instants.utc(at(asOf)),
                io.leadscore.batch.store.Instants.utc(at(asOf)), io.leadscore.batch.store.Instants.utc(at(asOf)));
    }

    @Test
    void countsAPeriodsActualsAsTheReportDoesOnlyWhereRescoringRanThroughIt() {
        cohortFixture();
        // weekly rescoring from 01-07 to 03-25: no stretch of Q1 longer than 7 days without a run
        for (int week = 0; week < 12; week++) {
            rescoredAsOf(100 + week, java.time.LocalDate.of(2025, 1, 7).plusWeeks(week) + "T02:00:00Z");
        }

        PeriodActuals q1 = funnelActuals.period(FROM, TO);

        // the cohort of Q1 as of its end: reached MQL by 04-01 F-1, F-2, F-3, F-4, F-9, F-10 (MQL moves) and F-8
        // (accepted without one); not F-5 (MQL in June), F-6 (rejected, never MQL), F-7 (MQL in July)
        assertThat(q1.leads()).isEqualTo(10);
        assertThat(q1.mqls()).isEqualTo(7);
        FunnelReport asOfEnd = funnelReports.run(new Cohort(FROM, TO, TO));
        assertThat(asOfEnd.funnel().get(1).reached()).as("the report's own 'reached MQL'").isEqualTo(q1.mqls());
        // won in Q1, whoever the lead: D-X (01-15, 99,999) and D-1 (03-01, 10,000); D-4 and D-8 close later
        assertThat(q1.wins()).isEqualTo(2);
        assertThat(q1.revenue()).isEqualByComparingTo("109999");
        assertThat(q1.mqlHistory()).contains("12 rescoring runs");

        // a fortnight without rescoring in February: the MQLs of Q1 are not known
        jdbc.update("DELETE FROM scoring_run WHERE run_id = 105");
        PeriodActuals gap = funnelActuals.period(FROM, TO);
        assertThat(gap.mqls()).isNull();
        assertThat(gap.mqlHistory()).contains("no MQL history").contains("11 times");
        assertThat(gap.wins()).isEqualTo(2);
    }

    @Test
    void aPeriodIsCoveredByRescoringRunsAtMostAWeekApartFromItsStartToItsEnd() {
        Instant from = at("2025-01-01T00:00:00Z");
        Instant to = at("2025-01-15T00:00:00Z");
        assertThat(FunnelActuals.coverage(from, to, List.of(at("2025-01-07T00:00:00Z"), at("2025-01-14T00:00:00Z"))))
                .isNull();
        // nothing in the first eight days
        assertThat(FunnelActuals.coverage(from, to, List.of(at("2025-01-09T00:00:00Z"), at("2025-01-14T00:00:00Z"))))
                .contains("2 times");
        // nothing in the last eight days
        assertThat(FunnelActuals.coverage(from, to, List.of(at("2025-01-02T00:00:00Z"), at("2025-01-07T00:00:00Z"))))
                .isNotNull();
        assertThat(FunnelActuals.coverage(from, to, List.of())).contains("0 times");
        // a period of a week or less with no run inside it: no lead created in it was looked at, not zero MQLs
        Instant weekEnd = at("2025-01-08T00:00:00Z");
        assertThat(FunnelActuals.coverage(from, weekEnd, List.of())).contains("0 times");
        assertThat(FunnelActuals.coverage(from, at("2025-01-02T00:00:00Z"), List.of())).contains("0 times");
        assertThat(FunnelActuals.coverage(from, weekEnd, List.of(at("2025-01-04T00:00:00Z")))).isNull();
    }
}

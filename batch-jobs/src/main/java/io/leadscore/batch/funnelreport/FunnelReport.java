package io.leadscore.batch.funnelreport;

import io.leadscore.scoring.domain.Stage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A funnel report as stored: the cohort's leads by stage, how far down the
 * main path they got, the SLA's two pledges (response and acceptance), why
 * leads went back to marketing, and wins and revenue by source and campaign.
 * Every figure counts only what happened by the cohort's as-of time. Shares
 * and conversions are {@code null} where their denominator is zero.
 *
 * @param runId       the report run (job instance)
 * @param cohort      the leads covered and the as-of time
 * @param leads       leads in the cohort
 * @param stages      every stage in {@link Stage} order, with the cohort's leads at it as of the as-of time
 * @param funnel      the main path LEAD → MQL → SAL → SQL → OPPORTUNITY → WON
 * @param sla         the response pledge
 * @param acceptance  the acceptance pledge: what sales accepted of what it decided on
 * @param rejections  reasons leads went back to nurture, most frequent first
 * @param sources     per lead source, by revenue then leads
 * @param campaigns   per campaign, same order
 * @param wonDeals    deals of the cohort's leads won by the as-of time
 * @param revenue     the sum of their amounts
 * @param completedAt when the report's last section was written
 */
public record FunnelReport(long runId, Cohort cohort, long leads, List<StageCount> stages, List<FunnelStep> funnel,
                           SlaAttainment sla, SalesAcceptance acceptance, List<Rejection> rejections,
                           List<Segment> sources, List<Segment> campaigns, long wonDeals, BigDecimal revenue,
                           Instant completedAt) {

    /** The main path of the funnel, in order; a lead reached a stage when the audit trail shows it there or further on. */
    public static final List<Stage> MAIN_PATH = List.of(Stage.LEAD, Stage.MQL, Stage.SAL, Stage.SQL, Stage.OPPORTUNITY,
            Stage.WON);

    public FunnelReport {
        Objects.requireNonNull(cohort, "cohort");
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(acceptance, "acceptance");
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(completedAt, "completedAt");
        stages = List.copyOf(stages);
        funnel = List.copyOf(funnel);
        rejections = List.copyOf(rejections);
        sources = List.copyOf(sources);
        campaigns = List.copyOf(campaigns);
        if (stages.stream().mapToLong(StageCount::leads).sum() != leads) {
            throw new IllegalArgumentException("Invalid stage counts: they add up to "
                    + stages.stream().mapToLong(StageCount::leads).sum() + ", expected the cohort's " + leads + " leads");
        }
    }

    /** The cohort's leads at one stage as of the as-of time. */
    public record StageCount(Stage stage, long leads) {
        public StageCount {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /**
     * One stage of the main path.
     *
     * @param reached    leads that reached it (at it, or further along the main path; a lost deal counts as an
     *                   opportunity reached)
     * @param conversion {@code reached} over the previous stage's; {@code null} for LEAD, or when none reached the
     *                   previous stage
     */
    public record FunnelStep(Stage stage, long reached, Double conversion) {
        public FunnelStep {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /**
     * The response pledge: the first follow-up (of any outcome) within the SLA. Counted per MQL: a lead that
     * became MQL twice counts twice, each time with the follow-ups before it next became MQL.
     *
     * @param policyVersion      the policy the SLA comes from (the one in force when the report was taken)
     * @param slaHours           the SLA
     * @param mqls               times the cohort's leads became MQL by the as-of time
     * @param open               of those, SLA still running and no follow-up yet
     * @param followedUp         followed up by the as-of time
     * @param withinSla          followed up by the due time
     * @param breaches           followed up late, or not by the as-of time though the due time had passed
     * @param recycled           MQLs the SLA check returned to nurture
     * @param withinSlaShare     {@code withinSla} over the MQLs whose SLA is decided ({@code mqls - open})
     * @param medianResponseHours median time from MQL to first follow-up, over the followed-up MQLs
     * @param p90ResponseHours   90th percentile of the same (linear interpolation, as R and Excel's PERCENTILE.INC)
     */
    public record SlaAttainment(int policyVersion, double slaHours, long mqls, long open, long followedUp,
                                long withinSla, long breaches, long recycled, Double withinSlaShare,
                                Double medianResponseHours, Double p90ResponseHours) {
        public SlaAttainment {
            if (open + withinSla + breaches != mqls) {
                throw new IllegalArgumentException("Invalid SLA attainment: open " + open + " + within " + withinSla
                        + " + breaches " + breaches + " is not the " + mqls + " MQLs");
            }
        }
    }

    /**
     * The acceptance pledge, counted over sales' verdicts: each time a follow-up decided on a lead sales had not
     * accepted yet (at LEAD, MQL or NURTURE) — accepted, when it moved the lead to SAL or SQL (outcome
     * {@code accepted} or {@code meeting_booked}), or rejected, when it returned the lead to nurture. Verdicts on
     * leads that were MQLs at the time are counted again apart: the pledge in its narrow sense (stores whose
     * history came in by import hold few MQL times before sales' verdicts).
     *
     * @param decided     verdicts by the as-of time
     * @param accepted    of those, acceptances
     * @param share       {@code accepted} over {@code decided}
     * @param mqlDecided  verdicts on leads that were MQLs at the time
     * @param mqlAccepted of those, acceptances
     * @param mqlShare    {@code mqlAccepted} over {@code mqlDecided}
     */
    public record SalesAcceptance(long decided, long accepted, Double share, long mqlDecided, long mqlAccepted,
                                  Double mqlShare) {
        /** Over which episodes the acceptance figures count, said with them by every report (CLI, API, console). */
        public static final String COUNTED_OVER = "a verdict is a follow-up that decided on a lead sales had not"
                + " accepted (at LEAD, MQL or NURTURE): accepted or meeting booked, or rejected back to nurture";

        public SalesAcceptance {
            if (accepted > decided || mqlAccepted > mqlDecided || mqlDecided > decided) {
                throw new IllegalArgumentException("Invalid acceptance: " + accepted + " accepted of " + decided
                        + " verdicts, " + mqlAccepted + " of " + mqlDecided + " on MQLs");
            }
        }

        /** The figures and their shares ({@code null} where nothing was decided). */
        public static SalesAcceptance of(long decided, long accepted, long mqlDecided, long mqlAccepted) {
            return new SalesAcceptance(decided, accepted, FunnelReportStore.share(accepted, decided), mqlDecided,
                    mqlAccepted, FunnelReportStore.share(mqlAccepted, mqlDecided));
        }
    }

    /** Where a reason for returning a lead to marketing comes from. */
    public enum RejectionOrigin {
        /** A follow-up with outcome {@code rejected}; the reason sales gave. */
        FOLLOW_UP,
        /** A move to nurture that no rejected follow-up made: SLA recycling ({@code sla_recycled}), a person. */
        STAGE_CHANGE
    }

    /** How often one reason returned a cohort lead to marketing. */
    public record Rejection(RejectionOrigin origin, String reason, long count) {
        public Rejection {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The cohort's leads from one source or campaign.
     *
     * @param name     the source or campaign; {@code null} for leads without one
     * @param leads    leads in the cohort
     * @param mqls     of those, leads that reached MQL
     * @param wonDeals deals of those leads won by the as-of time
     * @param revenue  the sum of their amounts
     */
    public record Segment(String name, long leads, long mqls, long wonDeals, BigDecimal revenue) {
        public Segment {
            Objects.requireNonNull(revenue, "revenue");
        }
    }
}

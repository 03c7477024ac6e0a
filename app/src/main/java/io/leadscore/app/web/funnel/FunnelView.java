package io.leadscore.app.web.funnel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadscore.batch.funnelreport.FunnelReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A funnel report with the keys of {@code leadscore report funnel --format json}.
 *
 * @param stages           the cohort's leads at each stage now, by stage wire name
 * @param funnel           the main path: leads that reached each stage and the conversion from the stage before
 * @param rejectionReasons why leads went back to marketing, most frequent first
 */
record FunnelView(@JsonProperty("run_id") long runId,
                  Instant from,
                  Instant to,
                  @JsonProperty("as_of") Instant asOf,
                  long leads,
                  Map<String, Long> stages,
                  List<Step> funnel,
                  Sla sla,
                  Acceptance acceptance,
                  @JsonProperty("rejection_reasons") List<Rejection> rejectionReasons,
                  @JsonProperty("won_deals") long wonDeals,
                  BigDecimal revenue,
                  @JsonProperty("by_source") List<Segment> bySource,
                  @JsonProperty("by_campaign") List<Segment> byCampaign,
                  @JsonProperty("completed_at") Instant completedAt,
                  @JsonProperty("closed_in_period")
                  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                  ClosedInPeriod closedInPeriod) {

    /** The deals won in the cohort's dates, whoever the lead, as {@code report funnel} shows them. */
    record ClosedInPeriod(Instant from, Instant to, @JsonProperty("won_deals") long wonDeals, BigDecimal revenue) {
    }

    /** This report with the deals won in its dates, when it has both ({@code null}: none). */
    FunnelView closedInPeriod(io.leadscore.batch.funnelreport.FunnelActuals.ClosedWon closed) {
        return new FunnelView(runId, from, to, asOf, leads, stages, funnel, sla, acceptance, rejectionReasons, wonDeals,
                revenue, bySource, byCampaign, completedAt, closed == null ? null
                : new ClosedInPeriod(closed.from(), closed.to(), closed.wins(), closed.revenue()));
    }

    record Step(String stage, long reached, Double conversion) {
    }

    record Sla(@JsonProperty("sla_hours") double slaHours,
               @JsonProperty("policy_version") int policyVersion,
               long mqls, long open,
               @JsonProperty("followed_up") long followedUp,
               @JsonProperty("within_sla") long withinSla,
               long breaches, long recycled,
               Double attainment,
               @JsonProperty("median_response_hours") Double medianResponseHours,
               @JsonProperty("p90_response_hours") Double p90ResponseHours) {
    }

    /**
     * Sales' verdicts: follow-ups that decided on a lead sales had not accepted (at LEAD, MQL or NURTURE), accepted
     * (or a meeting booked) or rejected back to nurture; {@code onMqls} the verdicts on leads that were MQLs.
     */
    record Acceptance(@JsonProperty("counted_over") String countedOver, long decided, long accepted, Double share,
                      @JsonProperty("on_mqls") MqlAcceptance onMqls) {
    }

    record MqlAcceptance(long decided, long accepted, Double share) {
    }

    record Rejection(String origin, String reason, long count) {
    }

    /** @param name the source or campaign; {@code null} for leads without one */
    record Segment(String name, long leads, long mqls, @JsonProperty("won_deals") long wonDeals, BigDecimal revenue) {
    }

    static FunnelView of(FunnelReport r) {
        Map<String, Long> stages = new LinkedHashMap<>();
        for (FunnelReport.StageCount s : r.stages()) {
            stages.put(s.stage().wireName(), s.leads());
        }
        FunnelReport.SlaAttainment s = r.sla();
        return new FunnelView(r.runId(), r.cohort().from(), r.cohort().to(), r.cohort().asOf(), r.leads(), stages,
                r.funnel().stream().map(f -> new Step(f.stage().wireName(), f.reached(), f.conversion())).toList(),
                new Sla(s.slaHours(), s.policyVersion(), s.mqls(), s.open(), s.followedUp(), s.withinSla(), s.breaches(),
                        s.recycled(), s.withinSlaShare(), s.medianResponseHours(), s.p90ResponseHours()),
                new Acceptance(FunnelReport.SalesAcceptance.COUNTED_OVER, r.acceptance().decided(), r.acceptance().accepted(), r.acceptance().share(),
                        new MqlAcceptance(r.acceptance().mqlDecided(), r.acceptance().mqlAccepted(),
                                r.acceptance().mqlShare())),
                r.rejections().stream().map(x -> new Rejection(x.origin().name().toLowerCase(Locale.ROOT), x.reason(),
                        x.count())).toList(),
                r.wonDeals(), r.revenue(), segments(r.sources()), segments(r.campaigns()), r.completedAt(), null);
    }

    private static List<Segment> segments(List<FunnelReport.Segment> segments) {
        return segments.stream().map(x -> new Segment(x.name(), x.leads(), x.mqls(), x.wonDeals(), x.revenue())).toList();
    }
}

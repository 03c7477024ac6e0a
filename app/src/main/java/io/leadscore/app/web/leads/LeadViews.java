package io.leadscore.app.web.leads;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Leads as the API and the pages show them. */
final class LeadViews {
    private LeadViews() {
    }

    /** A search hit. {@code email} is present only for the roles that may see it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(@JsonProperty("lead_id") String leadId,
               String company,
               String email,
               String stage,
               @JsonProperty("created_at") Instant createdAt,
               String source,
               Double score,
               String grade,
               @JsonProperty("scored_at") Instant scoredAt) {
        /** The console's address of the lead ({@link LeadPaths}). */
        public String path() {
            return LeadPaths.of(leadId);
        }
    }

    /** One lead with its history. */
    record Detail(Profile lead,
                  Score score,
                  @JsonProperty("score_history") List<ScorePoint> scoreHistory,
                  @JsonProperty("stage_history") List<StageMove> stageHistory,
                  @JsonProperty("follow_ups") List<FollowUpRow> followUps,
                  List<DealRow> deals,
                  Activity activity,
                  @JsonProperty("live_reasons") LiveReasons liveReasons) {
    }

    /** The lead's fields; {@code email} only for the roles that may see it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Profile(@JsonProperty("lead_id") String leadId,
                   @JsonProperty("created_at") Instant createdAt,
                   String email,
                   String company,
                   String industry,
                   Long employees,
                   @JsonProperty("annual_revenue") Double annualRevenue,
                   String country,
                   @JsonProperty("job_title") String jobTitle,
                   String seniority,
                   String department,
                   String source,
                   String campaign,
                   @JsonProperty("custom_attributes") Map<String, String> customAttributes,
                   String stage,
                   @JsonProperty("stage_changed_at") Instant stageChangedAt,
                   @JsonProperty("mql_at") Instant mqlAt,
                   @JsonProperty("sla_state") String slaState) {
    }

    /**
     * The current score, from the last rescoring that scored the lead.
     *
     * @param mqlReasons why it last became an MQL, as recorded then (the rule and the top reasons)
     */
    record Score(double score, String grade,
                 @JsonProperty("scored_at") Instant scoredAt,
                 @JsonProperty("model_version") String modelVersion,
                 @JsonProperty("run_id") long runId,
                 @JsonProperty("mql_reasons") String mqlReasons) {
    }

    record ScorePoint(@JsonProperty("as_of") Instant asOf,
                      @JsonProperty("run_id") long runId,
                      double score, String grade,
                      @JsonProperty("model_version") String modelVersion,
                      @JsonProperty("mql_threshold") double mqlThreshold) {
    }

    record StageMove(Instant at, String from, String to, String reason, String actor,
                     @JsonProperty("run_id") Long runId) {
    }

    record FollowUpRow(Instant at, String rep, String channel, String outcome, String reason) {
    }

    record DealRow(@JsonProperty("deal_id") String dealId,
                   @JsonProperty("created_at") Instant createdAt,
                   String status,
                   @JsonProperty("closed_at") Instant closedAt,
                   BigDecimal amount,
                   @JsonProperty("lost_reason") String lostReason) {
    }

    /**
     * @param total  events on record
     * @param byType events per type (wire names)
     * @param latest the latest events, newest first
     */
    record Activity(long total, @JsonProperty("by_type") Map<String, Long> byType, List<Event> latest) {
    }

    record Event(Instant at, String type, String detail) {
    }

    /**
     * What the champion says of the lead now.
     *
     * @param asOf          the time the features were taken at
     * @param score         the calibrated score now
     * @param grade         its grade under the policy's threshold
     * @param fit           the contribution of who the lead is (raw-score units)
     * @param engagement    the contribution of what the lead did
     * @param raising       reasons raising the score, largest first
     * @param lowering      reasons lowering it, largest first
     * @param rawScore      the model's score before calibration (log-odds for boosting and logistic regression,
     *                      a probability for a random forest): {@code expectedValue + fit + engagement}
     * @param expectedValue the raw score of the average training lead, which the contributions are measured from
     */
    record LiveReasons(@JsonProperty("model_version") String modelVersion,
                       @JsonProperty("as_of") Instant asOf,
                       double score, String grade, double fit, double engagement,
                       List<Reason> raising, List<Reason> lowering,
                       @JsonProperty("raw_score") double rawScore,
                       @JsonProperty("expected_value") double expectedValue) {
    }

    record Reason(String source, String group, double contribution, String phrase) {
    }
}

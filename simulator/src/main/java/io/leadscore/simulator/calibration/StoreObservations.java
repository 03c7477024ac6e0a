package io.leadscore.simulator.calibration;

import io.leadscore.scoring.evaluation.ThresholdCurve;
import java.util.List;
import java.util.Objects;

/**
 * The raw history the store side passes for calibration; every part is
 * optional (absent parts fall back to {@link Defaults}). Build with
 * {@link #builder()}; arrays are copied on the way in.
 */
public final class StoreObservations {

    private final double referenceThreshold;
    private final StageCounts mqlToSal;
    private final StageCounts salToSql;
    private final StageCounts sqlToOpportunity;
    private final StageCounts opportunityToWon;
    private final double[] responseDelayHours;
    private final boolean[] responseAccepted;
    private final double[] wonAmounts;
    private final double[] salesCycleDays;
    private final double[] qualificationLagDays;
    private final double[] championScores;
    private final ThresholdCurve thresholdCurve;
    private final ScoreAtArrival scoreAtArrival;
    private final int[] weeklyLeadCounts;
    private final long[] leadWeekdayCounts;
    private final long[] leadHourCounts;
    private final List<OpenOpportunity> openOpportunities;
    private final LeadHistory leadHistory;

    private StoreObservations(Builder b) {
        this.referenceThreshold = b.referenceThreshold;
        this.mqlToSal = b.mqlToSal;
        this.salToSql = b.salToSql;
        this.sqlToOpportunity = b.sqlToOpportunity;
        this.opportunityToWon = b.opportunityToWon;
        this.responseDelayHours = b.responseDelayHours;
        this.responseAccepted = b.responseAccepted;
        this.wonAmounts = b.wonAmounts;
        this.salesCycleDays = b.salesCycleDays;
        this.qualificationLagDays = b.qualificationLagDays;
        this.championScores = b.championScores;
        this.thresholdCurve = b.thresholdCurve;
        this.scoreAtArrival = b.scoreAtArrival;
        this.weeklyLeadCounts = b.weeklyLeadCounts;
        this.leadWeekdayCounts = b.leadWeekdayCounts;
        this.leadHourCounts = b.leadHourCounts;
        this.openOpportunities = b.openOpportunities;
        this.leadHistory = b.leadHistory;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The MQL threshold in force while the stage counts were collected. */
    public double referenceThreshold() {
        return referenceThreshold;
    }

    public StageCounts mqlToSal() {
        return mqlToSal;
    }

    public StageCounts salToSql() {
        return salToSql;
    }

    public StageCounts sqlToOpportunity() {
        return sqlToOpportunity;
    }

    public StageCounts opportunityToWon() {
        return opportunityToWon;
    }

    /** Hours from MQL to first follow-up, one per followed-up MQL; null when not given. */
    public double[] responseDelayHours() {
        return responseDelayHours == null ? null : responseDelayHours.clone();
    }

    /** Whether each followed-up MQL was accepted (became SAL); null when not given. */
    public boolean[] responseAccepted() {
        return responseAccepted == null ? null : responseAccepted.clone();
    }

    public double[] wonAmounts() {
        return wonAmounts == null ? null : wonAmounts.clone();
    }

    public double[] salesCycleDays() {
        return salesCycleDays == null ? null : salesCycleDays.clone();
    }

    public double[] qualificationLagDays() {
        return qualificationLagDays == null ? null : qualificationLagDays.clone();
    }

    public double[] championScores() {
        return championScores == null ? null : championScores.clone();
    }

    public ThresholdCurve thresholdCurve() {
        return thresholdCurve;
    }

    /** The champion's mean score and observed rate for leads as they arrive; {@link ScoreAtArrival#none()} without. */
    public ScoreAtArrival scoreAtArrival() {
        return scoreAtArrival;
    }

    public int[] weeklyLeadCounts() {
        return weeklyLeadCounts == null ? null : weeklyLeadCounts.clone();
    }

    /** Leads created per day of the week, Monday first; null when not given. */
    public long[] leadWeekdayCounts() {
        return leadWeekdayCounts == null ? null : leadWeekdayCounts.clone();
    }

    /** Leads created per hour of the day from midnight (team's time zone); null when not given. */
    public long[] leadHourCounts() {
        return leadHourCounts == null ? null : leadHourCounts.clone();
    }

    /** Open opportunities at the period start; null when not given. */
    public List<OpenOpportunity> openOpportunities() {
        return openOpportunities;
    }

    /** Every lead's history as of the calibration time, for the paths deals take; null when not given. */
    public LeadHistory leadHistory() {
        return leadHistory;
    }

    /** Collects the observations; each setter copies its input. */
    public static final class Builder {
        private double referenceThreshold = Defaults.REFERENCE_THRESHOLD;
        private StageCounts mqlToSal;
        private StageCounts salToSql;
        private StageCounts sqlToOpportunity;
        private StageCounts opportunityToWon;
        private double[] responseDelayHours;
        private boolean[] responseAccepted;
        private double[] wonAmounts;
        private double[] salesCycleDays;
        private double[] qualificationLagDays;
        private double[] championScores;
        private ThresholdCurve thresholdCurve;
        private ScoreAtArrival scoreAtArrival = ScoreAtArrival.none();
        private int[] weeklyLeadCounts;
        private long[] leadWeekdayCounts;
        private long[] leadHourCounts;
        private List<OpenOpportunity> openOpportunities;
        private LeadHistory leadHistory;

        private Builder() {
        }

        /** The MQL threshold in force while the history was collected, in (0, 1). */
        public Builder referenceThreshold(double threshold) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("Invalid reference threshold: " + threshold + ", expected a score strictly between 0 and 1");
            }
            this.referenceThreshold = threshold;
            return this;
        }

        public Builder stageCounts(StageCounts mqlToSal, StageCounts salToSql, StageCounts sqlToOpportunity,
                                   StageCounts opportunityToWon) {
            this.mqlToSal = mqlToSal;
            this.salToSql = salToSql;
            this.sqlToOpportunity = sqlToOpportunity;
            this.opportunityToWon = opportunityToWon;
            return this;
        }

        /** Followed-up MQLs: hours to first touch and whether each was accepted; the arrays pair up by index. */
        public Builder responses(double[] delayHours, boolean[] accepted) {
            Objects.requireNonNull(delayHours, "delayHours");
            Objects.requireNonNull(accepted, "accepted");
            if (delayHours.length != accepted.length) {
                throw new IllegalArgumentException("Invalid responses: " + delayHours.length + " delays and "
                        + accepted.length + " outcomes, expected as many of each");
            }
            this.responseDelayHours = delayHours.clone();
            this.responseAccepted = accepted.clone();
            return this;
        }

        public Builder wonAmounts(double[] amounts) {
            this.wonAmounts = Objects.requireNonNull(amounts, "amounts").clone();
            return this;
        }

        /** Days from opportunity opened to won, per won deal. */
        public Builder salesCycleDays(double[] days) {
            this.salesCycleDays = Objects.requireNonNull(days, "days").clone();
            return this;
        }

        /** Days from first follow-up to opportunity opened, per lead that got a deal. */
        public Builder qualificationLagDays(double[] days) {
            this.qualificationLagDays = Objects.requireNonNull(days, "days").clone();
            return this;
        }

        /** A sample of the champion model's recent scores of new leads. */
        public Builder championScores(double[] scores) {
            this.championScores = Objects.requireNonNull(scores, "scores").clone();
            return this;
        }

        public Builder scoreAtArrival(ScoreAtArrival atArrival) {
            this.scoreAtArrival = Objects.requireNonNull(atArrival, "atArrival");
            return this;
        }

        public Builder thresholdCurve(ThresholdCurve curve) {
            this.thresholdCurve = Objects.requireNonNull(curve, "curve");
            return this;
        }

        /** New leads per calendar week, oldest first. */
        public Builder weeklyLeadCounts(int[] counts) {
            this.weeklyLeadCounts = Objects.requireNonNull(counts, "counts").clone();
            return this;
        }

        /** Leads created per day of the week (7 counts, Monday first) and per hour of the day (24 counts from midnight). */
        public Builder leadArrivalProfile(long[] weekdayCounts, long[] hourCounts) {
            this.leadWeekdayCounts = weekdayCounts == null ? null : weekdayCounts.clone();
            this.leadHourCounts = hourCounts == null ? null : hourCounts.clone();
            return this;
        }

        public Builder openOpportunities(List<OpenOpportunity> opportunities) {
            this.openOpportunities = List.copyOf(opportunities);
            return this;
        }

        /** Every lead known at the calibration time (immutable, kept as given). */
        public Builder leadHistory(LeadHistory history) {
            this.leadHistory = Objects.requireNonNull(history, "history");
            return this;
        }

        public StoreObservations build() {
            return new StoreObservations(this);
        }
    }
}

package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.policy.Policy;
import io.leadscore.scoring.stages.StageEngine;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * How {@link FeatureSpace#learn} builds a schema from training leads.
 *
 * @param halfLifeDays     half-life of the decayed engagement counts ({@link Policy#engagementHalfLifeDays()})
 * @param windowDays       length of the exact windowed counts, in calendar days
 * @param activeDaysWindow days over which active days are counted
 * @param maxLevels        most one-hot levels per categorical field (the most frequent in training)
 * @param minLevelCount    fewest training leads a level needs to get its own column; a field filled in
 *                         fewer training leads than this is left out
 * @param excludedFields   field names left out, normalised (trimmed, lower case): custom attributes that
 *                         sales fills after contact, or standard fields ({@code campaign}, {@code email}, ...)
 * @param windowedTypes    activity types that get an exact count over the last {@code windowDays}
 * @param signalTypes      activity types that get a seen-before indicator (strong signals)
 * @param totalTypes       activity types that get their count over the lead's whole life: the memory of what a
 *                         lead did months ago, which the decayed counts have forgotten by then
 */
public record FeatureConfig(
        double halfLifeDays,
        int windowDays,
        int activeDaysWindow,
        int maxLevels,
        int minLevelCount,
        Set<String> excludedFields,
        Set<ActivityType> windowedTypes,
        Set<ActivityType> signalTypes,
        Set<ActivityType> totalTypes) {

    public static final int DEFAULT_WINDOW_DAYS = 7;
    public static final int DEFAULT_ACTIVE_DAYS_WINDOW = 30;
    public static final int DEFAULT_MAX_LEVELS = 20;
    public static final int DEFAULT_MIN_LEVEL_COUNT = 10;
    /** Pages and content whose recent counts make plain reasons ("3 pricing-page views in the last 7 days"). */
    public static final Set<ActivityType> DEFAULT_WINDOWED_TYPES = Collections.unmodifiableSet(EnumSet.of(
            ActivityType.PAGE_VIEW, ActivityType.PRICING_VIEW, ActivityType.CONTENT_DOWNLOAD, ActivityType.EMAIL_CLICK));
    /** Hand-raises and the opt-out: one such event says more than many page views. */
    public static final Set<ActivityType> DEFAULT_SIGNAL_TYPES = defaultSignalTypes();
    /** Engagement that builds up over a lead's life: how much it read, visited and came to. */
    public static final Set<ActivityType> DEFAULT_TOTAL_TYPES = Collections.unmodifiableSet(EnumSet.of(
            ActivityType.PAGE_VIEW, ActivityType.PRICING_VIEW, ActivityType.CONTENT_DOWNLOAD,
            ActivityType.WEBINAR_ATTENDED, ActivityType.EMAIL_OPEN, ActivityType.EMAIL_CLICK, ActivityType.FORM_SUBMIT,
            ActivityType.EVENT_ATTENDED));

    public FeatureConfig {
        EngagementState.checkParameters(halfLifeDays, windowDays);
        if (activeDaysWindow < 1 || activeDaysWindow > EngagementState.ACTIVE_DAY_BITS) {
            throw new IllegalArgumentException("Invalid active-days window: " + activeDaysWindow + " days, expected 1 to "
                    + EngagementState.ACTIVE_DAY_BITS);
        }
        if (maxLevels < 1 || maxLevels > 1000) {
            throw new IllegalArgumentException("Invalid max levels: " + maxLevels + ", expected 1 to 1000");
        }
        if (minLevelCount < 1) {
            throw new IllegalArgumentException("Invalid min level count: " + minLevelCount + ", expected at least 1");
        }
        TreeSet<String> names = new TreeSet<>();
        if (excludedFields != null) {
            for (String field : excludedFields) {
                String normalised = Text.normalise(field);
                if (normalised == null) {
                    throw new IllegalArgumentException("Invalid excluded field: '" + field + "', expected a field name");
                }
                names.add(normalised);
            }
        }
        excludedFields = Collections.unmodifiableSortedSet(names);
        windowedTypes = enumSet(windowedTypes);
        signalTypes = enumSet(signalTypes);
        totalTypes = enumSet(totalTypes);
    }

    public static FeatureConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether a field (standard or custom) is left out, comparing names trimmed and in lower case. */
    public boolean excludes(String fieldName) {
        String normalised = Text.normalise(fieldName);
        return normalised != null && excludedFields.contains(normalised);
    }

    /** The engagement part of the settings a learned schema is extracted with. */
    public FeatureSettings engagementSettings() {
        return FeatureSettings.of(halfLifeDays, windowDays);
    }

    /** The stage engine's fast-track signals, a trial sign-up and the opt-out. */
    private static Set<ActivityType> defaultSignalTypes() {
        EnumSet<ActivityType> types = EnumSet.copyOf(StageEngine.FAST_TRACK_SIGNALS);
        types.add(ActivityType.TRIAL_SIGNUP);
        types.add(ActivityType.UNSUBSCRIBE);
        return Collections.unmodifiableSet(types);
    }

    private static Set<ActivityType> enumSet(Collection<ActivityType> types) {
        EnumSet<ActivityType> set = EnumSet.noneOf(ActivityType.class);
        if (types != null) {
            set.addAll(types);
        }
        return Collections.unmodifiableSet(set);
    }

    /** Named defaults; every setter returns the builder. */
    public static final class Builder {
        private double halfLifeDays = Policy.DEFAULT_ENGAGEMENT_HALF_LIFE_DAYS;
        private int windowDays = DEFAULT_WINDOW_DAYS;
        private int activeDaysWindow = DEFAULT_ACTIVE_DAYS_WINDOW;
        private int maxLevels = DEFAULT_MAX_LEVELS;
        private int minLevelCount = DEFAULT_MIN_LEVEL_COUNT;
        private Set<String> excludedFields = Set.of();
        private Set<ActivityType> windowedTypes = DEFAULT_WINDOWED_TYPES;
        private Set<ActivityType> signalTypes = DEFAULT_SIGNAL_TYPES;
        private Set<ActivityType> totalTypes = DEFAULT_TOTAL_TYPES;

        private Builder() {
        }

        /** Takes the engagement half-life from the policy. */
        public Builder policy(Policy policy) {
            this.halfLifeDays = policy.engagementHalfLifeDays();
            return this;
        }

        public Builder halfLifeDays(double days) {
            this.halfLifeDays = days;
            return this;
        }

        public Builder windowDays(int days) {
            this.windowDays = days;
            return this;
        }

        public Builder activeDaysWindow(int days) {
            this.activeDaysWindow = days;
            return this;
        }

        public Builder maxLevels(int levels) {
            this.maxLevels = levels;
            return this;
        }

        public Builder minLevelCount(int count) {
            this.minLevelCount = count;
            return this;
        }

        public Builder excludedFields(Collection<String> names) {
            this.excludedFields = Set.copyOf(names);
            return this;
        }

        public Builder windowedTypes(Collection<ActivityType> types) {
            this.windowedTypes = Set.copyOf(types);
            return this;
        }

        public Builder signalTypes(Collection<ActivityType> types) {
            this.signalTypes = Set.copyOf(types);
            return this;
        }

        public Builder totalTypes(Collection<ActivityType> types) {
            this.totalTypes = Set.copyOf(types);
            return this;
        }

        public FeatureConfig build() {
            return new FeatureConfig(halfLifeDays, windowDays, activeDaysWindow, maxLevels, minLevelCount,
                    excludedFields, windowedTypes, signalTypes, totalTypes);
        }
    }
}

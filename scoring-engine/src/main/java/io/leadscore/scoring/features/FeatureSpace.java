package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.ActivityType;
import io.leadscore.scoring.domain.Lead;
import io.leadscore.scoring.features.FeatureRole.LeadField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A learned feature schema with the settings it is extracted with: what a
 * model file stores, and all that nightly scoring needs to rebuild the
 * training-time {@link FeatureExtractor}.
 *
 * @param schema   the columns, fit features first, then engagement features
 * @param settings decay, window and imputation values
 */
public record FeatureSpace(FeatureSchema schema, FeatureSettings settings) {

    public FeatureSpace {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(settings, "settings");
        FeatureExtractor.forSchema(schema, settings);
    }

    /** The extractor of this schema and settings. */
    public FeatureExtractor extractor() {
        return FeatureExtractor.forSchema(schema, settings);
    }

    /**
     * Learns the columns from the leads of the training window (never from validation or scoring
     * leads, whose levels the model must not see in advance).
     *
     * <p>Fit features, in this order: industry, employees, annual revenue, seniority, department,
     * country, source, campaign, email domain, then custom attributes by name. A categorical field gets
     * one column for each of its {@link FeatureConfig#maxLevels()} most frequent normalised values seen
     * in at least {@link FeatureConfig#minLevelCount()} leads (ties by value), plus {@code :other} and
     * {@code :missing}. A numeric field gets its value ({@code log1p} for employees and revenue) and
     * {@code :missing}; a missing value takes the training median. A custom attribute is numeric when
     * every non-blank training value is a plain decimal number, categorical otherwise. A field filled
     * in fewer than {@code minLevelCount} training leads, or {@link FeatureConfig#excludes excluded}, is
     * left out.
     *
     * <p>Engagement features, per activity type in contract order: the decayed count; the exact count
     * over the last {@code windowDays} for {@link FeatureConfig#windowedTypes()}; a seen-before
     * indicator for {@link FeatureConfig#signalTypes()}; the count over the lead's whole life for
     * {@link FeatureConfig#totalTypes()}. Then days since the last activity with a
     * no-activity indicator, active days over the last {@code activeDaysWindow}, and the lead's age.
     *
     * @throws IllegalArgumentException when two custom attributes produce the same feature name
     */
    public static FeatureSpace learn(Iterable<Lead> trainingLeads, FeatureConfig config) {
        Objects.requireNonNull(config, "config");
        Map<LeadField, LevelCounts> categorical = new HashMap<>();
        Map<LeadField, Numbers> numeric = new HashMap<>();
        int emailPresent = 0;
        TreeMap<String, CustomStats> custom = new TreeMap<>();
        for (LeadField field : LeadField.values()) {
            if (field == LeadField.CUSTOM || field == LeadField.EMAIL_DOMAIN || field.excludedBy(config)) {
                continue;
            }
            if (field.categorical) {
                categorical.put(field, new LevelCounts());
            } else {
                numeric.put(field, new Numbers());
            }
        }
        boolean useEmail = !LeadField.EMAIL_DOMAIN.excludedBy(config);

        for (Lead lead : trainingLeads) {
            categorical.forEach((field, counts) -> counts.add(Text.normalise(field.text(lead))));
            numeric.forEach((field, values) -> values.add(field.log1p(lead)));
            if (useEmail && EmailDomains.domainStart(lead.email()) >= 0) {
                emailPresent++;
            }
            for (Map.Entry<String, String> attribute : lead.customAttributes().entrySet()) {
                String name = Text.normalise(attribute.getKey());
                if (name == null || config.excludes(name) || Text.isBlank(attribute.getValue())) {
                    continue;
                }
                custom.computeIfAbsent(name, n -> new CustomStats()).add(attribute.getValue());
            }
        }

        List<FeatureDefinition> features = new ArrayList<>();
        Map<String, Double> imputations = new TreeMap<>();
        int minCount = config.minLevelCount();
        for (LeadField field : LeadField.values()) {
            if (categorical.containsKey(field)) {
                LevelCounts counts = categorical.get(field);
                if (counts.present >= minCount) {
                    addCategorical(features, field.source, counts.top(config.maxLevels(), minCount));
                }
            } else if (numeric.containsKey(field)) {
                Numbers values = numeric.get(field);
                if (values.size >= minCount) {
                    String name = field.source + FeatureRole.LOG1P;
                    features.add(fit(name, FeatureKind.NUMERIC, field.source, null));
                    features.add(fit(field.source + FeatureRole.MISSING, FeatureKind.INDICATOR, field.source, null));
                    imputations.put(name, values.median());
                }
            } else if (field == LeadField.EMAIL_DOMAIN && useEmail && emailPresent >= minCount) {
                features.add(fit(field.source + FeatureRole.FREE_MAIL, FeatureKind.INDICATOR, field.source, null));
                features.add(fit(field.source + FeatureRole.MISSING, FeatureKind.INDICATOR, field.source, null));
            }
        }
        for (Map.Entry<String, CustomStats> entry : custom.entrySet()) {
            CustomStats stats = entry.getValue();
            if (stats.present < minCount) {
                continue;
            }
            String source = FeatureRole.customSource(entry.getKey());
            if (stats.numbers != null) {
                features.add(fit(source, FeatureKind.NUMERIC, source, null));
                features.add(fit(source + FeatureRole.MISSING, FeatureKind.INDICATOR, source, null));
                imputations.put(source, stats.numbers.median());
            } else {
                addCategorical(features, source, stats.levels.top(config.maxLevels(), minCount));
            }
        }
        addEngagement(features, config);
        checkUniqueNames(features);
        return new FeatureSpace(new FeatureSchema(features), config.engagementSettings().withImputations(imputations));
    }

    /** Names are unique unless custom attribute names contain '=' or ':' in a way that clashes. */
    private static void checkUniqueNames(List<FeatureDefinition> features) {
        Map<String, String> sourceByName = new HashMap<>();
        for (FeatureDefinition f : features) {
            String earlier = sourceByName.putIfAbsent(f.name(), f.source());
            if (earlier != null) {
                throw new IllegalArgumentException("Feature " + f.name() + " would come from both " + earlier
                        + " and " + f.source() + ": exclude or rename one of these custom attributes");
            }
        }
    }

    private static void addCategorical(List<FeatureDefinition> features, String source, List<String> levels) {
        for (String level : levels) {
            features.add(fit(FeatureRole.levelName(source, level), FeatureKind.INDICATOR, source, level));
        }
        features.add(fit(source + FeatureRole.OTHER, FeatureKind.INDICATOR, source, null));
        features.add(fit(source + FeatureRole.MISSING, FeatureKind.INDICATOR, source, null));
    }

    private static void addEngagement(List<FeatureDefinition> features, FeatureConfig config) {
        for (ActivityType type : ActivityType.values()) {
            String source = type.wireName();
            features.add(engagement(source + FeatureRole.DECAYED, FeatureKind.NUMERIC, source));
            if (config.windowedTypes().contains(type)) {
                features.add(engagement(FeatureRole.windowName(type, config.windowDays()), FeatureKind.NUMERIC, source));
            }
            if (config.signalTypes().contains(type)) {
                features.add(engagement(source + FeatureRole.SEEN, FeatureKind.INDICATOR, source));
            }
            if (config.totalTypes().contains(type)) {
                features.add(engagement(source + FeatureRole.TOTAL, FeatureKind.NUMERIC, source));
            }
        }
        features.add(engagement(FeatureRole.LAST_ACTIVITY + "_days", FeatureKind.NUMERIC, FeatureRole.LAST_ACTIVITY));
        features.add(engagement(FeatureRole.LAST_ACTIVITY + ":none", FeatureKind.INDICATOR, FeatureRole.LAST_ACTIVITY));
        features.add(engagement(FeatureRole.activeDaysName(config.activeDaysWindow()), FeatureKind.NUMERIC,
                FeatureRole.ACTIVE_DAYS));
        features.add(engagement(FeatureRole.LEAD_AGE + "_days", FeatureKind.NUMERIC, FeatureRole.LEAD_AGE));
    }

    private static FeatureDefinition fit(String name, FeatureKind kind, String source, String level) {
        return new FeatureDefinition(name, kind, FeatureGroup.FIT, source, level);
    }

    private static FeatureDefinition engagement(String name, FeatureKind kind, String source) {
        return new FeatureDefinition(name, kind, FeatureGroup.ENGAGEMENT, source, null);
    }

    /** Counts of normalised values of one field. */
    private static final class LevelCounts {
        final Map<String, int[]> counts = new HashMap<>();
        int present;

        void add(String normalised) {
            if (normalised != null) {
                present++;
                counts.computeIfAbsent(normalised, v -> new int[1])[0]++;
            }
        }

        /** The most frequent levels with at least {@code minCount} leads, by count, then value. */
        List<String> top(int maxLevels, int minCount) {
            return counts.entrySet().stream()
                    .filter(e -> e.getValue()[0] >= minCount)
                    .sorted(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .limit(maxLevels)
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** The non-missing values of a numeric field. */
    private static final class Numbers {
        double[] values = new double[64];
        int size;

        void add(double value) {
            if (Double.isNaN(value)) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        double median() {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int mid = size / 2;
            return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /** Values of one custom attribute: numbers while every value is one, and level counts. */
    private static final class CustomStats {
        final LevelCounts levels = new LevelCounts();
        Numbers numbers = new Numbers();
        int present;

        void add(String raw) {
            present++;
            levels.add(Text.normalise(raw));
            if (numbers != null) {
                double value = Text.parseNumber(raw);
                if (Double.isNaN(value)) {
                    numbers = null;
                } else {
                    numbers.add(value);
                }
            }
        }
    }
}

package io.leadscore.scoring.features;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link FeatureExtractor} needs beyond its {@link FeatureSchema}: the decay and window
 * parameters of the engagement state, and the value each numeric fit feature takes when the lead has
 * none (its missing indicator is then 1). A model file stores it as {@link #toMap() key/value strings}
 * next to the schema; nightly scoring rebuilds the same extractor from the two.
 *
 * @param halfLifeDays     half-life of the decayed engagement counts, in days, &gt; 0
 * <p>Window lengths of the features themselves are in their names ({@code pricing_view_last_7d},
 * {@code active_days_last_30}); {@code windowDays} is what the engagement state keeps, the longest
 * windowed count a schema can ask for.
 *
 * @param halfLifeDays half-life of the decayed engagement counts, in days, &gt; 0
 * @param windowDays   days of exact daily counts the engagement state keeps, 1 to
 *                     {@value EngagementState#MAX_WINDOW_DAYS}
 * @param imputations  feature name → value used when the lead has no value (the training median)
 */
public record FeatureSettings(double halfLifeDays, int windowDays, Map<String, Double> imputations) {

    /** The version of the key/value form this release writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final String KEY_VERSION = "feature_settings_version";
    static final String KEY_HALF_LIFE = "engagement.half_life_days";
    static final String KEY_WINDOW = "engagement.window_days";
    static final String IMPUTE_PREFIX = "impute.";

    public FeatureSettings {
        EngagementState.checkParameters(halfLifeDays, windowDays);
        TreeMap<String, Double> copy = new TreeMap<>();
        if (imputations != null) {
            for (Map.Entry<String, Double> e : imputations.entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank()) {
                    throw new IllegalArgumentException("Missing feature name of an imputation");
                }
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException("Invalid imputation of " + e.getKey() + ": " + e.getValue()
                            + ", expected a finite number");
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        imputations = Collections.unmodifiableSortedMap(copy);
    }

    /** Settings without imputations, for the given engagement parameters. */
    public static FeatureSettings of(double halfLifeDays, int windowDays) {
        return new FeatureSettings(halfLifeDays, windowDays, Map.of());
    }

    /** The same engagement parameters with these imputations. */
    public FeatureSettings withImputations(Map<String, Double> values) {
        return new FeatureSettings(halfLifeDays, windowDays, values);
    }

    /** An engagement state without events, with these settings' half-life and window. */
    public EngagementState newState(Instant asOf) {
        return EngagementState.empty(halfLifeDays, windowDays, asOf);
    }

    /**
     * Whether a state was built with these settings' half-life and window, and keeps totals. A stored state that
     * was not (the model's settings changed, or it was written by a release that kept no totals) must be rebuilt
     * from the lead's full history.
     */
    public boolean fits(EngagementState state) {
        return state.halfLifeDays() == halfLifeDays && state.windowDays() == windowDays && state.totalsKnown();
    }

    /** The value of a numeric feature when the lead has none. */
    public double imputation(String featureName) {
        Double value = imputations.get(featureName);
        if (value == null) {
            throw new IllegalArgumentException("No imputation for feature " + featureName + " in the feature settings");
        }
        return value;
    }

    /** The settings as key/value strings; numbers round-trip exactly. */
    public SortedMap<String, String> toMap() {
        TreeMap<String, String> map = new TreeMap<>();
        map.put(KEY_VERSION, Integer.toString(FORMAT_VERSION));
        map.put(KEY_HALF_LIFE, Double.toString(halfLifeDays));
        map.put(KEY_WINDOW, Integer.toString(windowDays));
        imputations.forEach((name, value) -> map.put(IMPUTE_PREFIX + name, Double.toString(value)));
        return Collections.unmodifiableSortedMap(map);
    }

    /**
     * Reads settings written by {@link #toMap()}.
     *
     * @throws IllegalArgumentException naming the key when one is missing, unknown, or holds a bad value
     */
    public static FeatureSettings fromMap(Map<String, String> map) {
        String version = require(map, KEY_VERSION);
        if (!version.equals(Integer.toString(FORMAT_VERSION))) {
            throw new IllegalArgumentException("Unsupported feature settings version " + version
                    + ", this release reads version " + FORMAT_VERSION);
        }
        double halfLife = parseDouble(KEY_HALF_LIFE, require(map, KEY_HALF_LIFE));
        int window = parseInt(KEY_WINDOW, require(map, KEY_WINDOW));
        TreeMap<String, Double> imputations = new TreeMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : map.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(IMPUTE_PREFIX)) {
                imputations.put(key.substring(IMPUTE_PREFIX.length()), parseDouble(key, e.getValue()));
            } else if (!key.equals(KEY_VERSION) && !key.equals(KEY_HALF_LIFE) && !key.equals(KEY_WINDOW)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown feature settings " + unknown
                    + ": written by a newer release? This one reads version " + FORMAT_VERSION);
        }
        return new FeatureSettings(halfLife, window, imputations);
    }

    private static String require(Map<String, String> map, String key) {
        String value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Missing feature setting " + key);
        }
        return value;
    }

    private static double parseDouble(String key, String value) {
        double parsed = value == null ? Double.NaN : Text.parseNumber(value);
        if (Double.isNaN(parsed)) {
            throw new IllegalArgumentException("Invalid feature setting " + key + ": '" + value + "', expected a number");
        }
        return parsed;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid feature setting " + key + ": '" + value + "', expected an integer");
        }
    }
}

package io.leadscore.scoring.features;

import java.util.Objects;

/**
 * One column of a feature vector.
 *
 * @param name   unique within a schema, e.g. {@code employees_log}, {@code industry=software}
 * @param kind   how to read the value
 * @param group  fit or engagement
 * @param source the lead field, custom attribute or activity type the feature comes from;
 *               one-hot levels and missing indicators of one field share it
 * @param level  for a one-hot feature the level it stands for, otherwise {@code null}
 */
public record FeatureDefinition(String name, FeatureKind kind, FeatureGroup group, String source, String level) {
    public FeatureDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Missing feature name");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Missing source of feature " + name);
        }
    }
}

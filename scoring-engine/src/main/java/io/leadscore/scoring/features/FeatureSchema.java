package io.leadscore.scoring.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The named, ordered, typed columns of a feature vector. Two schemas with the
 * same definitions in the same order have the same {@link #fingerprint()}; a
 * model refuses vectors built for another schema.
 */
public final class FeatureSchema {
    private final List<FeatureDefinition> features;
    private final Map<String, Integer> indexByName;
    private final String fingerprint;

    public FeatureSchema(List<FeatureDefinition> features) {
        if (features == null || features.isEmpty()) {
            throw new IllegalArgumentException("A feature schema needs at least one feature");
        }
        this.features = List.copyOf(features);
        this.indexByName = new HashMap<>();
        for (int i = 0; i < this.features.size(); i++) {
            String name = this.features.get(i).name();
            if (indexByName.put(name, i) != null) {
                throw new IllegalArgumentException("Duplicate feature name: " + name);
            }
        }
        this.fingerprint = computeFingerprint(this.features);
    }

    public int size() {
        return features.size();
    }

    public FeatureDefinition get(int index) {
        return features.get(index);
    }

    public List<FeatureDefinition> features() {
        return features;
    }

    public String[] names() {
        return features.stream().map(FeatureDefinition::name).toArray(String[]::new);
    }

    /** The index of a feature, or -1 when the schema has no feature of that name. */
    public int indexOf(String name) {
        Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    /** The index of a feature that must exist. */
    public int require(String name) {
        int index = indexOf(name);
        if (index < 0) {
            throw new NoSuchElementException("No feature named " + name + " in schema " + fingerprint);
        }
        return index;
    }

    /** First 16 hex digits of the SHA-256 of every definition, in order. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Fails fast when a vector was not built for this schema. */
    public void checkVector(double[] x) {
        if (x.length != features.size()) {
            throw new IllegalArgumentException(
                    String.format("Invalid input vector size: %d, expected: %d", x.length, features.size()));
        }
    }

    private static String computeFingerprint(List<FeatureDefinition> features) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (FeatureDefinition f : features) {
                String line = f.name() + '\u0001' + f.kind() + '\u0001' + f.group() + '\u0001' + f.source()
                        + '\u0001' + (f.level() == null ? "" : f.level()) + '\n';
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSchema other && features.equals(other.features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSchema[" + features.size() + " features, " + fingerprint + "]";
    }
}

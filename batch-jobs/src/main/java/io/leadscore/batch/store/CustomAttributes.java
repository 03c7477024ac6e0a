package io.leadscore.batch.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lead's custom attributes as a flat JSON object of strings, e.g.
 * {@code {"budget_band":"high","tech_stack":"aws"}}: readable in SQL on both
 * stores (PostgreSQL can cast it to jsonb) and cheap to decode nightly.
 * Written compactly in the attributes' order; decoded into a sorted map.
 */
public final class CustomAttributes {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {
    };

    private CustomAttributes() {
    }

    /** The stored text; {@code null} for no attributes. */
    public static String encode(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        return JSON.writeValueAsString(attributes);
    }

    /** Decodes what {@link #encode} wrote; a malformed text is an {@link IllegalArgumentException} naming the position. */
    public static Map<String, String> decode(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return Collections.unmodifiableMap(JSON.readValue(json, MAP));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Invalid custom attributes: " + e.getOriginalMessage() + " at "
                    + (e.getLocation() == null ? "?" : "column " + e.getLocation().getColumnNr()), e);
        }
    }
}

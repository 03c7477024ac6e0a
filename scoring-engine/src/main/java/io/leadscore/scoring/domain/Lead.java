package io.leadscore.scoring.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A lead as the import contract describes it. Optional fields are
 * {@code null} when absent; {@code customAttributes} holds the company's own
 * columns (never {@code null}, sorted by name).
 *
 * <p>{@code email} is personal data: it is never part of {@link #toString()},
 * so a lead written to a log does not leak it.
 */
public record Lead(
        String leadId,
        Instant createdAt,
        String email,
        String company,
        String industry,
        Long employees,
        Double annualRevenue,
        String country,
        String jobTitle,
        Seniority seniority,
        String department,
        String source,
        String campaign,
        Map<String, String> customAttributes) {

    /** The longest lead id the contract allows. */
    public static final int MAX_ID_LENGTH = 64;

    public Lead {
        requireId("leadId", leadId);
        Objects.requireNonNull(createdAt, "createdAt");
        if (employees != null && employees < 0) {
            throw new IllegalArgumentException("Invalid employees: " + employees + ", expected an integer >= 0");
        }
        if (annualRevenue != null && !(annualRevenue >= 0) || annualRevenue != null && annualRevenue.isInfinite()) {
            throw new IllegalArgumentException("Invalid annual revenue: " + annualRevenue + ", expected a finite number >= 0");
        }
        if (country != null && !country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("Invalid country: '" + country + "', expected an ISO 3166-1 alpha-2 code such as DE");
        }
        customAttributes = customAttributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(customAttributes));
    }

    static void requireId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Missing " + field);
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("Invalid " + field + ": " + id.length() + " characters, expected at most " + MAX_ID_LENGTH);
        }
    }

    @Override
    public String toString() {
        return "Lead[" + leadId + ", created " + createdAt + ", " + company + "]";
    }
}

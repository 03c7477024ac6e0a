package io.leadscore.scoring.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadTest {
    private static final Instant T = Instant.parse("2026-01-05T09:30:00Z");

    static Lead lead(String id, Long employees, Double revenue, String country) {
        return new Lead(id, T, "anna.berg@acme.example", "Acme", "software", employees, revenue, country, "CTO",
                Seniority.C_LEVEL, "it", "webinar", null, Map.of("b", "2", "a", "1"));
    }

    @Test
    void neverShowsTheEmailInItsText() {
        assertThat(lead("L-1", 10L, 1.0, "DE").toString()).contains("L-1").doesNotContain("anna", "@");
    }

    @Test
    void keepsCustomAttributesSortedAndUnmodifiable() {
        Lead lead = lead("L-1", 10L, 1.0, "DE");
        assertThat(lead.customAttributes().keySet()).containsExactly("a", "b");
        assertThatThrownBy(() -> lead.customAttributes().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsValuesTheContractForbids() {
        assertThatThrownBy(() -> lead("L-1", -1L, null, null)).hasMessageContaining("Invalid employees: -1");
        assertThatThrownBy(() -> lead("L-1", null, -5.0, null)).hasMessageContaining("Invalid annual revenue: -5.0");
        assertThatThrownBy(() -> lead("L-1", null, null, "Germany")).hasMessageContaining("Invalid country: 'Germany'");
        assertThatThrownBy(() -> lead("x".repeat(65), null, null, null)).hasMessageContaining("65 characters");
        assertThatThrownBy(() -> lead(" ", null, null, null)).hasMessageContaining("Missing leadId");
    }

    @Test
    void dealsCloseNotBeforeTheyOpen() {
        assertThatThrownBy(() -> new Deal("D-1", "L-1", T, DealStatus.WON, T.minusSeconds(1), BigDecimal.TEN, null))
                .hasMessageContaining("before createdAt");
        assertThatThrownBy(() -> new Deal("D-1", "L-1", T, DealStatus.LOST, null, BigDecimal.TEN, null))
                .hasMessageContaining("Missing closedAt for a lost deal");
        assertThatThrownBy(() -> new Deal("D-1", "L-1", T, DealStatus.OPEN, null, BigDecimal.valueOf(-1), null))
                .hasMessageContaining("Invalid amount: -1");
    }

    @Test
    void readsWireNamesIgnoringCaseAndSpaces() {
        assertThat(ActivityType.fromWire(" Pricing_View ")).contains(ActivityType.PRICING_VIEW);
        assertThat(ActivityType.fromWire("teleport")).isEmpty();
        assertThat(Seniority.fromWire("C_LEVEL")).contains(Seniority.C_LEVEL);
    }
}

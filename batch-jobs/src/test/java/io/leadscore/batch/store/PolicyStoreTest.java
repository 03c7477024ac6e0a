package io.leadscore.batch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadscore.batch.TestStores;
import io.leadscore.scoring.policy.Policy;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The policy in force, as the jobs read it, on whichever store the subclass names. */
abstract class PolicyStoreTest {
    @Autowired
    PolicyStore policyStore;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void builtInPolicyOnly() {
        TestStores.clean(jdbc);
    }

    @Test
    void readsTheBuiltInPolicyInstalledByTheMigrations() {
        StoredPolicy latest = policyStore.latest();

        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.policy()).isEqualTo(Policy.defaults());
        assertThat(latest.createdBy()).isEqualTo("leadscore");
        assertThat(latest.note()).isEqualTo("built-in defaults");
        assertThat(policyStore.current()).isEqualTo(Policy.defaults());
    }

    @Test
    void theHighestVersionIsInForce() {
        insert(3, 0.25, 4, 7, "faster follow-up");
        insert(2, 0.2, 48, 21, null);

        StoredPolicy latest = policyStore.latest();

        assertThat(latest.version()).isEqualTo(3);
        assertThat(latest.policy()).isEqualTo(new Policy(0.25, 4, 7, 180, 14));
        assertThat(latest.createdAt()).isEqualTo(Instant.parse("2025-06-01T08:00:00Z"));
        assertThat(latest.createdBy()).isEqualTo("ops@example");
        assertThat(latest.note()).isEqualTo("faster follow-up");
    }

    @Test
    void writesTheNextVersionAndRefusesOneSomeoneElseWroteFirst() {
        StoredPolicy first = policyStore.latest();
        Instant at = Instant.parse("2025-07-01T09:00:00Z");

        StoredPolicy written = policyStore.writeAfter(first, first.policy().withSlaHours(8), "web:olga", "faster", at);

        assertThat(written.version()).isEqualTo(2);
        assertThat(written.policy().slaHours()).isEqualTo(8);
        assertThat(written.createdBy()).isEqualTo("web:olga");
        assertThat(policyStore.version(2)).isEqualTo(written);
        assertThat(policyStore.history()).extracting(StoredPolicy::version).containsExactly(2, 1);
        // a writer that read version 1 too, and writes after it
        assertThatThrownBy(() -> policyStore.writeAfter(first, first.policy().withSlaHours(4), "web:ada", "slower", at))
                .isInstanceOf(PolicyStore.VersionTakenException.class).hasMessageContaining("Policy version 2");
        assertThat(policyStore.latest()).isEqualTo(written);
        assertThatThrownBy(() -> policyStore.version(9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no policy version 9");
    }

    @Test
    void refusesAStoredPolicyThatBreaksARuleNamingItsVersion() {
        insert(2, 0.2, 72, 2, "recycles before the SLA runs out");

        assertThatThrownBy(() -> policyStore.current())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Policy version 2")
                .hasMessageContaining("2 days is shorter than the SLA of 72.0 hours");
    }

    @Test
    void refusesAStoreWithoutPolicy() {
        jdbc.update("DELETE FROM policy");
        try {
            assertThatThrownBy(() -> policyStore.latest())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no policy");
        } finally {
            jdbc.update("INSERT INTO policy (version, mql_threshold, sla_hours, recycle_after_days, label_horizon_days,"
                    + " engagement_half_life_days, created_at, created_by, note)"
                    + " VALUES (1, 0.10, 24, 14, 180, 14, CURRENT_TIMESTAMP, 'leadscore', 'built-in defaults')");
        }
    }

    private void insert(int version, double threshold, double slaHours, int recycleDays, String note) {
        jdbc.update("INSERT INTO policy (version, mql_threshold, sla_hours, recycle_after_days, label_horizon_days,"
                        + " engagement_half_life_days, created_at, created_by, note) VALUES (?, ?, ?, ?, 180, 14, ?, ?, ?)",
                version, threshold, slaHours, recycleDays, Instants.utc(Instant.parse("2025-06-01T08:00:00Z")),
                "ops@example", note);
    }
}

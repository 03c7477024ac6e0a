package io.leadscore.app.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSessionTest {

    @Test
    void givesAnH2StoreALargerStatementCache() {
        assertThat(StoreSession.withQueryCache("jdbc:h2:file:./leadscore-data/leadscore"))
                .isEqualTo("jdbc:h2:file:./leadscore-data/leadscore;QUERY_CACHE_SIZE=" + StoreSession.H2_QUERY_CACHE_SIZE);
        assertThat(StoreSession.H2_QUERY_CACHE_SIZE).isGreaterThan(8);
    }

    @Test
    void keepsTheCacheSizeAUrlSetsAndLeavesOtherStoresAlone() {
        assertThat(StoreSession.withQueryCache("jdbc:h2:file:./s;query_cache_size=8")).isEqualTo("jdbc:h2:file:./s;query_cache_size=8");
        assertThat(StoreSession.withQueryCache("jdbc:postgresql://127.0.0.1:55432/leadscore?user=postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:55432/leadscore?user=postgres");
    }

    @Test
    void aServerWritesItsEmbeddedStoresCommitsAtOnce() {
        assertThat(StoreSession.withImmediateWrites("jdbc:h2:file:./s")).isEqualTo("jdbc:h2:file:./s;WRITE_DELAY=0");
        assertThat(StoreSession.withImmediateWrites("jdbc:h2:file:./s;write_delay=100")).isEqualTo("jdbc:h2:file:./s;write_delay=100");
        assertThat(StoreSession.withImmediateWrites("jdbc:postgresql://127.0.0.1/leadscore"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/leadscore");
        assertThat(StoreSession.withImmediateWrites("jdbc:h2:tcp://db.example/leadscore"))
                .isEqualTo("jdbc:h2:tcp://db.example/leadscore");
        assertThat(StoreSession.withImmediateWrites("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
        assertThat(StoreSession.properties(new GlobalOptions(), true).get("spring.datasource.url").toString())
                .endsWith(";WRITE_DELAY=0");
        assertThat(StoreSession.properties(new GlobalOptions(), false).get("spring.datasource.url").toString())
                .doesNotContain("WRITE_DELAY");
    }
}

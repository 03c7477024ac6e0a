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
}

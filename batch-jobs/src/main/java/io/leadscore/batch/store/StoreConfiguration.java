package io.leadscore.batch.store;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Beans every job uses: the clock, the dialect, progress, job locks, the policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LeadscoreSettings.class)
public class StoreConfiguration {

    /**
     * The system clock in whole microseconds, what the store keeps: a time the product answers with (a live MQL's
     * time, a webhook's due time) reads back from the store as the same instant.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    StoreDialect storeDialect(DataSource dataSource) {
        return StoreDialect.of(dataSource);
    }

    @Bean
    LiveWrites liveWrites(JdbcTemplate jdbc, StoreDialect dialect) {
        return new LiveWrites(jdbc, dialect);
    }

    @Bean
    ProgressRelay jobProgress() {
        return new ProgressRelay();
    }

    @Bean
    JobLock jobLock(JdbcTemplate jdbc, Clock clock) {
        return new JobLock(jdbc, clock);
    }

    @Bean
    PolicyStore policyStore(JdbcTemplate jdbc) {
        return new PolicyStore(jdbc);
    }
}

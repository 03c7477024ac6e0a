package io.leadscore.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * The Spring application behind store-backed commands and {@code serve}. Beans,
 * entities and repositories come from the project's own packages only.
 */
@SpringBootApplication(scanBasePackages = "io.leadscore")
@EntityScan(basePackages = "io.leadscore.batch")
@EnableJpaRepositories(basePackages = "io.leadscore.batch")
public class LeadscoreApplication {
}

package io.leadscore.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring application behind store-backed commands and {@code serve}. */
@SpringBootApplication(scanBasePackages = "io.leadscore")
public class LeadscoreApplication {
}

package io.leadscore.app.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where a headless Chromium and its driver are found;
 * elsewhere it is reported as skipped, with the reason. CI names them with
 * {@value #CHROMIUM} and {@value #CHROMEDRIVER}: then they must be there, and
 * a missing one fails instead of skipping. Locally the Debian packages'
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} are used when
 * installed ({@code apt-get install -y chromium chromium-driver}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresBrowser.Condition.class)
public @interface RequiresBrowser {
    String CHROMIUM = "LEADSCORE_TEST_CHROMIUM";
    String CHROMEDRIVER = "LEADSCORE_TEST_CHROMEDRIVER";
    Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The browser and driver to use, or {@code null} when there are none. */
    record Binaries(Path chromium, Path chromedriver) {
        public static Binaries find() {
            String browser = System.getenv(CHROMIUM);
            String driver = System.getenv(CHROMEDRIVER);
            if (browser != null && !browser.isBlank()) {
                Path b = Path.of(browser);
                Path d = driver == null || driver.isBlank() ? DEFAULT_CHROMEDRIVER : Path.of(driver);
                if (!Files.isExecutable(b) || !Files.isExecutable(d)) {
                    throw new IllegalStateException("Browser tests are required here (" + CHROMIUM + " is set) but "
                            + (!Files.isExecutable(b) ? b : d) + " is not an executable file");
                }
                return new Binaries(b, d);
            }
            if (Files.isExecutable(DEFAULT_CHROMIUM) && Files.isExecutable(DEFAULT_CHROMEDRIVER)) {
                return new Binaries(DEFAULT_CHROMIUM, DEFAULT_CHROMEDRIVER);
            }
            return null;
        }
    }

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Binaries found = Binaries.find();
            if (found != null) {
                return ConditionEvaluationResult.enabled("Chromium " + found.chromium() + ", driver " + found.chromedriver());
            }
            return ConditionEvaluationResult.disabled("Skipped: no headless Chromium found. Install the Debian packages"
                    + " chromium and chromium-driver, or set " + CHROMIUM + " and " + CHROMEDRIVER + " (CI sets them).");
        }
    }
}

package io.leadscore.batch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where a PostgreSQL server is configured
 * ({@link TestStores#POSTGRES_URL_VARIABLE}); elsewhere it is reported as
 * skipped, with the reason. With {@code LEADSCORE_TEST_POSTGRES_REQUIRED=true}
 * (set by {@code .ci/run}) a missing server fails instead of skipping.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = System.getenv(TestStores.POSTGRES_URL_VARIABLE);
            if (url != null && !url.isBlank()) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + url.replaceAll("password=[^&]*", "password=***"));
            }
            if ("true".equalsIgnoreCase(System.getenv("LEADSCORE_TEST_POSTGRES_REQUIRED"))) {
                throw new IllegalStateException("PostgreSQL tests are required here but "
                        + TestStores.POSTGRES_URL_VARIABLE + " is not set");
            }
            return ConditionEvaluationResult.disabled("Skipped: no PostgreSQL server configured. Set "
                    + TestStores.POSTGRES_URL_VARIABLE + " to a JDBC URL (.ci/run starts a server and sets it).");
        }
    }
}

package io.leadscore.batch.slacheck;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The job parameters of {@code slaCheckJob}: {@code as.of}, the instant the
 * SLAs are judged at (ISO-8601, e.g. {@code 2026-03-14T02:00:00Z}; not in the
 * future: a check judges only what has happened), and {@code requested.at},
 * which makes every run its own job instance.
 */
final class SlaCheckParameters {
    static final String AS_OF = "as.of";
    static final String REQUESTED_AT = "requested.at";

    private SlaCheckParameters() {
    }

    static JobParametersValidator validator(Clock clock) {
        DefaultJobParametersValidator names = new DefaultJobParametersValidator(new String[] {AS_OF, REQUESTED_AT},
                new String[0]);
        return parameters -> {
            names.validate(parameters);
            Instant asOf = asOf(parameters.getString(AS_OF));
            Instant now = clock.instant();
            if (asOf.isAfter(now)) {
                // said in the user's words: the flag already names the value, the job's parameter name is internal
                throw new InvalidJobParametersException(asOf + " is in the future (now " + now + "); an SLA check"
                        + " judges only what has happened");
            }
        };
    }

    static Instant asOf(JobParameters parameters) {
        try {
            return asOf(parameters.getString(AS_OF));
        } catch (InvalidJobParametersException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Instant asOf(String text) throws InvalidJobParametersException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidJobParametersException("Invalid " + AS_OF + ": '" + text
                    + "', expected an instant such as 2026-03-14T02:00:00Z");
        }
    }
}

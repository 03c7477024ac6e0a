package io.leadscore.batch.funnelreport;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The job parameters of {@code funnelReportJob}, instants in ISO-8601 (e.g.
 * {@code 2026-03-14T00:00:00Z}): {@code as.of}, required and not in the future;
 * {@code from} and {@code to}, optional bounds of the cohort's creation times
 * ({@code from} inclusive, {@code to} exclusive); {@code requested.at}, which
 * makes every run its own job instance.
 */
final class FunnelReportParameters {
    static final String AS_OF = "as.of";
    static final String FROM = "from";
    static final String TO = "to";
    static final String REQUESTED_AT = "requested.at";

    private FunnelReportParameters() {
    }

    static JobParametersValidator validator(Clock clock) {
        DefaultJobParametersValidator names = new DefaultJobParametersValidator(new String[] {AS_OF, REQUESTED_AT},
                new String[] {FROM, TO});
        return parameters -> {
            names.validate(parameters);
            Cohort cohort;
            try {
                cohort = new Cohort(instant(parameters, FROM), instant(parameters, TO), instant(parameters, AS_OF));
            } catch (IllegalArgumentException e) {
                throw new InvalidJobParametersException(e.getMessage());
            }
            Instant now = clock.instant();
            if (cohort.asOf().isAfter(now)) {
                throw new InvalidJobParametersException("Invalid " + AS_OF + ": " + cohort.asOf()
                        + " is in the future (now " + now + "); a report counts only what has happened");
            }
        };
    }

    static Cohort cohort(JobParameters parameters) {
        try {
            return new Cohort(instant(parameters, FROM), instant(parameters, TO), instant(parameters, AS_OF));
        } catch (InvalidJobParametersException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Instant instant(JobParameters parameters, String name) throws InvalidJobParametersException {
        String text = parameters.getString(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidJobParametersException("Invalid " + name + ": '" + text
                    + "', expected an instant such as 2026-03-14T00:00:00Z");
        }
    }
}
